#pragma once
// P1 voluntary relocation (processes/voluntary-relocation, docs/RELOCATION.md) end to end through
// the API, on SQLite (relocation_api_test.cpp) and PostgreSQL (relocation_api_pgtest.cpp), the
// clock moved by the harness. Route A from Kyzylorda to Petropavl: the regional commission, the
// employer told, the hand-off at 6.1 (both offices and both oblasts read the whole history, the
// departure office no longer writes, a third office and another applicant see nothing), the
// tripartite contract signed by the head, the job seeker and the employer, the one-off payments
// and the first month's rent. Route B refused by the commission; a job seeker declining to sign.
// Route C to its first payments, then a broken condition that stops the orders. The quota
// reached, on a copy of reference/ with a small quota.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/case_results.h"
#include "security/password.h"
#include "server/case_api_support.h"
#include "services/demo/demo_data.h"

namespace jumys::testing {

class RelocationApiSuite : public CaseApiTest {
 protected:
  RelocationApiSuite() = default;
  explicit RelocationApiSuite(const std::filesystem::path& reference) : CaseApiTest(reference) {}

  static constexpr const char* kProcess = "voluntary-relocation";
  static constexpr const char* kIban = "KZ86125KZT5004100100";
  static constexpr const char* kEmployerIban = "KZ75125KZT2069100100";
  // 2026: МРП 4 325 ₸ (reference/programmes/mrp.yaml).
  static constexpr std::int64_t kMrpTiyn = 432'500;
  static constexpr std::int64_t kRentTiyn = 20 * kMrpTiyn;  // within 15-30 МРП

  static json Money(std::int64_t tiyn) { return {{"amount", tiyn}, {"currency", "KZT"}}; }
  static std::string ErrorKey(const http::HttpResponse& r) {
    return json::parse(r.body)["error"].value("key", "");
  }

  std::int64_t NkoVacancy() {
    return std::stoll(Select(std::string("SELECT MIN(id) FROM vacancies WHERE employer_bin = '") +
                             demo::kDemoNkoEmployerBin + "'"));
  }

  static json Family(std::initializer_list<std::string> iins) {
    json out = json::array();
    for (const auto& iin : iins) out.push_back({{"iin", iin}, {"relation", "child"}});
    return out;
  }

  http::HttpResponse File(const std::string& clerk, const std::string& office, json data,
                          const std::string& iin = demo::kDemoSeekerIin) {
    data["iban"] = kIban;
    return Post("/api/v1/cases",
                {{"process", kProcess},
                 {"channel", "office"},
                 {"office", office},
                 {"applicant", {{"iin", iin}}},
                 {"documents", Documents()},
                 {"data", data}},
                clerk);
  }

  std::int64_t FileRouteA(json family) {
    auto r = File("clerk", "kzo-city",
                  {{"route", "departure"},
                   {"destination_office", "nko-petropavl"},
                   {"vacancy", NkoVacancy()},
                   {"family_members", std::move(family)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("id", std::int64_t{0});
  }

  std::string Today(const std::string& office) {
    return FormatDate(OfficeDate(*api_.runtime().offices().Find(office), api_.Now()));
  }

  json Commission(const std::string& office) {
    return {{"protocol_number", "7"}, {"decided_on", Today(office)}};
  }

  json Refusal(const std::string& ground) {
    json c = Commission("nko-petropavl");
    c["grounds"] = json::array({ground});
    return c;
  }

  json CommissionRecord(const std::string& office) {
    json c = Commission(office);
    c["members"] = json::array({"Ахметов Серік Болатұлы", "Иванова Анна Петровна"});
    return c;
  }

  json Contract(const std::string& number, const std::string& ends_on) {
    return {{"contract_number", number}, {"ends_on", ends_on}, {"monthly_rent", Money(kRentTiyn)}};
  }

  // A signing step: `login` fetches the draft and signs it with their dev-CA key.
  std::string SignStep(std::int64_t case_id, const std::string& step, const std::string& login) {
    const std::int64_t task = TaskAt(case_id, step, login);
    const std::string pdf = TaskDocument(task, login);
    auto r = Complete(task, login, "signed", json::object(), SignAs(login, pdf));
    EXPECT_EQ(r.status, 200) << step << ": " << r.body;
    return pdf;
  }

  void Pass(std::chrono::seconds by) {
    api_.Advance(by);
    tokens_.clear();
    ASSERT_TRUE(api_.runtime().cases().FireDue().has_value());
  }

  // The case's payment orders (the registry's list, a bare array).
  json Orders(std::int64_t case_id, const std::string& head) {
    return GetJson("/api/v1/payments?case=" + std::to_string(case_id), head);
  }

  int Told(const std::string& login, const std::string& template_name) {
    int n = 0;
    const json inbox = GetJson("/api/v1/inbox", login);
    for (const auto& m : inbox["messages"]) n += m["template"] == template_name;
    return n;
  }

  // The employer of the Petropavl vacancies joins the programme from its cabinet, applying for
  // the employer subsidy too (relocation-employers, 2.1-3.3).
  void IncludeNkoEmployer() {
    auto r = Post("/api/v1/cases",
                  SignedRequest({{"process", "relocation-employers"},
                                 {"channel", "portal"},
                                 {"office", "nko-petropavl"},
                                 {"data",
                                  {{"requisites",
                                    {{"legal_name", "«Петропавл Агро» ЖШС"},
                                     {"legal_address", "Петропавл қ., Жамбыл к-сі 5"},
                                     {"iban", kEmployerIban},
                                     {"bank_bic", "HSBKKZKX"},
                                     {"signatory_name", "Омаров Дәулет"},
                                     {"signatory_position", "Директор"}}},
                                   {"subsidy_requested", true},
                                   {"workplaces_offered", 2},
                                   {"place", "591010000"}}}},
                                "employer-nko"),
                  "employer-nko");
    ASSERT_EQ(r.status, 201) << r.body;
    const std::int64_t id = json::parse(r.body)["id"];
    Take(id, "accept_application", "pet-employers", "accepted");
    Take(id, "review_conditions", "pet-employers", "compliant");
    Take(id, "decide_inclusion", "pet-employers", "included");
    Take(id, "enter_vacancies", "pet-employers", "entered",
         {{"vacancies", json::array({{{"position", "Агроном"},
                                      {"occupation", "2"},
                                      {"workplaces", 1},
                                      {"monthly_wage", Money(350'000'00)}}})}});
  }

  // Another job seeker's account, to prove they see nothing of this case.
  void AddSeeker(const std::string& login, const std::string& iin) {
    storage::UserRecord u;
    u.login = login;
    u.kind = "applicant";
    u.full_name = login;
    u.roles = "job_seeker";
    u.iin = iin;
    u.password_hash = HashPassword("demo");
    ASSERT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_TRY(storage::InsertUser(tx, u, "2026-11-23T05:00:00Z"));
                      return {};
                    })
                    .has_value());
  }

  // Route B at Petropavl from filing to the commission's wait (9.1-9.4).
  std::int64_t RouteBToCommission(const std::string& iin = demo::kDemoSeekerIin,
                                  json family = json::array()) {
    auto r = File("pet-clerk", "nko-petropavl",
                  {{"route", "arrival"}, {"family_members", std::move(family)}}, iin);
    EXPECT_EQ(r.status, 201) << r.body;
    const std::int64_t id = json::parse(r.body).value("id", std::int64_t{0});
    Take(id, "accept_arrival_application", "pet-employment", "accepted");
    Take(id, "check_arrival", "pet-employment", "compliant");
    Take(id, "enter_card_b", "pet-employment", "entered");
    Take(id, "send_to_commission_b", "pet-employment", "sent");
    return id;
  }

  // ... then included, to the contract drawn up (9.4-10.1).
  std::int64_t RouteBToContract(const std::string& number) {
    const std::int64_t id = RouteBToCommission();
    Take(id, "await_commission_b", "pet-employment", "included", Commission("nko-petropavl"));
    Take(id, "enter_commission_decision_b", "pet-employment", "entered",
         CommissionRecord("nko-petropavl"));
    Take(id, "notify_decision_b", "pet-employment", "notified");
    Take(id, "draw_up_contract_b", "pet-employment", "drawn_up", Contract(number, "2027-01-31"));
    return id;
  }

  int HttpStatus(const std::string& method, std::int64_t case_id, const std::string& login,
                 const std::string& tail = "", const json& body = json::object()) {
    return api_
        .Call(method, "/api/v1/cases/" + std::to_string(case_id) + tail,
              method == "GET" ? "" : body.dump(), Token(login))
        .status;
  }
};

TEST_P(RelocationApiSuite, RouteACrossesRegionsToItsFirstPayments) {
  IncludeNkoEmployer();
  AddSeeker("seeker2", FreshIin(61));
  const std::int64_t id = FileRouteA(Family({demo::kDemoSpouseIin, demo::kDemoChildIin}));
  ASSERT_NE(id, 0);
  const std::string case_path = "/api/v1/cases/" + std::to_string(id);

  // 5.1-5.4 at the centre of departure.
  Take(id, "accept_departure_application", "employment", "accepted");
  Take(id, "review_departure", "employment", "compliant");
  Take(id, "send_to_regional_commission", "employment", "sent");
  Take(id, "await_regional_commission", "employment", "included", Commission("kzo-city"));
  EXPECT_EQ(Select("SELECT persons FROM relocation_quota_use WHERE arrival_oblast = '590000000' "
                   "AND year = 2026"),
            "3");
  Take(id, "notify_employers", "employment", "notified");
  EXPECT_EQ(Told("employer-nko", "relocation_commission_decided"), 1);
  EXPECT_EQ(Told("employer", "relocation_commission_decided"), 0);

  // 6.1 at the centre of arrival: the case is handed over.
  Take(id, "receive_candidates", "pet-employment", "received");
  EXPECT_EQ(GetJson(case_path, "pet-employment")["office"], "nko-petropavl");
  for (const char* reader : {"employment", "pet-employment", "oblast-head", "nko-oblast-head"}) {
    EXPECT_EQ(HttpStatus("GET", id, reader), 200) << reader;
  }
  EXPECT_EQ(HttpStatus("POST", id, "employment", "/notes", {{"text", "Қосымша құжат"}}), 403);
  EXPECT_EQ(GetJson(case_path, "employment")["read_only"], true);
  EXPECT_EQ(GetJson(case_path, "pet-employment")["read_only"], false);
  EXPECT_EQ(HttpStatus("POST", id, "pet-employment", "/notes", {{"text", "Құжаттар келді"}}), 201);
  for (const char* stranger : {"clerk2", "employer", "seeker2"}) {
    EXPECT_EQ(HttpStatus("GET", id, stranger), 404) << stranger;
  }
  // The departure office still lists it; the arrival office's queue has the next step.
  bool listed = false;
  const json listing = GetJson("/api/v1/cases?process=voluntary-relocation", "employment");
  for (const auto& c : listing["items"]) listed = listed || c["id"] == id;
  EXPECT_TRUE(listed);

  Take(id, "notify_readiness", "pet-employment", "notified");
  EXPECT_EQ(Told("seeker", "relocation_region_ready"), 1);
  Take(id, "accept_arrival_documents", "pet-employment", "accepted");
  Take(id, "enter_card_a", "pet-employment", "entered");
  Take(id, "enter_commission_decision_a", "pet-employment", "entered",
       CommissionRecord("nko-petropavl"));
  // A rent outside 15-30 МРП is refused with its range.
  auto low = Complete(
      TaskAt(id, "draw_up_contract_a", "pet-employment"), "pet-employment", "drawn_up",
      {{"contract_number", "СК-1"}, {"ends_on", "2027-02-28"}, {"monthly_rent", Money(kMrpTiyn)}});
  EXPECT_EQ(low.status, 422) << low.body;
  EXPECT_EQ(DetailKeys(low)["data.monthly_rent"], "relocation.rent_out_of_range");
  Take(id, "draw_up_contract_a", "pet-employment", "drawn_up", Contract("СК-1", "2027-02-28"));

  // 7.2: the head, the job seeker and the employer sign the same PDF, each in their channel.
  const std::string pdf = SignStep(id, "head_signs_a", "pet-head");
  const std::int64_t seeker_task = TaskAt(id, "job_seeker_signs_a", "seeker");
  EXPECT_EQ(TaskDocument(seeker_task, "seeker"), pdf);
  ASSERT_EQ(Complete(seeker_task, "seeker", "signed", json::object(), SignAs("seeker", pdf)).status,
            200);
  const std::int64_t employer_task = TaskAt(id, "employer_signs_a", "employer-nko");
  EXPECT_EQ(TaskDocument(employer_task, "employer-nko"), pdf);
  // Another employer's key does not sign for this one.
  EXPECT_EQ(
      Complete(employer_task, "employer-nko", "signed", json::object(), SignAs("employer", pdf))
          .status,
      422);
  ASSERT_EQ(
      Complete(employer_task, "employer-nko", "signed", json::object(), SignAs("employer-nko", pdf))
          .status,
      200);
  EXPECT_EQ(Select("SELECT status FROM social_contracts WHERE case_id = " + std::to_string(id)),
            "in_force");
  EXPECT_EQ(Select("SELECT COUNT(*) FROM document_signatures s JOIN social_contracts c ON "
                   "c.document_id = s.document_id WHERE c.case_id = " +
                   std::to_string(id)),
            "3");
  // The employer reads the case it signed for, not the person's application.
  const json seen = GetJson(case_path, "employer-nko");
  EXPECT_FALSE(seen.contains("data"));
  EXPECT_FALSE(seen.contains("parties"));
  Take(id, "record_contract_a", "pet-employment", "entered");

  // 8.2: the relocation subsidy for three persons, and the employer's subsidy to the account
  // it gave when it joined the programme; each with the social contract as its basis.
  Take(id, "pay_assistance_a", "pet-head", "ordered");
  json orders = Orders(id, "pet-head");
  ASSERT_EQ(orders.size(), 2u) << orders.dump();
  std::map<std::string, json> by_kind;
  for (const auto& o : orders) by_kind[o["kind"]] = o;
  EXPECT_EQ(by_kind["material_assistance"]["amount"], Money(3 * 70 * kMrpTiyn));
  EXPECT_EQ(by_kind["material_assistance"]["payee"]["iban"], kIban);
  EXPECT_EQ(by_kind["employer_subsidy"]["amount"], Money(400 * kMrpTiyn));
  EXPECT_EQ(by_kind["employer_subsidy"]["payee"]["iban"], kEmployerIban);
  EXPECT_EQ(by_kind["employer_subsidy"]["payee"]["bin"], demo::kDemoNkoEmployerBin);
  const std::string basis = by_kind["material_assistance"]["basis"];
  EXPECT_EQ(basis.rfind("social_contract:", 0), 0u) << basis;
  EXPECT_EQ(by_kind["employer_subsidy"]["basis"], basis);

  // 8.1 a month on: the conditions are met, the month's rent is ordered.
  Pass(std::chrono::hours(24 * 31));
  Take(id, "check_conditions_a", "pet-employment", "conditions_met",
       {{"checked_on", Today("nko-petropavl")}, {"findings", "Тұрады, жұмыс істейді"}});
  Take(id, "pay_rent_a", "pet-head", "ordered");
  orders = Orders(id, "pet-head");
  ASSERT_EQ(orders.size(), 3u) << orders.dump();
  bool rent = false;
  for (const auto& o : orders)
    rent = rent || (o["kind"] == "rent_subsidy" && o["amount"] == Money(kRentTiyn));
  EXPECT_TRUE(rent) << orders.dump();

  // One timeline across both offices, the hand-off on it.
  const json kase = GetJson(case_path, "employment");
  std::set<std::string> offices, actions;
  for (const auto& t : kase["tasks"]) offices.insert(t.value("office", ""));
  for (const auto& e : kase["events"]) actions.insert(e.value("action", ""));
  EXPECT_TRUE(offices.count("kzo-city") && offices.count("nko-petropavl")) << kase["tasks"].dump();
  EXPECT_TRUE(actions.count("case.hand_off")) << kase["events"].dump();
  EXPECT_TRUE(actions.count("case.create")) << kase["events"].dump();
}

TEST_P(RelocationApiSuite, RouteBPaysARefusalIsToldAndAJobSeekerMayDeclineToSign) {
  const std::int64_t refused = RouteBToCommission();
  const std::int64_t wait = TaskAt(refused, "await_commission_b", "pet-employment");
  auto no = Post("/api/v1/tasks/" + std::to_string(wait) + "/complete",
                 {{"outcome", "not_included"}, {"data", Refusal("commission_not_included")}},
                 "pet-employment");
  ASSERT_EQ(no.status, 200) << no.body;
  const json closed = json::parse(no.body);
  EXPECT_EQ(closed["status"], "refused");
  EXPECT_EQ(closed["result"]["kind"], "refusal");
  EXPECT_EQ(Told("seeker", "relocation_decision"), 1);
  EXPECT_EQ(Select("SELECT COUNT(*) FROM relocation_participants"), "0");

  // Included, signed by the head and the job seeker, entered, paid: one person moves.
  const std::int64_t paid = RouteBToContract("СК-2");
  EXPECT_EQ(Told("seeker", "relocation_decision"), 2);  // 9.6
  SignStep(paid, "head_signs_b", "pet-head");
  SignStep(paid, "job_seeker_signs_b", "seeker");
  Take(paid, "record_contract_b", "pet-employment", "entered");
  Take(paid, "pay_assistance_b", "pet-head", "ordered");
  const json orders = Orders(paid, "pet-head");
  ASSERT_EQ(orders.size(), 1u) << orders.dump();
  EXPECT_EQ(orders[0]["kind"], "material_assistance");
  EXPECT_EQ(orders[0]["amount"], Money(70 * kMrpTiyn));

  // Another: the job seeker declines the contract in the cabinet, with a reason.
  const std::int64_t id = RouteBToContract("СК-4");
  SignStep(id, "head_signs_b", "pet-head");
  const std::int64_t task = TaskAt(id, "job_seeker_signs_b", "seeker");
  auto silent = Complete(task, "seeker", "declined");
  EXPECT_EQ(silent.status, 422) << silent.body;
  auto declined = Complete(task, "seeker", "declined", {{"refusal_reason", "Отбасылық жағдай"}});
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(json::parse(declined.body)["status"], "cancelled");
  EXPECT_EQ(Select("SELECT status || ':' || status_reason FROM social_contracts WHERE case_id = " +
                   std::to_string(id)),
            "refused:Отбасылық жағдай");
  EXPECT_EQ(Select("SELECT COUNT(*) FROM payment_orders WHERE case_id = " + std::to_string(id)),
            "0");
}

TEST_P(RelocationApiSuite, RouteCPaysUntilMonitoringFindsAConditionBroken) {
  AddStaff("aral-employment", "kzo-aral", "employment_specialist");
  const std::string child = FreshIin(41);
  auto r = File("clerk2", "kzo-aral", {{"route", "oblast"}, {"family_members", Family({child})}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::int64_t id = json::parse(r.body)["id"];
  Take(id, "accept_oblast_application", "aral-employment", "accepted");
  Take(id, "check_oblast", "aral-employment", "compliant");
  Take(id, "enter_card_c", "aral-employment", "entered");
  Take(id, "send_to_district_commission", "aral-employment", "sent");
  Take(id, "district_commission", "aral-employment", "approved", Commission("kzo-aral"));
  Take(id, "enter_commission_decision_c", "aral-employment", "entered",
       CommissionRecord("kzo-aral"));
  Take(id, "notify_decision_c", "aral-employment", "notified");
  Take(id, "issue_referral", "aral-employment", "issued",
       {{"settlement", "431010000"},
        {"employer_name", "«Сыр Құрылыс» ЖШС"},
        {"position", "Дәнекерлеуші"}});
  EXPECT_EQ(Select("SELECT COUNT(*) FROM case_links WHERE kind = 'referral_document' AND case_id "
                   "= " +
                   std::to_string(id)),
            "1");
  Take(id, "draw_up_contract_c", "aral-employment", "drawn_up", Contract("СК-3", "2027-03-31"));
  SignStep(id, "head_signs_c", "head2");
  SignStep(id, "job_seeker_signs_c", "seeker");
  Take(id, "record_contract_c", "aral-employment", "entered");
  Take(id, "pay_assistance_c", "head2", "ordered");
  json orders = Orders(id, "head2");
  ASSERT_EQ(orders.size(), 1u) << orders.dump();
  EXPECT_EQ(orders[0]["amount"], Money(2 * 70 * kMrpTiyn));
  // Paying the same basis again is refused by the registry, and nothing changes.
  EXPECT_EQ(Select("SELECT COUNT(*) FROM payment_orders WHERE kind = 'material_assistance' AND "
                   "case_id = " +
                   std::to_string(id)),
            "1");

  Pass(std::chrono::hours(24 * 31));
  Take(id, "check_conditions_c", "aral-employment", "conditions_met",
       {{"checked_on", Today("kzo-aral")}, {"findings", "Тұрады, жұмыс істейді"}});
  Take(id, "pay_rent_c", "head2", "ordered");
  Pass(std::chrono::hours(24 * 31));
  auto broken = Complete(
      TaskAt(id, "check_conditions_c", "aral-employment"), "aral-employment", "condition_broken",
      {{"checked_on", Today("kzo-aral")}, {"findings", "Қабылдау өңірінен кетті"}});
  ASSERT_EQ(broken.status, 200) << broken.body;
  EXPECT_EQ(json::parse(broken.body)["result"]["kind"], "contract_terminated");
  EXPECT_EQ(Select("SELECT status FROM social_contracts WHERE case_id = " + std::to_string(id)),
            "terminated");
  // No more orders: two months on, nothing opens and nothing is ordered.
  Pass(std::chrono::hours(24 * 62));
  EXPECT_EQ(Select("SELECT COUNT(*) FROM payment_orders WHERE case_id = " + std::to_string(id)),
            "2");
  EXPECT_EQ(Select("SELECT COUNT(*) FROM tasks WHERE completed_at IS NULL AND case_id = " +
                   std::to_string(id)),
            "0");
}

// The quota of North Kazakhstan for 2026 set to 4 persons in a copy of reference/.
class RelocationQuotaSuite : public RelocationApiSuite {
 protected:
  RelocationQuotaSuite() : RelocationApiSuite(SmallQuota()) {}

  static std::filesystem::path SmallQuota() {
    static const std::filesystem::path dir = [] {
      const auto to = std::filesystem::temp_directory_path() /
                      ("jumys-p1-reference-" + std::to_string(::getpid()));
      std::filesystem::remove_all(to);
      std::filesystem::copy(SourceDir() / "reference", to,
                            std::filesystem::copy_options::recursive);
      const auto file = to / "relocation" / "regions.yaml";
      std::ifstream in(file);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const std::string from = "quotas: {2026: 2820}";
      text.replace(text.find(from), from.size(), "quotas: {2026: 4}");
      std::ofstream(file) << text;
      return to;
    }();
    return dir;
  }
};

TEST_P(RelocationQuotaSuite, ADecisionBeyondTheQuotaIsRefusedWithThatGround) {
  const std::int64_t first = RouteBToCommission(FreshIin(51), Family({FreshIin(52), FreshIin(53)}));
  Take(first, "await_commission_b", "pet-employment", "included", Commission("nko-petropavl"));
  const std::int64_t second = RouteBToCommission(FreshIin(54), Family({FreshIin(55)}));
  const std::int64_t wait = TaskAt(second, "await_commission_b", "pet-employment");
  auto over = Complete(wait, "pet-employment", "included", Commission("nko-petropavl"));
  ASSERT_EQ(over.status, 422) << over.body;
  EXPECT_EQ(ErrorKey(over), "relocation.quota_exceeded");
  EXPECT_NE(over.body.find("3 are taken"), std::string::npos) << over.body;
  EXPECT_EQ(Select("SELECT persons FROM relocation_quota_use"), "3");
  auto refused =
      Post("/api/v1/tasks/" + std::to_string(wait) + "/complete",
           {{"outcome", "not_included"}, {"data", Refusal("quota_exhausted")}}, "pet-employment");
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["result"]["kind"], "refusal");
  // One more person still fits.
  const std::int64_t third = RouteBToCommission(FreshIin(56), json::array());
  Take(third, "await_commission_b", "pet-employment", "included", Commission("nko-petropavl"));
  EXPECT_EQ(Select("SELECT persons FROM relocation_quota_use"), "4");
}

}  // namespace jumys::testing
