#pragma once
// The demo's P3 case (services/demo/demo_special_workplaces.h), seeded on SQLite
// (demo_seeding_test.cpp) and PostgreSQL (demo_seeding_pgtest.cpp) by the harness's demo with
// the tests' dev CA, on its Monday 23 November 2026, and read back through the API as its users
// see it: a contract signed by both parties in force since June, five monthly reports (July's
// late) each with its wage subsidy, the orders approved with the head's EDS, one batch exported
// and settled by the bank's statement (one order returned), two drafts left for the head, this
// month's report still to come; the same again when seeded twice; none without a dev CA.
// Alongside it on the same clock (services/demo/demo_programmes.h): P2's contract in force and
// its vacancy published; P1 route A handed from Kyzylorda to Petropavl, its social contract in
// force and its orders; a route B application refused. Also the region of arrival of a
// relocation (P1): North Kazakhstan's offices, staff, employer and vacancies, and the demo job
// seeker's family. Then the public-service cases of services/demo/demo_services.h, as the
// analyst's panels count them from the store.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "core/identifiers.h"
#include "security/eds_test_support.h"
#include "server/testing/api_harness.h"
#include "services/demo/demo_data.h"
#include "storage/audit_log.h"

namespace jumys::testing {

class DemoSeedingSuite : public ::testing::TestWithParam<Backend> {
 protected:
  using json = nlohmann::json;

  DemoSeedingSuite() : api_(GetParam(), true, {}, std::chrono::seconds(0), {}, TestDevCaDir()) {}

  json GetJson(const std::string& target, const std::string& login) {
    auto it = tokens_.find(login);
    if (it == tokens_.end()) it = tokens_.emplace(login, api_.Login(login)).first;
    auto r = api_.Call("GET", target, "", it->second);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return json::parse(r.body);
  }

  // Rows of a query, each row's columns joined by '|'.
  static std::vector<std::string> Rows(ApiHarness& api, const std::string& sql) {
    std::vector<std::string> out;
    EXPECT_TRUE(api.runtime()
                    .db()
                    .Read([&](storage::Tx& tx) -> Status {
                      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
                      for (std::size_t r = 0; r < rows.size(); ++r) {
                        std::string line;
                        for (std::size_t c = 0; c < rows.columns().size(); ++c) {
                          line += (c ? "|" : "") + (rows.IsNull(r, c) ? "-" : rows.Text(r, c));
                        }
                        out.push_back(line);
                      }
                      return {};
                    })
                    .has_value());
    return out;
  }

  // What the demo made, apart from random codes and signatures: the case's steps with their
  // times, the reports, the orders and the contract.
  static std::vector<std::string> Made(ApiHarness& api) {
    std::vector<std::string> all;
    for (const char* sql :
         {"SELECT step, created_at, completed_at, completed_by, outcome FROM tasks ORDER BY id",
          "SELECT period, due_on, late, status, filed_at, wages_paid FROM monthly_reports ORDER "
          "BY id",
          "SELECT number, kind, amount, period_from, status, return_reason, created_at, "
          "approved_at, settled_at, batch_id FROM payment_orders ORDER BY id",
          "SELECT number, amount, starts_on, ends_on, status FROM contracts ORDER BY id"}) {
      for (auto& row : Rows(api, sql)) all.push_back(std::move(row));
    }
    return all;
  }

  ApiHarness api_;
  std::map<std::string, std::string> tokens_;
};

TEST_P(DemoSeedingSuite, TheContractIsInForceWithFiveMonthsReportedAndItsPaymentsSettled) {
  const DemoSeeding& seeding = api_.runtime().demo_seeding();
  ASSERT_TRUE(seeding.seeded);
  EXPECT_EQ(seeding.dev_ca_remade, "") << "the tests' dev CA reaches back over the case";
  ASSERT_EQ(seeding.p3.stopped, "");
  EXPECT_EQ(seeding.p3.monthly_reports, 5);
  EXPECT_EQ(seeding.p3.orders, 6);
  EXPECT_EQ(seeding.p3.batch, "KZO-CITY-2026-B000001");
  const std::string id = std::to_string(seeding.p3.case_id);

  // The case waits for December's start, when November's report opens.
  const json kase = GetJson("/api/v1/cases/" + id, "employers");
  EXPECT_EQ(kase["number"], seeding.p3.case_number);
  EXPECT_EQ(kase["process"], "special-workplaces");
  EXPECT_EQ(kase["channel"], "portal");
  EXPECT_EQ(kase["status"], "open");
  std::vector<std::string> open;
  for (const auto& t : kase["tasks"]) {
    if (t["open"] == true)
      open.push_back(t["step"].get<std::string>() + "@" + t.value("due_at", ""));
  }
  EXPECT_EQ(open, std::vector<std::string>{"monitor@2026-11-30T19:00:00Z"});
  ASSERT_EQ(kase["parties"].size(), 2u) << kase.dump();
  for (const auto& p : kase["parties"]) EXPECT_EQ(p["party"], "referred");
  // The two referred persons' disability, recorded on their cards before the referral.
  EXPECT_EQ(Rows(api_,
                 "SELECT iin, disability_group, recorded_by FROM card_disabilities ORDER "
                 "BY iin"),
            (std::vector<std::string>{"851102400347|3|employers", "880722300562|2|clerk2"}));
  // The special vacancy of the case, suitable for persons with disabilities.
  EXPECT_EQ(
      Rows(api_, "SELECT disability_suitable, workplaces FROM vacancies WHERE case_id = " + id),
      std::vector<std::string>{"1|2"});

  // The contract both parties signed with EDS, twelve months from June.
  const json contracts = GetJson("/api/v1/contracts?case=" + id, "employer");
  ASSERT_EQ(contracts.size(), 1u);
  const json& contract = contracts[0];
  EXPECT_EQ(contract["status"], "in_force");
  EXPECT_EQ(contract["number"], "АЖО-2026-001");
  EXPECT_EQ(contract["starts_on"], "2026-06-01");
  EXPECT_EQ(contract["ends_on"], "2027-05-31");
  EXPECT_EQ(contract["amount"], contract["proposed_amount"]);
  ASSERT_EQ(contract["signatures"].size(), 2u) << contract.dump();
  EXPECT_EQ(contract["signatures"][0]["party"], "customer");
  EXPECT_EQ(contract["signatures"][0]["login"], "head");
  EXPECT_EQ(contract["signatures"][1]["party"], "contractor");
  EXPECT_EQ(contract["signatures"][1]["bin"], "080540001238");

  // June to October reported in the following month, July's after its due day.
  EXPECT_EQ(Rows(api_, "SELECT period, late, status FROM monthly_reports WHERE case_id = " + id +
                           " ORDER BY period"),
            (std::vector<std::string>{"2026-06|0|ordered", "2026-07|1|ordered", "2026-08|0|ordered",
                                      "2026-09|0|ordered", "2026-10|0|ordered"}));

  // The orders: the workplace subsidy and a wage subsidy a month. The batch of October took the
  // four approved then (the head's EDS on each); the statement paid three and returned one;
  // September's (ordered before the export) and October's wait for the head.
  const json orders = GetJson("/api/v1/payments?case=" + id, "head");
  ASSERT_EQ(orders.size(), 6u) << orders.dump();
  const std::vector<std::string> statuses = {"paid", "paid", "paid", "returned", "draft", "draft"};
  for (std::size_t i = 0; i < orders.size(); ++i) {
    const json& o = orders[i];
    SCOPED_TRACE(o.dump());
    EXPECT_EQ(o["number"], "KZO-CITY-2026-P00000" + std::to_string(i + 1));
    EXPECT_EQ(o["kind"], i == 0 ? "workplace_subsidy" : "wage_subsidy");
    EXPECT_EQ(o["status"], statuses[i]);
    EXPECT_EQ(o["payee"]["bin"], "080540001238");
    EXPECT_EQ(o["contract_id"], contract["id"]);
    if (i < 4) {
      EXPECT_EQ(o["batch_id"], orders[0]["batch_id"]);
      EXPECT_EQ(o["approved"]["login"], "head");
      EXPECT_EQ(o["approved"]["signer_iin"], "78********17");
    } else {
      EXPECT_TRUE(o["approved"].is_null());
    }
  }
  EXPECT_EQ(orders[0]["amount"]["amount"], 235'000'000) << "what was spent, under the cap";
  // A full month: 70 % of 180 000 ₸ for each of the two persons (under 30 МРП).
  EXPECT_EQ(orders[2]["amount"]["amount"], 2 * 126'000'00);
  EXPECT_EQ(orders[2]["period"], json({{"from", "2026-07-01"}, {"to", "2026-07-31"}}));
  EXPECT_EQ(orders[3]["return_reason"], "AC04 account closed");
  const json batches = GetJson("/api/v1/payments/batches", "head");
  ASSERT_EQ(batches.size(), 1u) << batches.dump();
  EXPECT_EQ(batches[0]["number"], "KZO-CITY-2026-B000001");
  EXPECT_EQ(batches[0]["orders"], 4);

  // The employer was told of each payment, and sees them in the cabinet.
  int told = 0;
  const json inbox = GetJson("/api/v1/inbox", "employer");
  for (const auto& m : inbox["messages"]) told += m["template"] == "payment_made";
  EXPECT_EQ(told, 3) << inbox.dump();
  EXPECT_EQ(GetJson("/api/v1/payments?case=" + id, "employer").size(), 6u);

  // Written months back, the audit chain is whole.
  auto chain = storage::VerifyAudit(api_.runtime().db());
  ASSERT_TRUE(chain.has_value());
  EXPECT_TRUE(chain->ok) << chain->reason;
}

// The public-service cases (services/demo/demo_services.h), as the analyst's panels read the
// store: cards created, marked unemployed and taken off the register; referrals by what was
// decided; the employer's answers; a permit granted through its case.
TEST_P(DemoSeedingSuite, ThePublicServicesFillTheAnalystsPanels) {
  const auto& services = api_.runtime().demo_seeding().services;
  ASSERT_EQ(services.stopped, "");
  EXPECT_EQ(services.cases, 22) << "8 S1, 7 S2, 6 S3 and one S4a";
  EXPECT_EQ(services.placements, 2);
  // Registrations: the two cards demo_data.cpp seeds, the eight of the cases and the one P1
  // route A enters (6.4), all this year; the monthly visits of the unemployed, five referrals
  // (one to work), a hire and route A's social contract on the cards.
  EXPECT_EQ(Rows(api_,
                 "SELECT action, COUNT(*), MIN(substr(at, 1, 4)), MAX(substr(at, 1, 4)) FROM "
                 "employment_card_history GROUP BY action ORDER BY action"),
            (std::vector<std::string>{"attended|12|2026|2026", "created|11|2026|2026",
                                      "deregistered|2|2026|2026", "marked_unemployed|7|2026|2026",
                                      "placed|1|2026|2026", "referral|5|2026|2026",
                                      "social_contract|1|2026|2026"}));
  // One stopped coming (the visit's timer), one came to say he found work.
  EXPECT_EQ(Rows(api_,
                 "SELECT c.status, c.decided_kind, t.outcome, t.completed_by FROM cases c JOIN "
                 "tasks t ON t.case_id = c.id WHERE c.process = 'unemployed-attendance' AND "
                 "t.step = 'visit' AND t.outcome <> 'attended' ORDER BY c.id"),
            (std::vector<std::string>{"completed|deregistered|missed|system",
                                      "completed|deregistered|employed|employment"}));
  EXPECT_EQ(Rows(api_,
                 "SELECT status, COUNT(*) FROM employment_cards GROUP BY status ORDER BY "
                 "status"),
            (std::vector<std::string>{"deregistered|2", "job_seeker|4", "unemployed|5"}));
  // Referrals, each decided, signed and handed over in the city.
  EXPECT_EQ(
      Rows(api_,
           "SELECT decided_kind, status, office_id, COUNT(*) FROM cases WHERE process = "
           "'active-measures-referral' GROUP BY decided_kind, status, office_id ORDER BY "
           "decided_kind"),
      (std::vector<std::string>{
          "referral_employment|completed|kzo-city|2", "referral_public_works|completed|kzo-city|1",
          "referral_social_jobs|completed|kzo-city|1",
          "referral_youth_practice|completed|kzo-city|1", "refusal|refused|kzo-city|1"}));
  // The employer hired one of the two it was sent and said the other did not come.
  EXPECT_EQ(Rows(api_,
                 "SELECT p.status, COALESCE(p.reason, p.hired_on), p.answered_by, v.employer_bin, "
                 "v.workplaces_filled FROM placements p JOIN cases c ON c.id = p.case_id JOIN "
                 "vacancies v ON v.id = p.vacancy_id WHERE c.process = "
                 "'active-measures-referral' ORDER BY p.id"),
            (std::vector<std::string>{"hired|2026-11-20|employer|080540001238|1",
                                      "not_hired|did_not_come|employer|080540001238|1"}));
  // The permit granted through its case, its workers taken from the year's quota.
  EXPECT_EQ(
      Rows(api_,
           "SELECT p.number, p.employer_bin, p.office_id, p.category, p.workers, p.status, "
           "c.status FROM permits p JOIN cases c ON c.id = p.case_id"),
      std::vector<std::string>{services.permit + "|150340004568|kzo-oblast|4|3|valid|completed"});
  EXPECT_EQ(Rows(api_,
                 "SELECT used FROM permit_quotas WHERE office_id = 'kzo-oblast' AND year = "
                 "2026 AND category = 4"),
            std::vector<std::string>{"3"});
  // Each applicant a person on record with a valid IIN (the eight, and P1's two seekers);
  // nothing done at or after now.
  const auto iins = Rows(api_,
                         "SELECT DISTINCT c.applicant_iin, p.iin FROM cases c LEFT JOIN people p "
                         "ON p.iin = c.applicant_iin WHERE c.applicant_iin IS NOT NULL");
  EXPECT_EQ(iins.size(), 10u);
  for (const auto& row : iins) {
    const std::string iin = row.substr(0, row.find('|'));
    EXPECT_EQ(row, iin + "|" + iin);
    EXPECT_TRUE(Iin::Parse(iin)) << iin;
  }
  EXPECT_EQ(Rows(api_, "SELECT COUNT(*) FROM tasks WHERE completed_at >= '" +
                           FormatRfc3339(api_.Now()) + "'"),
            std::vector<std::string>{"0"});
  // The oblast's analyst, who sees all of it.
  EXPECT_EQ(Rows(api_, "SELECT kind, office_id, roles FROM users WHERE login = 'oblast-analyst'"),
            std::vector<std::string>{"staff|kzo-oblast|analyst"});
}

TEST_P(DemoSeedingSuite, NorthKazakhstanIsReadyForARelocationFromKyzylorda) {
  EXPECT_EQ(Rows(api_,
                 "SELECT id, kato, oblast_kato, level, time_zone, name_en FROM offices WHERE "
                 "oblast_kato = '590000000' ORDER BY id"),
            (std::vector<std::string>{
                "nko-oblast|590000000|590000000|oblast|Asia/Almaty|North Kazakhstan Oblast "
                "Department of Employment Coordination and Social Programmes",
                "nko-petropavl|591010000|590000000|centre|Asia/Almaty|Petropavl City Employment "
                "Centre"}));
  // UTC+5, as all Kazakhstan since March 2024 (a tzdata before 2024a would say +6).
  const auto petropavl = api_.runtime().offices().Find("nko-petropavl");
  ASSERT_NE(petropavl, nullptr);
  EXPECT_EQ(petropavl->time_zone.OffsetAt(api_.Now()), std::chrono::hours(5));
  EXPECT_EQ(Rows(api_,
                 "SELECT login, kind, office_id, roles, COALESCE(iin, ''), COALESCE(bin, '') "
                 "FROM users WHERE login LIKE 'pet-%' OR login LIKE 'nko-%' OR login = "
                 "'employer-nko' ORDER BY login"),
            (std::vector<std::string>{"employer-nko|applicant|-|employer||120940015272",
                                      "nko-analyst|staff|nko-oblast|analyst||",
                                      "nko-oblast-head|staff|nko-oblast|head|750611300017|",
                                      "pet-clerk|staff|nko-petropavl|office_clerk||",
                                      "pet-employers|staff|nko-petropavl|employer_specialist||",
                                      "pet-employment|staff|nko-petropavl|employment_specialist||",
                                      "pet-head|staff|nko-petropavl|head|790814300018|"}));
  EXPECT_EQ(Rows(api_, std::string("SELECT name, registered_on, kato, office_id FROM employers "
                                   "WHERE bin = '") +
                           demo::kDemoNkoEmployerBin + "'"),
            std::vector<std::string>{
                "«Петропавл Агро» ЖШС / ТОО «Петропавл Агро»|2012-09-18|591010000|nko-petropavl"});
  // The employer's key (its BIN in the certificate) signs in its account.
  auto challenge = api_.Call("POST", "/api/v1/auth/eds-challenge", "{}");
  ASSERT_EQ(challenge.status, 201) << challenge.body;
  const std::string text = json::parse(challenge.body)["challenge"];
  auto der = SignWithKeyFile(TestDevCaDir() / "employer-nko.p12", kDevCaPassword, text);
  ASSERT_TRUE(der) << der.error().message;
  auto signed_in = api_.Call("POST", "/api/v1/auth/eds-login",
                             json{{"challenge", text}, {"signature", Base64Encode(*der)}}.dump());
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(json::parse(signed_in.body)["user"]["login"], "employer-nko");

  // What a job seeker from Kyzylorda finds in the region, as the Petropavl centre shows it.
  const json found = GetJson("/api/v1/vacancies?kato=59", "pet-employment");
  ASSERT_EQ(found["items"].size(), 2u) << found.dump();
  std::vector<std::string> items;
  for (const auto& v : found["items"]) {
    EXPECT_EQ(v["employer"]["bin"], demo::kDemoNkoEmployerBin);
    EXPECT_EQ(v["kato"], "591010000");
    items.push_back(v["nkz"].get<std::string>() + "|" +
                    std::to_string(v["wage"]["amount"].get<std::int64_t>()) + "|" +
                    std::to_string(v["workplaces"].get<int>()));
  }
  std::sort(items.begin(), items.end());
  EXPECT_EQ(items, (std::vector<std::string>{"7|32000000|3", "8|30000000|5"}));
  EXPECT_EQ(
      GetJson("/api/v1/vacancies/managed?status=published", "pet-employers")["counts"]["published"],
      2);

  // The demo job seeker's wife and son, on record for a relocation tried by hand.
  EXPECT_EQ(Rows(api_, std::string("SELECT iin, surname, birth_date, sex, office_id FROM people "
                                   "WHERE iin IN ('") +
                           demo::kDemoSpouseIin + "', '" + demo::kDemoChildIin +
                           "') ORDER BY birth_date"),
            (std::vector<std::string>{"920308402613|Нұрпейісова|1992-03-08|female|kzo-city",
                                      "160921503849|Нұрпейісов|2016-09-21|male|kzo-city"}));
  for (const char* iin : {demo::kDemoSpouseIin, demo::kDemoChildIin}) {
    EXPECT_TRUE(Iin::Parse(iin)) << iin;
  }
  EXPECT_TRUE(Bin::Parse(demo::kDemoNkoEmployerBin));

  // Voluntary relocation's budgets, where the family leaves and where it arrives.
  EXPECT_EQ(Rows(api_,
                 "SELECT DISTINCT office_id, allocated FROM payment_budgets WHERE programme = "
                 "'voluntary-relocation' ORDER BY office_id"),
            (std::vector<std::string>{"kzo-aral|5000000000", "kzo-city|5000000000",
                                      "nko-petropavl|5000000000"}));
}

TEST_P(DemoSeedingSuite, TheProgrammesHaveTheirCasesAlongside) {
  const demo::ProgrammesDemoResult& made = api_.runtime().demo_seeding().programmes;
  for (const auto* c : {&made.subsidised_jobs, &made.relocation, &made.refused}) {
    EXPECT_EQ(c->stopped, "") << c->case_number;
    EXPECT_NE(c->case_id, 0);
  }

  // P2: filed in August, decided on a list, the contract signed by both parties with EDS and in
  // force for six months, the subsidised vacancy published: the case is done.
  const std::string p2 = std::to_string(made.subsidised_jobs.case_id);
  EXPECT_EQ(made.subsidised_jobs.status, "completed");
  EXPECT_EQ(Rows(api_,
                 "SELECT c.process, c.office_id, c.channel, c.decided_kind, k.number, "
                 "k.status, k.starts_on, k.ends_on, k.amount FROM cases c JOIN contracts k "
                 "ON k.case_id = c.id WHERE c.id = " +
                     p2),
            std::vector<std::string>{"subsidised-jobs|kzo-city|portal|vacancy_published|СЖ-2026-"
                                     "001|in_force|2026-08-19|2027-01-31|63000000"});
  const json contracts = GetJson("/api/v1/contracts?case=" + p2, "employer");
  ASSERT_EQ(contracts.size(), 1u);
  ASSERT_EQ(contracts[0]["signatures"].size(), 2u) << contracts.dump();
  EXPECT_EQ(contracts[0]["signatures"][0]["login"], "head");
  EXPECT_EQ(contracts[0]["signatures"][1]["bin"], demo::kDemoEmployerBin);
  EXPECT_EQ(Rows(api_,
                 "SELECT d.status, i.outcome FROM decision_lists d JOIN decision_list_items "
                 "i ON i.list_id = d.id WHERE i.case_id = " +
                     p2),
            std::vector<std::string>{"recorded|approved"});
  // The vacancy is the contract's.
  EXPECT_EQ(Rows(api_,
                 "SELECT v.workplaces, k.number FROM vacancies v JOIN contracts k ON k.id = "
                 "v.contract_id WHERE v.case_id = " +
                     p2),
            std::vector<std::string>{"2|СЖ-2026-001"});

  // P1 route A: the family of three included by North Kazakhstan's commission, the case handed
  // from Kyzylorda to Petropavl at 6.1, the tripartite social contract in force since August,
  // the relocation subsidy and two months' rent ordered; monitoring goes on.
  const std::string p1 = std::to_string(made.relocation.case_id);
  EXPECT_EQ(made.relocation.status, "open");
  EXPECT_EQ(made.relocation.office, "nko-petropavl");
  // The mover's own family, not the demo seeker's: his card, cases and history stay untouched
  // for the walk-throughs of README.md.
  EXPECT_EQ(Rows(api_, "SELECT applicant_iin FROM cases WHERE id = " + p1),
            std::vector<std::string>{demo::kDemoMoverIin});
  const std::string data = Rows(api_, "SELECT data FROM cases WHERE id = " + p1).at(0);
  const json family = json::parse(data)["family_members"];
  EXPECT_EQ(family.dump(),
            json::array({{{"iin", demo::kDemoMoverSpouseIin}, {"relation", "spouse"}},
                         {{"iin", demo::kDemoMoverChildIin}, {"relation", "child"}}})
                .dump());
  EXPECT_EQ(Rows(api_, std::string("SELECT (SELECT COUNT(*) FROM cases WHERE applicant_iin = '") +
                           demo::kDemoSeekerIin +
                           "') + (SELECT COUNT(*) FROM employment_cards WHERE iin = '" +
                           demo::kDemoSeekerIin + "')"),
            std::vector<std::string>{"0"});
  EXPECT_EQ(Rows(api_,
                 "SELECT route, arrival_oblast, year, persons, protocol_number, decided_on "
                 "FROM relocation_participants WHERE case_id = " +
                     p1),
            std::vector<std::string>{"departure|590000000|2026|3|14|2026-07-27"});
  EXPECT_EQ(Rows(api_,
                 "SELECT from_office, to_office, step, handed_by FROM case_handoffs WHERE "
                 "case_id = " +
                     p1),
            std::vector<std::string>{"kzo-city|nko-petropavl|receive_candidates|pet-employment"});
  EXPECT_EQ(Rows(api_,
                 "SELECT number, status, route, starts_on, ends_on, persons, employer_bin, "
                 "monthly_rent FROM social_contracts WHERE case_id = " +
                     p1),
            std::vector<std::string>{"СК-2026-001|in_force|departure|2026-08-13|2027-07-31|3|" +
                                     std::string(demo::kDemoNkoEmployerBin) + "|9000000"});
  EXPECT_EQ(Rows(api_,
                 "SELECT COUNT(*) FROM document_signatures s JOIN social_contracts c ON "
                 "c.document_id = s.document_id WHERE c.case_id = " +
                     p1),
            std::vector<std::string>{"3"});
  // 70 МРП of 2026 (4 325 ₸) for each of three persons; 90 000 ₸ a month after each check.
  EXPECT_EQ(made.relocation.orders, 3);
  EXPECT_EQ(Rows(api_,
                 "SELECT kind, amount, period_from, status, office_id, programme FROM "
                 "payment_orders WHERE case_id = " +
                     p1 + " ORDER BY id"),
            (std::vector<std::string>{
                "material_assistance|90825000|2026-08-13|draft|nko-petropavl|voluntary-relocation",
                "rent_subsidy|9000000|2026-08-13|draft|nko-petropavl|voluntary-relocation",
                "rent_subsidy|9000000|2026-09-13|draft|nko-petropavl|voluntary-relocation"}));
  const json relocation = GetJson("/api/v1/cases/" + p1, "pet-employment");
  std::vector<std::string> open;
  for (const auto& t : relocation["tasks"]) {
    if (t["open"] == true) open.push_back(t["step"]);
  }
  EXPECT_EQ(open, std::vector<std::string>{"monitor_a"});
  EXPECT_EQ(GetJson("/api/v1/cases/" + p1, "employment")["read_only"], true);

  // P1 route B at Petropavl, refused at the check with its ground.
  const std::string refused = std::to_string(made.refused.case_id);
  EXPECT_EQ(Rows(api_, "SELECT process, office_id, status, decided_kind FROM cases WHERE id = " +
                           refused),
            std::vector<std::string>{"voluntary-relocation|nko-petropavl|refused|refusal"});
  EXPECT_EQ(
      Rows(api_, "SELECT step, outcome FROM tasks WHERE case_id = " + refused + " ORDER BY id"),
      (std::vector<std::string>{"accept_arrival_application|accepted",
                                "check_arrival|non_compliant"}));
}

TEST_P(DemoSeedingSuite, SeedingTheSameDayAgainMakesTheSameCase) {
  ApiHarness again(GetParam(), true, {}, std::chrono::seconds(0), {}, TestDevCaDir());
  const auto first = Made(api_), second = Made(again);
  EXPECT_GT(first.size(), 40u);
  EXPECT_EQ(first, second);
}

TEST_P(DemoSeedingSuite, WithoutADevCaThereIsNoCase) {
  ApiHarness plain(GetParam());
  EXPECT_TRUE(plain.runtime().demo_seeding().seeded);
  EXPECT_NE(plain.runtime().demo_seeding().p3_skipped, "");
  EXPECT_EQ(Rows(plain, "SELECT COUNT(*) FROM cases"), std::vector<std::string>{"0"});
  EXPECT_EQ(Rows(plain, "SELECT COUNT(*) FROM payment_orders"), std::vector<std::string>{"0"});
  // The budget is there all the same, for the tests that make orders.
  EXPECT_EQ(Rows(plain,
                 "SELECT programme, office_id, year, allocated FROM payment_budgets ORDER BY "
                 "programme, office_id, year"),
            (std::vector<std::string>{"special-workplaces|kzo-city|2026|5000000000",
                                      "voluntary-relocation|kzo-aral|2026|5000000000",
                                      "voluntary-relocation|kzo-city|2026|5000000000",
                                      "voluntary-relocation|nko-petropavl|2026|5000000000"}));
}

}  // namespace jumys::testing
