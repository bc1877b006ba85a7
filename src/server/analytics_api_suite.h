#pragma once
// The analyst's dashboards reconciled to the cases (docs/ANALYTICS.md), on SQLite
// (analytics_api_test.cpp) and PostgreSQL (analytics_api_pgtest.cpp). A known set of cases is
// worked through the engine — five registrations, two registrations as unemployed, one
// deregistration, referrals to every measure and a refusal, two placements answered — and the
// records of the programmes are written beside two P1 and one P2 application; then every figure
// of every table must have moved by exactly what that set says, and nothing else. The SLA table
// agrees with the SLA report; the exports carry the same figures; the open data hides the
// small cells.
#include <map>

#include "engine/case_results.h"
#include "server/case_api_support.h"
#include "services/demo/demo_data.h"
#include "services/testing/subsidised_jobs_application.h"

namespace jumys::testing {

class AnalyticsApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kPeriod = "/api/v1/analytics?from=2026-11-01&to=2026-11-30";

  // Every numeric cell as "table|label cells|column" -> value; the SLA's minutes are left to
  // the comparison with the SLA report, since a median does not add.
  using Figures = std::map<std::string, std::int64_t>;
  static Figures FiguresOf(const json& body) {
    Figures out;
    for (const auto& t : body["tables"]) {
      for (const auto& row : t["rows"]) {
        std::string key = t["id"].get<std::string>() + "|";
        for (std::size_t c = 0; c < row.size(); ++c) {
          if (row[c].is_string()) key += row[c].get<std::string>() + "|";
        }
        for (std::size_t c = 0; c < row.size(); ++c) {
          const std::string type = t["columns"][c]["type"];
          if (!row[c].is_number_integer() || type == "minutes") continue;
          out[key + t["columns"][c]["id"].get<std::string>()] = row[c].get<std::int64_t>();
        }
      }
    }
    return out;
  }

  // Each figure moved by `expected` (absent: 0) between `before` and `after`.
  static void ExpectMoved(const Figures& before, const Figures& after, const Figures& expected) {
    std::set<std::string> keys;
    for (const auto* m : {&before, &after, &expected}) {
      for (const auto& [k, v] : *m) keys.insert(k);
    }
    auto at = [](const Figures& m, const std::string& k) {
      auto it = m.find(k);
      return it == m.end() ? std::int64_t{0} : it->second;
    };
    for (const auto& k : keys) {
      EXPECT_EQ(at(after, k) - at(before, k), at(expected, k)) << k;
    }
  }

  json Dashboards(const std::string& login, const std::string& extra = "",
                  const std::string& period = kPeriod) {
    return GetJson(period + extra, login);
  }

  // The person in the registry (FreshIin: born 1990-01-01, a man), as the counter finds them.
  void Person(const std::string& iin) {
    ASSERT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_TRY(storage::UpsertPerson(tx,
                                                      {iin, "Сапаров", "Бақыт", "", "1990-01-01",
                                                       "male", "kzo-city", "", "", "", ""},
                                                      "2026-11-02T05:00:00Z"));
                      return {};
                    })
                    .has_value());
  }

  std::int64_t Registered(const std::string& iin) {
    Person(iin);
    const std::int64_t id = FileAtOffice("job-seeker-registration", iin)["id"];
    Work("job-seeker-registration", id, ApprovedAtOffice());
    return id;
  }

  // An S3 case of `iin` up to the executor's review, then `outcome` there, signed and handed over.
  std::int64_t Referred(const std::string& iin, const std::string& outcome, const json& data) {
    const std::int64_t id = FileAtOffice("active-measures-referral", iin)["id"];
    Work("active-measures-referral", id,
         {{"register", "clerk", "accepted"},
          {"assign", "head", "assigned", {{"assignee", "executor"}}},
          {"review", "executor", outcome, data},
          {"sign", "head", "signed"},
          {"hand_over", "clerk", "handed_over"}});
    return id;
  }

  json Referral(std::int64_t vacancy = 0) {
    json r = {{"employer_name", "«Сыр Құрылыс» ЖШС"},
              {"position", "Дәнекерлеуші"},
              {"valid_until", "2026-12-31"}};
    if (vacancy) r["vacancy_id"] = vacancy;
    return r;
  }

  // The id an INSERT ... RETURNING id gave.
  std::int64_t Insert(const std::string& sql) {
    std::int64_t id = 0;
    EXPECT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
                      if (!rows.empty()) id = rows.Int(0, 0);
                      return {};
                    })
                    .has_value())
        << sql;
    return id;
  }

  void Exec(const std::string& sql, const storage::Params& params = {}) {
    ASSERT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_TRY(tx.Exec(sql, params));
                      return {};
                    })
                    .has_value())
        << sql;
  }

  std::int64_t FileRelocation(const std::string& iin) {
    Person(iin);
    const std::string vacancy = Select(std::string("SELECT MIN(id) FROM vacancies WHERE "
                                                   "employer_bin = '") +
                                       demo::kDemoNkoEmployerBin + "'");
    auto r = Post("/api/v1/cases",
                  {{"process", "voluntary-relocation"},
                   {"channel", "office"},
                   {"office", "kzo-city"},
                   {"applicant", {{"iin", iin}}},
                   {"documents", Documents()},
                   {"data",
                    {{"route", "departure"},
                     {"destination_office", "nko-petropavl"},
                     {"vacancy", std::stoll(vacancy)},
                     {"family_members", json::array()},
                     {"iban", "KZ86125KZT5004100100"}}}},
                  "clerk");
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("id", std::int64_t{0});
  }

  // What the SLA table must have gained: each user task of the cases completed, by office,
  // process and step, on time or not by its own due time.
  void AddSlaExpectations(const std::vector<std::int64_t>& cases, Figures& expected) {
    for (auto id : cases) {
      const json kase = GetJson("/api/v1/cases/" + std::to_string(id), "oblast-head");
      for (const auto& t : kase["tasks"]) {
        if (t["kind"] != "user" || !t.contains("completed_at")) continue;
        const std::string key =
            "sla|" + t["office"].get<std::string>() + "|" + kase["process"].get<std::string>() +
            "|" + t["step"].get<std::string>() + "|" + t["ref"].get<std::string>() + "|";
        ++expected[key + "completed"];
        const bool late = !t["due_at"].is_null() && t["completed_at"] > t["due_at"];
        ++expected[key + (late ? "breaches" : "on_time")];
      }
    }
  }
};

TEST_P(AnalyticsApiSuite, EveryFigureMovesByExactlyTheKnownSetOfCasesAndRecords) {
  // November and December: the deregistration comes a month after the rest.
  const std::string period = "/api/v1/analytics?from=2026-11-01&to=2026-12-31";
  const Figures before = FiguresOf(Dashboards("oblast-head", "", period));
  const Figures city_before = FiguresOf(Dashboards("analyst", "", period));
  Figures expected;
  std::vector<std::int64_t> cases;

  // S1 for five people, S2 for two of them.
  std::vector<std::string> people;
  for (int i = 0; i < 5; ++i) people.push_back(FreshIin(70 + i));
  for (const auto& iin : people) cases.push_back(Registered(iin));
  expected["registrations|kzo-city|job_seekers_registered"] = 5;
  for (int i = 0; i < 2; ++i) {
    const std::int64_t id = FileAtOffice("unemployed-registration", people[i])["id"];
    Work("unemployed-registration", id, ApprovedAtOffice());
    cases.push_back(id);
  }
  expected["registrations|kzo-city|unemployed_registered"] = 2;

  // S3: employment twice (a vacancy with two workplaces: one hired, one not), youth practice,
  // public works, and a refusal on review.
  const std::int64_t vacancy = Insert(
      std::string("INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, "
                  "wage_tiyn, working_time, workplaces, requirements, disability_suitable, "
                  "status, relevant_since, created_by, created_at, updated_at) SELECT bin, "
                  "'kzo-city', 'Дәнекерлеуші', '', '7', '431010000', 30000000, 'full_time', 2, "
                  "'{}', 0, 'published', '2026-11-20T05:00:00Z', 'employers', "
                  "'2026-11-20T05:00:00Z', '2026-11-20T05:00:00Z' FROM employers WHERE bin = '") +
      demo::kDemoEmployerBin + "' RETURNING id");
  const std::int64_t hired = Referred(people[1], "refer_employment", Referral(vacancy));
  const std::int64_t not_hired = Referred(people[2], "refer_employment", Referral(vacancy));
  cases.insert(cases.end(),
               {hired, not_hired, Referred(people[3], "refer_youth_practice", Referral()),
                Referred(people[4], "refer_public_works", Referral())});
  cases.push_back(Referred(people[0], "refuse", {{"grounds", {"requirements_not_met"}}}));
  for (auto [kase, answer] :
       {std::pair{hired, json{{"hired", true}, {"hired_on", "2026-11-23"}}},
        std::pair{not_hired, json{{"hired", false}, {"reason", "did_not_come"}}}}) {
    const json placements =
        GetJson("/api/v1/placements?case=" + std::to_string(kase), "executor")["items"];
    ASSERT_EQ(placements.size(), 1u);
    auto r =
        Post("/api/v1/placements/" + placements[0]["id"].dump() + "/answer", answer, "employer");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  expected["referrals|referral_employment|decided"] = 2;
  expected["referrals|referral_employment|hired"] = 1;
  expected["referrals|referral_employment|not_hired"] = 1;
  expected["referrals|referral_youth_practice|decided"] = 1;
  expected["referrals|referral_public_works|decided"] = 1;
  expected["referrals|refusal|decided"] = 1;
  expected["placements|kzo-city|referred"] = 2;
  expected["placements|kzo-city|hired"] = 1;
  expected["placements|kzo-city|not_hired"] = 1;
  expected["vacancies|kzo-city|published"] = 1;
  expected["vacancies|kzo-city|workplaces_open"] = 1;
  expected["vacancies|kzo-city|workplaces_filled"] = 1;

  // Permits at the oblast: two first permits of category 1 and one of category 2 made a minute
  // into November on Kyzylorda's clock; one made the minute before (October there), and a
  // reissue, are not issued in the period. Five of category 1's quota used.
  const std::string permit_sql =
      "INSERT INTO permits (number, kind, employer_bin, office_id, category, workers, occupation, "
      "region, valid_from, valid_until, status, previous_id, created_at, updated_at) VALUES ($1, "
      "'standard', '080540001238', 'kzo-oblast', $2, $3, '7', '431010000', '2026-11-01', "
      "'2027-10-31', 'valid', $4, $5, $5)";
  using N = std::int64_t;
  Exec(permit_sql, {"T-1", N{1}, N{3}, nullptr, "2026-11-10T05:00:00Z"});
  Exec(permit_sql, {"T-2", N{1}, N{2}, nullptr, "2026-11-12T05:00:00Z"});
  Exec(permit_sql, {"T-3", N{2}, N{1}, nullptr, "2026-10-31T19:01:00Z"});
  Exec(permit_sql, {"T-4", N{2}, N{4}, nullptr, "2026-10-31T18:59:00Z"});
  const N first = std::stoll(Select("SELECT id FROM permits WHERE number = 'T-1'"));
  Exec(permit_sql, {"T-5", N{1}, N{3}, first, "2026-11-20T05:00:00Z"});
  Exec(
      "UPDATE permit_quotas SET used = used + 5 WHERE office_id = 'kzo-oblast' AND year = 2026 "
      "AND category = 1");
  expected["permits|1|issued"] = 2;
  expected["permits|1|workers"] = 5;
  expected["permits|1|quota_used"] = 5;
  expected["permits|2|issued"] = 1;
  expected["permits|2|workers"] = 1;

  // P1: two route A applications at the city; one refused on review, the other included by
  // the commission (three persons) and handed on to Petropavl with its social contract in force.
  const std::int64_t refused = FileRelocation(FreshIin(80));
  const std::int64_t included = FileRelocation(FreshIin(81));
  Work(
      "voluntary-relocation", refused,
      {{"accept_departure_application", "employment", "accepted"},
       {"review_departure", "employment", "non_compliant", {{"grounds", {"conditions_not_met"}}}}});
  Work("voluntary-relocation", included,
       {{"accept_departure_application", "employment", "accepted"}});
  cases.insert(cases.end(), {refused, included});
  const std::string id = std::to_string(included);
  Exec(
      "INSERT INTO relocation_participants (case_id, route, arrival_oblast, year, persons, "
      "protocol_number, decided_on, members, recorded_by, recorded_at) VALUES (" +
      id + ", 'A', '590000000', 2026, 3, '7', '2026-11-23', '[]', 'employment', " +
      "'2026-11-23T06:00:00Z')");
  Exec(
      "INSERT INTO case_handoffs (case_id, seq, from_office, to_office, step, handed_by, "
      "handed_at) VALUES (" +
      id + ", 1, 'kzo-city', 'nko-petropavl', 'receive_candidates', 'employment', " +
      "'2026-11-24T06:00:00Z')");
  Exec(
      "INSERT INTO social_contracts (case_id, number, office_id, route, person_iin, employer_bin, "
      "persons, monthly_rent, starts_on, ends_on, status, status_reason, created_at, updated_at) "
      "VALUES (" +
      id + ", 'SC-1', 'nko-petropavl', 'A', '" + FreshIin(81) + "', '" + demo::kDemoNkoEmployerBin +
      "', 3, 5000000, '2026-11-25', '2027-11-24', 'in_force', '', '2026-11-25T06:00:00Z', "
      "'2026-11-25T06:00:00Z')");
  expected["programmes|voluntary-relocation|applications"] = 2;
  expected["programmes|voluntary-relocation|approved"] = 1;
  expected["programmes|voluntary-relocation|refused"] = 1;
  expected["relocation|A|430000000|590000000|participants"] = 1;
  expected["relocation|A|430000000|590000000|persons"] = 3;
  expected["relocation|A|430000000|590000000|contracts_in_force"] = 1;

  // P2: the employer's application, its contract in force, a late November report, and its
  // orders: October's approved, November's paid, a returned one not counted.
  auto filed =
      Post("/api/v1/cases",
           SignedRequest(
               {{"process", "subsidised-jobs"},
                {"channel", "portal"},
                {"office", "kzo-city"},
                {"data", SubsidisedJobsApplication("social_jobs", "Балықшы", "7", 2, 12000000)}},
               "employer"),
           "employer");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string p2 = std::to_string(json::parse(filed.body)["id"].get<std::int64_t>());
  Exec(
      "INSERT INTO contracts (case_id, number, programme, office_id, contractor_bin, "
      "contractor_name, amount, proposed_amount, amount_reason, starts_on, ends_on, status, "
      "return_reasons, refusal_reason, created_at, updated_at) VALUES (" +
      p2 + ", 'C-1', 'subsidised-jobs', 'kzo-city', '080540001238', 'Арал Балық', 100, 100, '', " +
      "'2026-10-01', '2027-03-31', 'in_force', '[]', '', '2026-10-01T05:00:00Z', " +
      "'2026-10-01T05:00:00Z')");
  const std::string contract = Select("SELECT id FROM contracts WHERE number = 'C-1'");
  Exec(
      "INSERT INTO monthly_reports (case_id, contract_id, period, employed, days_worked, "
      "wages_paid, due_on, late, status, remarks, filed_by, filed_at, updated_at) VALUES (" +
      p2 + ", " + contract +
      ", '2026-10', '[]', 20, 100, '2026-11-10', 1, 'filed', '', 'employer', " +
      "'2026-11-12T05:00:00Z', '2026-11-12T05:00:00Z')");
  const std::string order_sql =
      "INSERT INTO payment_orders (number, kind, programme, office_id, payee_iin, payee_bin, "
      "payee_name, iban, amount, period_from, period_to, basis, budget_code, status, "
      "return_reason, created_at, created_by, case_id) VALUES ($1, 'wage_subsidy', "
      "'subsidised-jobs', 'kzo-city', '', '080540001238', 'Арал Балық', 'KZ86125KZT5004100100', "
      "$2, $3, $4, $5, '254-100', $6, $7, '2026-11-12T05:00:00Z', 'head', " +
      p2 + ")";
  Exec(order_sql, {"O-1", N{5000000}, "2026-10-01", "2026-10-31", "report:1", "approved", ""});
  Exec(order_sql, {"O-2", N{7000000}, "2026-11-01", "2026-11-30", "report:2", "paid", ""});
  Exec(order_sql, {"O-3", N{9000000}, "2026-11-01", "2026-11-30", "report:3", "returned", "IBAN"});
  const std::int64_t budget = std::stoll(
      "0" + Select("SELECT SUM(allocated) FROM payment_budgets WHERE programme = "
                   "'subsidised-jobs' AND year = 2026 AND office_id IN (SELECT id FROM offices "
                   "WHERE oblast_kato = '430000000')"));
  expected["programmes|subsidised-jobs|applications"] = 1;
  expected["programmes|subsidised-jobs|approved"] = 1;
  expected["programmes|subsidised-jobs|contracts_in_force"] = 1;
  expected["programmes|subsidised-jobs|reports_late"] = 1;
  expected["payments|subsidised-jobs|2026-11|orders"] = 1;
  expected["payments|subsidised-jobs|2026-11|ordered"] = 7000000;
  expected["payments|subsidised-jobs|2026-11|paid"] = 7000000;
  expected["payments|subsidised-jobs|2026-11|budget"] = budget;
  expected["payments|subsidised-jobs|2026-11|ordered_to_date"] = 12000000;

  // A month on, the first's visit falls due (U1) and they ask to leave the register.
  api_.Advance(std::chrono::days(31));
  tokens_.clear();  // the sessions of a month ago have ended
  ASSERT_TRUE(api_.runtime().cases().FireDue().has_value());
  const json years =
      GetJson("/api/v1/cases?process=unemployed-attendance&iin=" + people[0], "oblast-head");
  ASSERT_EQ(years["items"].size(), 1u) << years;
  const std::int64_t year = years["items"][0]["id"].get<std::int64_t>();
  const std::int64_t visit = TaskAt(year, "visit", "employment");
  auto left = Complete(visit, "employment", "on_request", {{"reason", "Басқа қалаға көшеді"}});
  ASSERT_EQ(left.status, 200) << left.body;
  cases.push_back(year);
  expected["registrations|kzo-city|deregistered"] = 1;

  AddSlaExpectations(cases, expected);
  const json after_body = Dashboards("oblast-head", "", period);
  ExpectMoved(before, FiguresOf(after_body), expected);

  // The city's analyst sees the city's part only: not the oblast's permits.
  Figures city_expected;
  for (const auto& [k, v] : expected) {
    if (k.rfind("permits|", 0) != 0 && k.find("kzo-oblast") == std::string::npos) {
      city_expected[k] = v;
    }
  }
  for (const std::string k : {"permits|1|issued", "permits|2|issued"}) {
    EXPECT_EQ(city_before.count(k), 0u);
  }
  const json city = Dashboards("analyst", "", period);
  EXPECT_EQ(city["offices"], json::array({"kzo-city"}));
  ExpectMoved(city_before, FiguresOf(city), city_expected);

  // The SLA table is the SLA report's, office by office.
  const json report =
      GetJson("/api/v1/reports/sla?from=2026-11-01&to=2026-12-31&office=kzo-city", "oblast-head");
  std::map<std::string, json> sla_rows;
  for (const auto& t : after_body["tables"]) {
    if (t["id"] != "sla") continue;
    for (const auto& row : t["rows"]) {
      if (row[0] == "kzo-city")
        sla_rows[row[1].get<std::string>() + "/" + row[2].get<std::string>()] = row;
    }
  }
  ASSERT_EQ(sla_rows.size(), report["steps"].size());
  for (const auto& s : report["steps"]) {
    const json& row =
        sla_rows[s["process"].get<std::string>() + "/" + s["step"].get<std::string>()];
    EXPECT_EQ(row[4], s["count"]);
    EXPECT_EQ(row[6], s["breaches"]);
    EXPECT_EQ(row[7], s["median_minutes"]);
    EXPECT_EQ(row[8], s["p90_minutes"]);
  }
}

TEST_P(AnalyticsApiSuite, ExportsCarryTheFiguresTheFiltersAndTheMomentOfExtraction) {
  for (int i = 0; i < 2; ++i) Registered(FreshIin(90 + i));
  const json body = Dashboards("analyst", "&process=job-seeker-registration");
  auto csv =
      Get(std::string(kPeriod) + "&process=job-seeker-registration&format=csv&table=registrations",
          "analyst");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  const std::string expected_csv =
      "extracted_at," + body["extracted_at"].get<std::string>() +
      "\r\nfrom,2026-11-01\r\nto,2026-11-30\r\noffices,kzo-city\r\nprocess,"
      "job-seeker-registration\r\n\r\noffice,job_seekers_registered,unemployed_registered,"
      "deregistered\r\nkzo-city,2,0,0\r\n";
  EXPECT_EQ(csv.body, expected_csv);

  auto xlsx = Get(std::string(kPeriod) + "&format=xlsx", "analyst");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::string path = WriteTemp("analytics.xlsx", xlsx.body);
  const auto part = [&](const std::string& name) { return XlsxPart(path, name); };
  // Every table a sheet; the preamble and the header are there.
  const std::string sheets = part("xl/workbook.xml");
  for (const auto& t : body["tables"]) {
    EXPECT_NE(sheets.find("name=\"" + t["id"].get<std::string>() + "\""), std::string::npos)
        << t["id"];
  }
  const std::string strings = part("xl/sharedStrings.xml");
  for (const char* text : {"extracted_at", "2026-11-01", "kzo-city", "job_seekers_registered"}) {
    EXPECT_NE(strings.find(text), std::string::npos) << text;
  }

  EXPECT_EQ(Get(std::string(kPeriod) + "&format=csv", "analyst").status, 400);
  EXPECT_EQ(Get(std::string(kPeriod) + "&format=csv&table=nothing", "analyst").status, 400);
  EXPECT_EQ(Get("/api/v1/analytics?from=2026-11-30&to=2026-11-01", "analyst").status, 422);
  EXPECT_EQ(Get("/api/v1/analytics?from=2025-01-01&to=2026-11-01", "analyst").status, 422);
  EXPECT_EQ(Get(std::string(kPeriod) + "&office=kzo-oblast", "analyst").status, 404);
  EXPECT_EQ(Get(std::string(kPeriod) + "&oblast=590000000", "analyst").status, 422);
  EXPECT_EQ(Get(kPeriod, "employer").status, 403);
  EXPECT_EQ(api_.Call("GET", kPeriod).status, 401);
}

TEST_P(AnalyticsApiSuite, OpenDataShowsNoPersonAndNoSmallCell) {
  std::vector<std::string> people;
  for (int i = 0; i < 6; ++i) people.push_back(FreshIin(100 + i));
  for (const auto& iin : people) Registered(iin);
  const std::int64_t id = FileAtOffice("unemployed-registration", people[0])["id"];
  Work("unemployed-registration", id, ApprovedAtOffice());

  auto r = api_.Call("GET", "/api/v1/open-data?oblast=430000000&month=2026-11");
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = json::parse(r.body);
  EXPECT_EQ(body["min_count"], 5);
  EXPECT_EQ(body["from"], "2026-11-01");
  EXPECT_EQ(body["to"], "2026-11-30");
  for (const auto& iin : people) EXPECT_EQ(r.body.find(iin), std::string::npos);
  bool sla = false;
  json registrations;
  for (const auto& t : body["tables"]) {
    sla = sla || t["id"] == "sla";
    if (t["id"] == "registrations") registrations = t["rows"];
  }
  EXPECT_FALSE(sla);
  // Six registrations are shown; one registration as unemployed is not; none is a zero.
  EXPECT_EQ(registrations, json::parse(R"([["kzo-city", 6, null, 0]])"));

  auto csv = api_.Call("GET",
                       "/api/v1/open-data?oblast=430000000&month=2026-11&format=csv&table="
                       "registrations");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("\r\nkzo-city,6,,0\r\n"), std::string::npos) << csv.body;
  EXPECT_EQ(api_.Call("GET", "/api/v1/open-data?oblast=999999999&month=2026-11").status, 404);
  EXPECT_EQ(api_.Call("GET", "/api/v1/open-data?oblast=430000000&month=2026-13").status, 400);
  EXPECT_EQ(api_.Call("GET", "/api/v1/open-data?oblast=430000000&month=november").status, 400);
}

}  // namespace jumys::testing
