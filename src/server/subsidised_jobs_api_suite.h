#pragma once
// P2 (processes/subsidised-jobs, docs/SUBSIDISED_JOBS.md) end to end through the API, on SQLite
// (subsidised_jobs_api_test.cpp) and PostgreSQL (subsidised_jobs_api_pgtest.cpp): the employer
// files from the cabinet, the specialist works the application and lists it, the head decides
// the list, the specialist records it, the contract is drafted with the amount the programme's
// parameters propose, the head returns it twice and signs, the employer signs the same PDF in
// the cabinet, publishes the vacancy, and it goes public at the opening of the 3rd working day.
#include "server/case_api_support.h"
#include "services/testing/subsidised_jobs_application.h"

namespace jumys::testing {

class SubsidisedJobsApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kProcess = "subsidised-jobs";

  // Social jobs: the state pays 35 % of the wage (reference/programmes/subsidised-jobs.yaml).
  // 150,000 ₸ a month: 52,500 ₸ per workplace a month, 2 workplaces, 6 months = 630,000 ₸.
  static constexpr std::int64_t kWageTiyn = 15'000'000;
  static constexpr std::int64_t kProposedTiyn = 63'000'000;

  static json Application() {
    return SubsidisedJobsApplication("social_jobs", "Балық өңдеуші", "7", 2, kWageTiyn);
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

  // 2.2-2.5, then the list with the case submitted, decided by the head and recorded.
  void DecideOnList(std::int64_t case_id, const std::string& outcome, const json& grounds) {
    Take(case_id, "check_application", "employers", "checked");
    Take(case_id, "enter_remark", "employers", "entered", {{"remark", "Заявка сәйкес"}});
    Take(case_id, "consult", "employers", "consulted");
    Take(case_id, "send_for_review", "employers", "sent");
    std::int64_t list_id = 0;
    const json lists = GetJson("/api/v1/decision-lists", "employers");
    for (const auto& l : lists["items"]) {
      if (l["status"] != "open") continue;
      list_id = l["id"];
      EXPECT_EQ(l["items_count"], 1) << l.dump();  // the index counts each list's cases
    }
    ASSERT_NE(list_id, 0) << GetJson("/api/v1/decision-lists", "employers").dump();
    const std::string url = "/api/v1/decision-lists/" + std::to_string(list_id);
    auto submitted = Post(url + "/submit", json::object(), "employers");
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    auto undecided = Get(url + "/pdf", "head");
    EXPECT_EQ(undecided.status, 409) << undecided.body;
    EXPECT_EQ(json::parse(undecided.body)["error"]["key"], "decision_list.not_decided");
    json item = {{"case_id", case_id}, {"outcome", outcome}};
    if (!grounds.empty()) item["grounds"] = grounds;
    auto decided = Post(url + "/decide", {{"items", json::array({item})}}, "head");
    ASSERT_EQ(decided.status, 200) << decided.body;
    // The decided list prints its number, the case and the head's decision on it.
    auto printed = Get(url + "/pdf", "employers");
    ASSERT_EQ(printed.status, 200) << printed.body;
    const std::string list_text = PdfText("p2-list", printed.body);
    const json list = json::parse(decided.body);
    for (const std::string expected :
         {list["number"].get<std::string>(), list["items"][0]["case_number"].get<std::string>(),
          std::string(outcome == "approved" ? "мақұлданды / одобрено" : "отказано"),
          std::string("«Арал Балық» ЖШС")}) {
      EXPECT_NE(list_text.find(expected), std::string::npos) << expected << " in " << list_text;
    }
    auto recorded = Post(url + "/record", json::object(), "employers");
    ASSERT_EQ(recorded.status, 200) << recorded.body;
  }

  json Contract(std::int64_t case_id) {
    const std::string where = " FROM contracts WHERE case_id = " + std::to_string(case_id);
    return {{"status", Select("SELECT status" + where)},
            {"proposed", Select("SELECT proposed_amount" + where)},
            {"amount", Select("SELECT amount" + where)},
            {"returns", Select("SELECT return_reasons" + where)},
            {"document", Select("SELECT document_id" + where)}};
  }

  void EnterContract(std::int64_t case_id) {
    Take(case_id, "enter_contract_details", "employers", "entered",
         {{"contract_number", "СЖ-2026-017"},
          {"amount", {{"amount", kProposedTiyn}, {"currency", "KZT"}}},
          {"ends_on", "2027-06-30"}});
  }

  // Whether the public search (no sign-in) lists the vacancy.
  bool PubliclyListed(const std::string& vacancy) {
    auto r = api_.Call("GET", "/api/v1/vacancies?limit=50");
    EXPECT_EQ(r.status, 200) << r.body;
    const json found = json::parse(r.body);
    for (const auto& v : found["items"]) {
      if (std::to_string(v.value("id", std::int64_t{0})) == vacancy) return true;
    }
    return false;
  }

  // Lets `by` pass and fires the timers that came due; sessions are opened again.
  void Pass(std::chrono::seconds by) {
    api_.Advance(by);
    tokens_.clear();
    ASSERT_TRUE(api_.runtime().cases().FireDue().has_value());
    ASSERT_TRUE(api_.runtime().vacancies().Sweep().has_value());
  }
};

TEST_P(SubsidisedJobsApiSuite, AnApplicationBecomesAVacancyPublicOnTheThirdWorkingDay) {
  const std::int64_t id = FileApplication();
  ASSERT_NE(id, 0);
  DecideOnList(id, "approved", json::array());

  // 3.3: the draft contract proposes the programme's amount for the measure, places and term.
  EXPECT_EQ(Contract(id)["status"], "draft");
  EXPECT_EQ(Contract(id)["proposed"], std::to_string(kProposedTiyn));

  // 3.4 and 4.1: returned for revision twice, with the reasons kept, then signed.
  for (const char* remark : {"Мерзімін нақтылаңыз", "Сомасын тексеріңіз"}) {
    EnterContract(id);
    Take(id, "head_signs", "head", "returned", {{"remarks", remark}});
    EXPECT_EQ(Contract(id)["status"], "returned");
    EXPECT_NE(Contract(id)["returns"].get<std::string>().find(remark), std::string::npos);
  }
  EnterContract(id);
  const std::int64_t head_task = TaskAt(id, "head_signs", "head");
  // The task tells the app which outcome is taken without the signature.
  const json head_step = QueueTask(id, "head");
  EXPECT_EQ(head_step["signature_required"], true);
  EXPECT_EQ(head_step["unsigned_outcomes"], json::array({"returned"})) << head_step.dump();
  const std::string pdf = TaskDocument(head_task, "head");
  auto signed_by_head = Complete(head_task, "head", "signed", json::object(), SignAs("head", pdf));
  ASSERT_EQ(signed_by_head.status, 200) << signed_by_head.body;
  EXPECT_EQ(Contract(id)["status"], "signed_by_centre");

  // 5.1 in the cabinet: the employer signs the very bytes the head signed.
  const std::int64_t employer_task = TaskAt(id, "employer_signs", "employer");
  EXPECT_EQ(TaskDocument(employer_task, "employer"), pdf);
  for (const auto& t : GetJson("/api/v1/tasks", "employers")) {
    EXPECT_NE(t["case_id"], id) << "staff never see the employer's step";
  }
  auto signed_by_employer =
      Complete(employer_task, "employer", "signed", json::object(), SignAs("employer", pdf));
  ASSERT_EQ(signed_by_employer.status, 200) << signed_by_employer.body;
  EXPECT_EQ(Contract(id)["status"], "in_force");
  EXPECT_EQ(Select("SELECT COUNT(*) FROM document_signatures WHERE document_id = " +
                   Contract(id)["document"].get<std::string>()),
            "2");

  // The record as API.md gives it, and each party's signature verified over the one PDF.
  const json listed = GetJson("/api/v1/contracts?case=" + std::to_string(id), "employer");
  ASSERT_EQ(listed.size(), 1u) << listed.dump();
  const json& contract = listed[0];
  EXPECT_EQ(contract["number"], "СЖ-2026-017");
  EXPECT_EQ(contract["amount"], json({{"amount", kProposedTiyn}, {"currency", "KZT"}}));
  EXPECT_EQ(contract["status"], "in_force");
  EXPECT_EQ(contract["return_reasons"].size(), 2u);
  ASSERT_EQ(contract["signatures"].size(), 2u) << contract.dump();
  EXPECT_EQ(contract["signatures"][0]["party"], "customer");
  EXPECT_EQ(contract["signatures"][0]["login"], "head");
  EXPECT_EQ(contract["signatures"][1]["party"], "contractor");
  EXPECT_EQ(contract["signatures"][1]["login"], "employer");
  // Each party's certificate as verified: the employer's carries its BIN; IINs come masked.
  EXPECT_EQ(contract["signatures"][1]["bin"], "080540001238");
  for (const auto& s : contract["signatures"]) {
    const std::string iin = s.value("iin", "");
    EXPECT_TRUE(iin.empty() || iin.find("********") != std::string::npos) << s.dump();
  }
  EXPECT_EQ(Get(contract["pdf_url"], "head").body, pdf);
  // The rendered contract names its number, its contractor and its amount.
  const std::string text = PdfText("p2-contract", pdf);
  // So do its measure, workplaces, the contractor's requisites and who signs for each party.
  for (const char* printed :
       {"СЖ-2026-017", "080540001238", "630 000,00", "Әлеуметтік жұмыс орындары",
        "Социальные рабочие места", "Қызылорда қ., Әйтеке би к-сі 1", "KZ86125KZT5004100100",
        "HSBKKZKX", "Тапсырыс беруші / Заказчик", "Орындаушы / Исполнитель", "Серікбаев Нұрлан"}) {
    EXPECT_NE(text.find(printed), std::string::npos) << printed << " not in: " << text;
  }
  const std::string pdf_path = WriteTemp("p2-contract.pdf", pdf);
  for (const auto& s : contract["signatures"]) {
    auto p7s = Get(s["url"], "employer");
    ASSERT_EQ(p7s.status, 200) << p7s.body;
    std::string out;
    EXPECT_EQ(
        RunCommand("openssl cms -verify -binary -inform DER -content " + pdf_path + " -in " +
                       WriteTemp("p2-" + s["party"].get<std::string>() + ".p7s", p7s.body) +
                       " -CAfile " + (TestDevCaDir() / "root-ca.pem").string() + " -out /dev/null",
                   &out),
        0)
        << s["party"] << ": " << out;
  }

  // 6.1: the vacancy, requested now, goes public at the office's opening on the day the
  // calendar endpoint gives for 3 working days from the request.
  const Instant requested = api_.Now();
  Take(id, "publish_vacancy", "employer", "submitted",
       {{"position", "Балық өңдеуші"},
        {"occupation", "7"},
        {"workplaces", 2},
        {"monthly_wage", {{"amount", kWageTiyn}, {"currency", "KZT"}}}});
  const std::string vacancy =
      Select("SELECT id FROM vacancies WHERE case_id = " + std::to_string(id));
  ASSERT_FALSE(vacancy.empty());
  const json own = GetJson("/api/v1/vacancies/" + vacancy, "employer");
  EXPECT_EQ(own["status"], "scheduled") << own.dump();
  const json due = GetJson(
      "/api/v1/calendar/deadline?office=kzo-city&from=" + FormatRfc3339(requested) + "&limit=3wd",
      "clerk");
  const std::string publish_at = own.value("publish_at", "");
  ASSERT_GE(publish_at.size(), 10u) << own.dump();
  EXPECT_EQ(publish_at.substr(0, 10), due["due_at"].get<std::string>().substr(0, 10))
      << "goes public on the day the 3rd working day falls";
  EXPECT_LT(publish_at, due["due_at"].get<std::string>()) << "at that day's opening";
  EXPECT_FALSE(PubliclyListed(vacancy)) << "scheduled, not public yet";

  // The 3rd working day's hours end: 6.2 and 6.3 close the case with the vacancy published.
  auto publish = ParseRfc3339(publish_at);
  ASSERT_TRUE(publish.has_value());
  Pass(std::chrono::duration_cast<std::chrono::seconds>(*publish - api_.Now()) +
       std::chrono::seconds(1));
  EXPECT_TRUE(PubliclyListed(vacancy)) << "public from the opening of the 3rd working day";
  Pass(std::chrono::hours(24 * 7));
  EXPECT_EQ(Select("SELECT status FROM cases WHERE id = " + std::to_string(id)), "completed");

  // The employer was told through the outbox of the decision, of the contract awaiting its
  // signature and of the vacancy scheduled and then public, in that order.
  std::int64_t before = 0;
  for (const char* name :
       {"application_decided", "step_awaits_applicant", "vacancy_scheduled", "vacancy_published"}) {
    const std::string first = Select(
        "SELECT MIN(id) FROM notifications WHERE channel = 'inbox' AND party_kind = 'employer' "
        "AND case_id = " +
        std::to_string(id) + " AND template = '" + name + "'");
    ASSERT_FALSE(first.empty()) << name;
    EXPECT_GT(std::stoll(first), before) << name;
    before = std::stoll(first);
  }
}

TEST_P(SubsidisedJobsApiSuite, TheEmployerRefusesTheContractWithAReason) {
  const std::int64_t id = FileApplication();
  ASSERT_NE(id, 0);
  DecideOnList(id, "approved", json::array());
  EnterContract(id);
  const std::int64_t head_task = TaskAt(id, "head_signs", "head");
  // The task tells the app which outcome is taken without the signature.
  const json head_step = QueueTask(id, "head");
  EXPECT_EQ(head_step["signature_required"], true);
  EXPECT_EQ(head_step["unsigned_outcomes"], json::array({"returned"})) << head_step.dump();
  const std::string pdf = TaskDocument(head_task, "head");
  ASSERT_EQ(Complete(head_task, "head", "signed", json::object(), SignAs("head", pdf)).status, 200);
  const std::int64_t task = TaskAt(id, "employer_signs", "employer");
  auto no_reason = Complete(task, "employer", "declined");
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_EQ(Contract(id)["status"], "signed_by_centre");
  auto refused =
      Complete(task, "employer", "declined", {{"refusal_reason", "Жалақы қоры жетпейді"}});
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(Contract(id)["status"], "refused");
  EXPECT_EQ(Select("SELECT status FROM cases WHERE id = " + std::to_string(id)), "cancelled");
}

}  // namespace jumys::testing
