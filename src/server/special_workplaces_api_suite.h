#pragma once
// P3 (processes/special-workplaces, docs/SPECIAL_WORKPLACES.md) end to end through the API, on
// SQLite (special_workplaces_api_test.cpp) and PostgreSQL (special_workplaces_api_pgtest.cpp),
// the clock moved by the harness: a three-month contract from the employer's application to its
// close — the list decision, both signatures, the work report returned once and the workplace
// subsidy capped, the special vacancy, a referral refused for a person without a recorded
// disability, three monthly reports (a month not over, outside the term and reported twice
// refused; one late), the wage subsidy of each, an order refused beyond the budget — then every
// order approved with the head's EDS, exported as pain.001 valid against the schema, and a
// statement reconciling it, imported twice.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/testing/run_command.h"
#include "engine/case_results.h"
#include "server/case_api_support.h"
#include "server/testing/job_seeker_card.h"
#include "services/payments/payment_service.h"
#include "services/testing/subsidised_jobs_application.h"

namespace jumys::testing {

class SpecialWorkplacesApiSuite : public CaseApiTest {
 protected:
  SpecialWorkplacesApiSuite() : CaseApiTest(ReferenceWith2027Mrp()) {}

  // The contract runs into 2027, whose МРП the shipped file does not have yet: a copy of
  // reference/ with a TEST VALUE for it, as an administrator adds the year's value once its
  // budget law is passed.
  static std::filesystem::path ReferenceWith2027Mrp() {
    static const std::filesystem::path dir = [] {
      const auto to = std::filesystem::temp_directory_path() /
                      ("jumys-p3-reference-" + std::to_string(::getpid()));
      std::filesystem::remove_all(to);
      std::filesystem::copy(SourceDir() / "reference", to,
                            std::filesystem::copy_options::recursive);
      std::ofstream(to / "programmes" / "mrp.yaml", std::ios::app)
          << "  - from: 2027-01-01\n    tenge: 4500\n    law: a test value\n"
             "    certainty: unsourced\n    source: none, a test value\n";
      return to;
    }();
    return dir;
  }

  static constexpr const char* kProcess = "special-workplaces";
  static constexpr std::int64_t kWageTiyn = 20'000'000;    // 200 000 ₸ a month
  static constexpr std::int64_t kSpentTiyn = 300'000'000;  // 3 000 000 ₸ on equipment
  // 2 workplaces × 300 МРП × 4 325 ₸ (2026, reference/programmes).
  static constexpr std::int64_t kEquipmentCapTiyn = 2 * 300 * 432'500;
  // 70 % of 200 000 ₸ is 140 000 ₸, capped at 30 МРП = 129 750 ₸; two persons.
  static constexpr std::int64_t kWageSubsidyTiyn = 2 * 30 * 432'500;
  static constexpr const char* kPersonA = "851102400347";  // a demo job seeker with a card
  static constexpr const char* kPersonB = "951203400783";

  static json Application() {
    json a = SubsidisedJobsApplication("", "Бухгалтер", "4", 2, kWageTiyn);
    json& app = a["application"];
    app.erase("measure");
    app["adaptations"] = "Пандус, экранды оқу бағдарламасы";
    app["equipment_cost"] = {{"amount", kSpentTiyn}, {"currency", "KZT"}};
    app["term_months"] = 3;
    return a;
  }

  std::int64_t FileApplication() {
    auto r = Post("/api/v1/cases",
                  SignedRequest({{"process", kProcess},
                                 {"channel", "portal"},
                                 {"office", "kzo-city"},
                                 {"data", Application()}},
                                "employer"),
                  "employer");
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("id", std::int64_t{0});
  }

  http::HttpResponse Try(std::int64_t case_id, const std::string& step, const std::string& login,
                         const std::string& outcome, const json& data = json::object()) {
    return Complete(TaskAt(case_id, step, login), login, outcome, data);
  }

  static std::string ErrorKey(const http::HttpResponse& r) {
    return json::parse(r.body)["error"].value("key", "");
  }

  static json Money(std::int64_t tiyn) { return {{"amount", tiyn}, {"currency", "KZT"}}; }

  void Pass(std::chrono::seconds by) {
    api_.Advance(by);
    tokens_.clear();
    ASSERT_TRUE(api_.runtime().cases().FireDue().has_value());
  }

  json Orders(std::int64_t case_id) {
    return GetJson("/api/v1/payments?case=" + std::to_string(case_id), "head");
  }

  // 8-10 for one month: the employer reports, the specialist accepts, the head orders; then
  // the month's monitoring visit (7.3) finds the obligations met or not.
  void ReportMonth(std::int64_t case_id, const std::string& period,
                   const std::string& visit = "obligations_met") {
    Take(case_id, "monthly_report", "employer", "reported",
         {{"period", period},
          {"employed", json::array({kPersonA, kPersonB})},
          {"days_worked", 20},
          {"wages_paid", Money(kWageTiyn)}});
    Take(case_id, "check_monthly_report", "employers", "accepted");
    Take(case_id, "order_wage_subsidy", "head", "ordered");
    Visit(case_id, visit);
  }

  void Visit(std::int64_t case_id, const std::string& outcome) {
    Take(case_id, "monitoring_visit", "employers", outcome,
         {{"visited_on",
           FormatDate(OfficeDate(*api_.runtime().offices().Find("kzo-city"), api_.Now()))},
          {"findings", outcome == "obligations_met" ? "Пандус бар, екі адам жұмыс істейді"
                                                    : "Экранды оқу бағдарламасы орнатылмаған"}});
  }

  // The employer's inbox messages of a template.
  int Told(const std::string& template_name) {
    int n = 0;
    const json inbox = GetJson("/api/v1/inbox", "employer");
    for (const auto& m : inbox["messages"]) n += m["template"] == template_name;
    return n;
  }

  void SetBudget(int year, std::int64_t tiyn) {
    auto r = api_.Call(
        "PUT", "/api/v1/payments/budgets",
        json{{"programme", kProcess}, {"year", year}, {"office", "kzo-city"}, {"allocated", tiyn}}
            .dump(),
        Token("admin"));
    ASSERT_EQ(r.status, 200) << r.body;
  }
};

TEST_P(SpecialWorkplacesApiSuite, AThreeMonthContractRunsToItsCloseAndItsPaymentsReconcile) {
  JobSeekerCard(api_, kPersonB);
  const std::int64_t id = FileApplication();
  ASSERT_NE(id, 0);

  // 2.1 and 2.2: a compliant application goes on the list the head approves.
  Take(id, "check_application", "employers", "compliant");
  std::int64_t list_id = 0;
  const json lists = GetJson("/api/v1/decision-lists", "employers");
  for (const auto& l : lists["items"]) {
    if (l["status"] == "open" && l["process"] == kProcess) list_id = l["id"];
  }
  ASSERT_NE(list_id, 0) << lists.dump();
  const std::string list = "/api/v1/decision-lists/" + std::to_string(list_id);
  ASSERT_EQ(Post(list + "/submit", json::object(), "employers").status, 200);
  auto decided =
      Post(list + "/decide", {{"items", json::array({{{"case_id", id}, {"outcome", "approved"}}})}},
           "head");
  ASSERT_EQ(decided.status, 200) << decided.body;
  ASSERT_EQ(Post(list + "/record", json::object(), "employers").status, 200);

  // 3.1: the proposal is the equipment cap plus three months of the wage subsidy.
  const std::string proposed =
      Select("SELECT proposed_amount FROM contracts WHERE case_id = " + std::to_string(id));
  EXPECT_EQ(proposed, std::to_string(kEquipmentCapTiyn + 3 * kWageSubsidyTiyn));
  Take(id, "draft_contract", "employers", "drafted",
       {{"contract_number", "АЖО-2026-003"},
        {"amount", Money(std::stoll(proposed))},
        {"ends_on", "2027-01-31"}});

  // 4 and 5: the head signs as customer, the employer as contractor, the same PDF.
  const std::int64_t head_task = TaskAt(id, "head_signs", "head");
  const std::string pdf = TaskDocument(head_task, "head");
  ASSERT_EQ(Complete(head_task, "head", "signed", json::object(), SignAs("head", pdf)).status, 200);
  const std::int64_t employer_task = TaskAt(id, "employer_signs", "employer");
  ASSERT_EQ(TaskDocument(employer_task, "employer"), pdf);
  auto in_force =
      Complete(employer_task, "employer", "signed", json::object(), SignAs("employer", pdf));
  ASSERT_EQ(in_force.status, 200) << in_force.body;
  const std::string text = PdfText("p3-contract", pdf);
  for (const char* printed : {"АЖО-2026-003", "специальных рабочих мест", "080540001238"}) {
    EXPECT_NE(text.find(printed), std::string::npos) << printed << " not in: " << text;
  }
  const json contract = GetJson("/api/v1/contracts?case=" + std::to_string(id), "head")[0];
  EXPECT_EQ(contract["status"], "in_force");
  const std::string contract_id = std::to_string(contract["id"].get<std::int64_t>());

  // 6.1-6.3: the work report, returned once with remarks, then the subsidy, capped.
  const json work = {{"work_done", "Пандус, 2 арнайы жұмыс орны"},
                     {"spent", Money(kSpentTiyn)},
                     {"completed_on", "2026-11-23"},
                     {"supporting_documents", "Шот-фактура № 15, 20.11.2026"}};
  Take(id, "report_work_done", "employer", "reported", work);
  Take(id, "check_work_report", "employers", "returned", {{"remarks", "Актіні қосыңыз"}});
  Take(id, "report_work_done", "employer", "reported", work);
  Take(id, "check_work_report", "employers", "accepted");
  Take(id, "order_workplace_subsidy", "head", "ordered");
  json orders = Orders(id);
  ASSERT_EQ(orders.size(), 1u) << orders.dump();
  EXPECT_EQ(orders[0]["kind"], "workplace_subsidy");
  EXPECT_EQ(orders[0]["amount"], Money(kEquipmentCapTiyn)) << "spent more than the cap";
  EXPECT_EQ(orders[0]["basis"], "contract:" + contract_id);
  EXPECT_EQ(orders[0]["payee"]["bin"], "080540001238");
  EXPECT_EQ(orders[0]["payee"]["iban"], "KZ86125KZT5004100100");
  EXPECT_EQ(orders[0]["status"], "draft");

  // 7.1: the vacancy, suitable for persons with disabilities, linked to the contract.
  Take(id, "enter_vacancy", "employers", "entered",
       {{"position", "Бухгалтер"},
        {"occupation", "4"},
        {"workplaces", 2},
        {"monthly_wage", Money(kWageTiyn)}});
  EXPECT_EQ(
      Select("SELECT disability_suitable FROM vacancies WHERE case_id = " + std::to_string(id)),
      "1");

  // 7.2: no referral without a disability on the card, in force today.
  auto refused = Try(id, "refer_persons", "employers", "referred",
                     {{"persons", json::array({kPersonA, kPersonB})}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  const json details = json::parse(refused.body)["error"]["details"];
  ASSERT_EQ(details.size(), 2u) << refused.body;
  EXPECT_EQ(details[0]["field"], "data.persons[0]");
  EXPECT_EQ(details[0]["key"], "referral.no_disability");
  EXPECT_EQ(Select("SELECT COUNT(*) FROM placements WHERE case_id = " + std::to_string(id)), "0");
  for (const char* iin : {kPersonA, kPersonB}) {
    auto recorded =
        api_.Call("PUT", "/api/v1/people/" + std::string(iin) + "/employment-card/disability",
                  json{{"group", 3},
                       {"established_on", "2025-03-01"},
                       {"document", "МӘС анықтамасы № 4471, 01.03.2025"}}
                      .dump(),
                  Token("employers"));
    ASSERT_EQ(recorded.status, 200) << recorded.body;
  }
  EXPECT_EQ(GetJson("/api/v1/people/" + std::string(kPersonA) + "/employment-card",
                    "employment")["disability"]["group"],
            3);
  Take(id, "refer_persons", "employers", "referred",
       {{"persons", json::array({kPersonA, kPersonB})}});
  EXPECT_EQ(Select("SELECT COUNT(*) FROM placements WHERE case_id = " + std::to_string(id)), "2");
  const json kase = GetJson("/api/v1/cases/" + std::to_string(id), "employers");
  ASSERT_EQ(kase["parties"].size(), 2u) << kase.dump();
  EXPECT_EQ(kase["parties"][0]["party"], "referred");
  // Each person's referral is a document of the case (kk/ru) linked to it.
  std::vector<std::int64_t> referrals;
  for (const auto& l : kase["links"]) {
    if (l["kind"] == "referral_document") referrals.push_back(l["id"]);
  }
  ASSERT_EQ(referrals.size(), 2u) << kase["links"].dump();
  const auto referral =
      Get("/api/v1/cases/" + std::to_string(id) + "/documents/" + std::to_string(referrals[1]),
          "employers");
  ASSERT_EQ(referral.status, 200) << referral.body;
  const std::string referral_text = PdfText("p3-referral", referral.body);
  for (const char* printed :
       {kPersonB, "специальное рабочее место", "арнайы жұмыс орнына", "АЖО-2026-003"}) {
    EXPECT_NE(referral_text.find(printed), std::string::npos)
        << printed << " not in: " << referral_text;
  }

  // 8-10, month one: the report opens when November has ended.
  for (const auto& t : GetJson("/api/v1/tasks", "employer")) {
    EXPECT_NE(t["case_id"], id) << "no report before December: " << t.dump();
  }
  Pass(std::chrono::hours(24 * 8));  // Tuesday 1 December
  auto not_over = Try(id, "monthly_report", "employer", "reported",
                      {{"period", "2026-12"},
                       {"employed", json::array({kPersonA})},
                       {"days_worked", 1},
                       {"wages_paid", Money(kWageTiyn)}});
  EXPECT_EQ(not_over.status, 422) << not_over.body;
  EXPECT_EQ(ErrorKey(not_over), "report.month_not_over");
  auto outside = Try(id, "monthly_report", "employer", "reported",
                     {{"period", "2026-10"},
                      {"employed", json::array({kPersonA})},
                      {"days_worked", 1},
                      {"wages_paid", Money(kWageTiyn)}});
  EXPECT_EQ(ErrorKey(outside), "report.outside_term") << outside.body;
  ReportMonth(id, "2026-11");
  const json visits = GetJson("/api/v1/contracts/" + contract_id + "/visits", "employer");
  ASSERT_EQ(visits.size(), 1u) << visits.dump();
  EXPECT_EQ(visits[0]["obligations_met"], true);
  EXPECT_FALSE(visits[0].contains("recorded_by")) << "the employer is not told who visited";

  // Month two: the report opens on 1 January, due by the 10th, a Sunday: Monday the 11th. Three
  // working days before, the employer is reminded once.
  Pass(std::chrono::hours(24 * 31));  // Friday 1 January
  auto due_task = TaskAt(id, "monthly_report", "employer");
  const json opened = GetJson("/api/v1/cases/" + std::to_string(id), "employer");
  for (const auto& t : opened["tasks"]) {
    if (t["id"] == due_task) EXPECT_EQ(t["due_at"], "2027-01-11T13:30:00Z") << t.dump();
  }
  Pass(std::chrono::hours(24 * 3));  // Monday 4 January
  ASSERT_TRUE(api_.runtime().alerts().Sweep(api_.Now()).has_value());
  EXPECT_EQ(Told("report_due_soon"), 0) << "not yet: more than three working days are left";
  Pass(std::chrono::hours(24 * 2 + 2));  // Wednesday 6 January, 12:00
  ASSERT_TRUE(api_.runtime().alerts().Sweep(api_.Now()).has_value());
  ASSERT_TRUE(api_.runtime().alerts().Sweep(api_.Now()).has_value());
  EXPECT_EQ(Told("report_due_soon"), 1);

  // Filed after its due time: late, and November cannot come twice.
  Pass(std::chrono::hours(24 * 6 - 2));  // Tuesday 12 January
  auto twice = Try(id, "monthly_report", "employer", "reported",
                   {{"period", "2026-11"},
                    {"employed", json::array({kPersonA})},
                    {"days_worked", 1},
                    {"wages_paid", Money(kWageTiyn)}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(ErrorKey(twice), "report.duplicate");
  ReportMonth(id, "2026-12", "breach_found");
  EXPECT_EQ(Told("monitoring_findings"), 1) << "a breach is told to the employer";
  const json reports = GetJson("/api/v1/contracts/" + contract_id + "/reports", "employer");
  ASSERT_EQ(reports.size(), 2u) << reports.dump();
  EXPECT_EQ(reports[0]["period"], "2026-11");
  EXPECT_EQ(reports[0]["late"], false);
  EXPECT_EQ(reports[0]["due_on"], "2026-12-10");
  EXPECT_EQ(reports[1]["late"], true);
  EXPECT_EQ(reports[1]["due_on"], "2027-01-11");
  EXPECT_EQ(reports[1]["persons"], 2);
  EXPECT_EQ(reports[1]["employed"][0], "85********47") << "the employer sees the IINs masked";
  EXPECT_EQ(reports[1]["status"], "ordered");
  EXPECT_EQ(reports[1]["payment"]["amount"], Money(kWageSubsidyTiyn));
  EXPECT_EQ(GetJson("/api/v1/contracts/" + contract_id + "/reports", "employers")[1]["employed"][0],
            kPersonA);

  // Month three falls in 2027: beyond what is left of that year's budget it is refused.
  Pass(std::chrono::hours(24 * 21));  // Tuesday 2 February
  SetBudget(2027, 100'000);
  Take(id, "monthly_report", "employer", "reported",
       {{"period", "2027-01"},
        {"employed", json::array({kPersonA, kPersonB})},
        {"days_worked", 21},
        {"wages_paid", Money(kWageTiyn)}});
  Take(id, "check_monthly_report", "employers", "accepted");
  auto over = Try(id, "order_wage_subsidy", "head", "ordered");
  EXPECT_EQ(over.status, 422) << over.body;
  EXPECT_EQ(ErrorKey(over), "payment.over_budget");
  SetBudget(2027, 100'000'000);
  Take(id, "order_wage_subsidy", "head", "ordered");
  Visit(id, "obligations_met");
  EXPECT_EQ(GetJson("/api/v1/contracts/" + contract_id + "/visits", "head").size(), 3u);

  orders = Orders(id);
  ASSERT_EQ(orders.size(), 4u) << orders.dump();
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(orders[i]["kind"], "wage_subsidy");
    // January is capped at 30 МРП of 2027 (the test value 4 500 ₸): 135 000 ₸ a person.
    EXPECT_EQ(orders[i]["amount"], Money(i < 3 ? kWageSubsidyTiyn : 2 * 30 * 450'000));
    EXPECT_EQ(orders[i]["contract_id"].get<std::int64_t>(), contract["id"].get<std::int64_t>());
  }
  EXPECT_EQ(orders[3]["period"], json({{"from", "2027-01-01"}, {"to", "2027-01-31"}}));
  EXPECT_EQ(GetJson("/api/v1/payments?contract=" + contract_id, "head").size(), 4u);

  // 7.3: every month reported: at the next month's start the loop ends and the contract closes.
  Pass(std::chrono::hours(24 * 28));  // Tuesday 2 March
  EXPECT_EQ(GetJson("/api/v1/cases/" + std::to_string(id), "head")["status"], "completed");
  EXPECT_EQ(GetJson("/api/v1/contracts/" + contract_id, "head")["status"], "ended");

  // The registry: each order approved with the head's EDS, one batch, one statement.
  for (const auto& o : orders) {
    const std::string url = "/api/v1/payments/" + std::to_string(o["id"].get<std::int64_t>());
    const std::string approval = Get(url + "/approval-text", "head").body;
    EXPECT_NE(approval.find(o["number"].get<std::string>()), std::string::npos) << approval;
    auto forged = Post(url + "/approve", {{"signature", SignAs("head", approval + " ")}}, "head");
    EXPECT_EQ(forged.status, 422) << "a signature over other text approves nothing";
    auto approved = Post(url + "/approve", {{"signature", SignAs("head", approval)}}, "head");
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(json::parse(approved.body)["approved"]["signer_iin"], "78********17");
  }
  auto batch = Post("/api/v1/payments/batches", json::object(), "head");
  ASSERT_EQ(batch.status, 201) << batch.body;
  const json b = json::parse(batch.body);
  EXPECT_EQ(b["orders"], 4);
  auto xml = Get(b["pain001_url"], "head");
  ASSERT_EQ(xml.status, 200);
  const std::string xml_path = WriteTemp("p3-batch.xml", xml.body);
  const auto xsd = SourceDir().parent_path() / "shared" / "standards" / "pain.001.001.03.xsd";
  std::string out;
  EXPECT_EQ(RunCommand("xmllint --noout --schema " + xsd.string() + " " + xml_path, &out), 0)
      << out;
  std::string statement = "reference,status,amount,date,reason\n";
  for (const auto& o : orders) {
    statement += o["number"].get<std::string>() + ",paid," +
                 payments::Decimal(o["amount"]["amount"].get<std::int64_t>()) + ",2027-03-03,\n";
  }
  for (int round = 0; round < 2; ++round) {
    auto imported =
        api_.Call("POST", "/api/v1/payments/statements", statement, Token("head"), "text/csv");
    ASSERT_EQ(imported.status, 200) << imported.body;
    const json result = json::parse(imported.body);
    EXPECT_EQ(result["matched"], round == 0 ? 4 : 0) << result.dump();
    EXPECT_EQ(result["paid"], round == 0 ? 4 : 0);
    EXPECT_EQ(result["repeated"], round == 1);
  }
  // A second statement: a line for an order paid before and one naming no order.
  const std::string second = "reference,status,amount,date,reason\n" +
                             orders[0]["number"].get<std::string>() + ",paid," +
                             payments::Decimal(orders[0]["amount"]["amount"].get<std::int64_t>()) +
                             ",2027-03-04,\nP999999,returned,10.00,2027-03-04,AC01 wrong account\n";
  ASSERT_EQ(
      api_.Call("POST", "/api/v1/payments/statements", second, Token("head"), "text/csv").status,
      200);
  const json statements = GetJson("/api/v1/payments/statements", "analyst");
  ASSERT_GE(statements.size(), 2u) << statements.dump();
  EXPECT_EQ(statements[0]["already"], 1) << "newest first";
  EXPECT_EQ(statements[0]["unmatched"], 1);
  EXPECT_EQ(statements[1]["paid"], 4);
  const json lines = GetJson(
      "/api/v1/payments/statements/" + std::to_string(statements[0]["id"].get<std::int64_t>()),
      "head")["items"];
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["status"], "already");
  EXPECT_EQ(lines[0]["order"]["number"], orders[0]["number"]);
  EXPECT_EQ(lines[1]["status"], "unmatched");
  EXPECT_EQ(lines[1]["reference"], "P999999");
  EXPECT_EQ(lines[1]["amount"], Money(1000));
  EXPECT_EQ(lines[1]["reason"], "AC01 wrong account");
  EXPECT_TRUE(lines[1]["order"].is_null());
  for (const auto& o : Orders(id)) EXPECT_EQ(o["status"], "paid") << o.dump();
  // The employer sees what it was paid, and was told of each payment once.
  EXPECT_EQ(GetJson("/api/v1/payments?contract=" + contract_id, "employer").size(), 4u);
  EXPECT_EQ(Told("payment_made"), 4);
}

}  // namespace jumys::testing
