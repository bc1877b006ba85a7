#pragma once
// S1-S3 from application to result through the API with the demo accounts, on SQLite
// (case_api_test.cpp) and PostgreSQL (case_api_pgtest.cpp).
#include <cctype>

#include "server/case_api_support.h"
#include "storage/audit_log.h"

namespace jumys::testing {

class CaseApiSuite : public CaseApiTest {
 protected:
  // What a referral (S3) names: the employer, the position and how long it is valid.
  static json Referral() {
    return {{"employer_name", "«Сыр Құрылыс» ЖШС"},
            {"position", "Жұмысшы"},
            {"valid_until", "2026-12-07"}};
  }

  // A served field and everything nested in it carry a label in all three languages.
  static void ExpectLabelled(const json& field) {
    for (const char* lang : {"kk", "ru", "en"}) {
      EXPECT_FALSE(field["label"].value(lang, "").empty()) << lang << ": " << field.dump();
    }
    for (const auto& nested : field.value("fields", json::array())) ExpectLabelled(nested);
    if (field.contains("item")) ExpectLabelled(field["item"]);
  }
};

TEST_P(CaseApiSuite, ProcessesListTheRunnableDefinitions) {
  auto r = api_.Call("GET", "/api/v1/processes");
  ASSERT_EQ(r.status, 200) << r.body;
  auto list = ApiHarness::Json(r);
  std::set<std::string> codes;
  for (const auto& p : list) codes.insert(p["code"]);
  EXPECT_TRUE(codes.count("job-seeker-registration"));
  EXPECT_TRUE(codes.count("unemployed-registration"));
  EXPECT_TRUE(codes.count("active-measures-referral"));
  EXPECT_TRUE(codes.count("voluntary-relocation"));
  for (const auto& p : list) {
    if (p["code"] != "job-seeker-registration") continue;
    EXPECT_EQ(p["version"], "kzo-2018-1057");
    EXPECT_EQ(p["channels"], json::array({"office", "portal"}));
    EXPECT_EQ(p["title"]["en"], "Registration of job seekers");
    EXPECT_EQ(p["documents"][1], json({{"type", "identity_document"},
                                       {"required", true},
                                       {"must_not_be_expired", true},
                                       {"channel", "office"}}));
    const auto& first = p["steps"][0];
    EXPECT_EQ(first["id"], "register");
    EXPECT_EQ(first["ref"], "6.2");
    EXPECT_EQ(first["role"], "office_clerk");
    EXPECT_EQ(first["limit"], "20min");
    EXPECT_EQ(first["channel"], "office");
  }
  auto grounds = api_.Call("GET", "/api/v1/refusal-grounds?process=unemployed-registration");
  ASSERT_EQ(grounds.status, 200);
  EXPECT_EQ(ApiHarness::Json(grounds)[4]["code"], "no_employment_card");
  EXPECT_EQ(ApiHarness::Json(grounds)[4]["result"], "refusal");
  EXPECT_EQ(api_.Call("GET", "/api/v1/refusal-grounds").status, 400);
  EXPECT_EQ(api_.Call("GET", "/api/v1/refusal-grounds?process=nothing").status, 404);
  auto bpmn = api_.Call("GET", "/api/v1/processes/job-seeker-registration/bpmn");
  ASSERT_EQ(bpmn.status, 200);
  EXPECT_NE(bpmn.body.find("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""),
            std::string::npos);
  EXPECT_EQ(bpmn.content_type, "application/xml; charset=utf-8");
  EXPECT_EQ(api_.Call("GET", "/api/v1/processes/nothing/bpmn").status, 404);
}

TEST_P(CaseApiSuite, S1OfficeFromApplicationToNotification) {
  auto kase = FileAtOffice("job-seeker-registration", "951203400783");
  EXPECT_EQ(kase["status"], "open");
  EXPECT_EQ(kase["office"], "kzo-city");
  EXPECT_EQ(kase["version"], "kzo-2018-1057");
  EXPECT_EQ(kase["number"], "KZO-CITY-2026-000001");
  const std::int64_t id = kase["id"];
  auto done = Work("job-seeker-registration", id, ApprovedAtOffice());
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["result"]["kind"], "notification");
  EXPECT_EQ(done["result"]["number"], "KZO-CITY-2026-R000001");
  EXPECT_EQ(done["tasks"].size(), 5u);
  // The timeline, from the audit chain: who did what, in order.
  std::vector<std::string> actors;
  for (const auto& e : done["events"]) {
    if (e["action"] == "task.complete") actors.push_back(e["actor"]);
  }
  EXPECT_EQ(actors, (std::vector<std::string>{"clerk", "head", "executor", "head", "clerk"}));
  EXPECT_EQ(done["events"].front()["action"], "case.create");
  EXPECT_EQ(done["events"].back()["action"], "case.close");
  auto doc = Get(done["result"]["document_url"], "head");
  EXPECT_EQ(doc.status, 200);
  EXPECT_EQ(doc.content_type, "application/pdf");
  EXPECT_EQ(doc.body.substr(0, 5), "%PDF-");
  auto card = GetJson("/api/v1/people/951203400783/employment-card", "executor");
  EXPECT_EQ(card["status"], "job_seeker");
  EXPECT_EQ(card["job_seeker_since"], "2026-11-23");
  EXPECT_EQ(card["history"][0]["action"], "created");
  EXPECT_EQ(card["history"][0]["data"]["case_number"], "KZO-CITY-2026-000001");
  auto v = storage::VerifyAudit(api_.runtime().db());
  ASSERT_TRUE(v.has_value());
  EXPECT_TRUE(v->ok) << v->reason;
}

TEST_P(CaseApiSuite, S1PortalResultReachesTheApplicantsCabinet) {
  auto kase = FileFromPortal("job-seeker-registration");
  EXPECT_EQ(kase["applicant"]["iin"], "900515300127");
  EXPECT_EQ(kase["channel"], "portal");
  const std::int64_t id = kase["id"];
  Work("job-seeker-registration", id,
       {{"portal_register", "clerk", "accepted"},
        {"portal_assign", "head", "assigned", {{"assignee", "executor"}}},
        {"portal_review", "executor", "approve"},
        {"portal_sign", "head", "signed"}});
  auto mine = GetJson("/api/v1/cases", "seeker");
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["status"], "completed");
  EXPECT_EQ(mine["items"][0]["result"]["kind"], "notification");
  auto seen = GetJson("/api/v1/cases/" + std::to_string(id), "seeker");
  EXPECT_EQ(seen["status"], "completed");
  EXPECT_GE(seen["events"].size(), 6u);
  bool delivered = false;
  for (const auto& e : seen["events"]) delivered |= e["action"] == "result.deliver";
  EXPECT_TRUE(delivered);
  EXPECT_EQ(Get(seen["result"]["document_url"], "seeker").content_type, "application/pdf");
  EXPECT_EQ(GetJson("/api/v1/people/900515300127/employment-card", "seeker")["status"],
            "job_seeker");
  // Someone else's applicant account sees none of it.
  EXPECT_EQ(GetJson("/api/v1/cases", "employer")["items"].size(), 0u);
  EXPECT_EQ(Get("/api/v1/cases/" + std::to_string(id), "employer").status, 404);
}

TEST_P(CaseApiSuite, S2OfficeMarksTheCardUnemployed) {
  auto kase = FileAtOffice("unemployed-registration", "851102400347");
  auto done = Work("unemployed-registration", kase["id"], ApprovedAtOffice());
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["result"]["kind"], "certificate");
  auto card = GetJson("/api/v1/people/851102400347/employment-card", "clerk");
  EXPECT_EQ(card["status"], "unemployed");
  EXPECT_EQ(card["unemployed_since"], "2026-11-23");
  EXPECT_EQ(card["history"].back()["action"], "marked_unemployed");
  EXPECT_EQ(Get("/api/v1/people/851102400347/employment-card", "clerk2").status, 404);
  EXPECT_EQ(Get("/api/v1/people/851102400347/employment-card", "seeker").status, 404);
}

TEST_P(CaseApiSuite, S3OfficeAndPortalReferrals) {
  auto office = FileAtOffice("active-measures-referral", "851102400347");
  auto done = Work("active-measures-referral", office["id"],
                   {{"register", "clerk", "accepted"},
                    {"assign", "head", "assigned", {{"assignee", "executor"}}},
                    {"review", "executor", "refer_social_jobs", Referral()},
                    {"sign", "head", "signed"},
                    {"hand_over", "clerk", "handed_over"}});
  EXPECT_EQ(done["result"]["kind"], "referral_social_jobs");
  auto card = GetJson("/api/v1/people/851102400347/employment-card", "executor");
  EXPECT_EQ(card["history"].back()["action"], "referral");
  EXPECT_EQ(card["history"].back()["data"]["referral"], "referral_social_jobs");

  // The seeker has no card yet: the precondition fails and the executor refuses with a ground.
  auto portal = FileFromPortal("active-measures-referral");
  Work("active-measures-referral", portal["id"],
       {{"portal_register", "clerk", "accepted"},
        {"portal_assign", "head", "assigned", {{"assignee", "executor"}}}});
  auto task = QueueTask(portal["id"], "executor");
  EXPECT_EQ(task["outcomes"], json::array({"refer_employment", "refer_youth_practice",
                                           "refer_social_jobs", "refer_public_works", "refuse"}));
  EXPECT_EQ(task["requires_grounds"], json::array({"refuse"}));
  ExpectBlocked(task["id"], "executor", "refer_employment", "no individual employment card",
                Referral());
  // A referral names where it refers to; one without is refused naming each missing field.
  auto bare = Complete(task["id"], "executor", "refer_employment",
                       {{"employer_name", "«Сыр Құрылыс» ЖШС"}, {"valid_until", "07.12.2026"}});
  EXPECT_EQ(bare.status, 422);
  EXPECT_EQ(DetailKeys(bare),
            (json{{"data.position", "field.required"}, {"data.valid_until", "field.not_date"}}))
      << bare.body;
  auto refused =
      Work("active-measures-referral", portal["id"],
           {{"portal_review", "executor", "refuse", {{"grounds", {"no_employment_card"}}}},
            {"portal_sign", "head", "signed"},
            {"portal_send", "clerk", "sent"}});
  EXPECT_EQ(refused["status"], "refused");
  EXPECT_EQ(refused["result"]["kind"], "refusal");
  EXPECT_EQ(refused["result"]["grounds"][0]["code"], "no_employment_card");
  EXPECT_FALSE(refused["result"]["grounds"][0]["text"]["kk"].get<std::string>().empty());
  auto mine = GetJson("/api/v1/cases?process=active-measures-referral", "seeker");
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["status"], "refused");
}

TEST_P(CaseApiSuite, AnIncompleteSetIsRefusedAtOnceNamingWhatIsMissing) {
  auto r = Post("/api/v1/cases",
                {{"process", "job-seeker-registration"},
                 {"channel", "office"},
                 {"applicant", {{"iin", "851102400347"}}},
                 {"documents", {{{"type", "application"}}}}},
                "clerk");
  ASSERT_EQ(r.status, 201) << r.body;
  auto kase = json::parse(r.body);
  EXPECT_EQ(kase["status"], "refused");
  EXPECT_EQ(kase["tasks"].size(), 0u);
  EXPECT_EQ(kase["result"]["kind"], "acceptance_refusal");
  EXPECT_EQ(kase["result"]["missing"], json::array({"identity_document"}));
  EXPECT_EQ(kase["result"]["grounds"][0]["code"], "incomplete_set");
  auto expired = Post("/api/v1/cases",
                      {{"process", "unemployed-registration"},
                       {"channel", "office"},
                       {"applicant", {{"iin", "851102400347"}}},
                       {"documents",
                        {{{"type", "application"}},
                         {{"type", "identity_document"}, {"valid_until", "2026-11-22"}}}}},
                      "clerk");
  ASSERT_EQ(expired.status, 201);
  EXPECT_EQ(json::parse(expired.body)["result"]["expired"], json::array({"identity_document"}));
  EXPECT_EQ(json::parse(expired.body)["result"]["grounds"][0]["code"], "expired_document");
}

// Issue 12: every step or outcome that takes data declares it, and the processes listing
// serves the declaration. What takes data (the inventory: what the hooks, the documents and the
// cabinets read): each S3 referral names an employer, a position and a validity (the referral
// documents, annexes 1-4); S4a's commission gives its reasons (record_recommendation); S4a and
// S4c record the fee payment (record_fee_payment) and the postal tracking number
// (record_dispatch); the applications of S4a-S4e carry the permit request
// (check_permit_application, the permit registered). Every other step takes nothing but the
// engine's own `assignee` and `grounds`, and S1-S3 applications carry documents only.
// P1's three routes: the commissions' answers and records, the contracts, the parties' refusal
// to sign, the monthly checks, route C's referral (docs/RELOCATION.md).
std::map<std::string, std::set<std::string>> RelocationSteps() {
  std::map<std::string, std::set<std::string>> out;
  const std::set<std::string> answer = {"/protocol_number", "/decided_on"};
  const std::set<std::string> record = {"/protocol_number", "/decided_on", "/members"};
  for (const char* s : {"await_regional_commission", "await_commission_b", "district_commission"})
    out[s] = answer;
  for (const char* s : {"enter_commission_decision_a", "enter_commission_decision_b",
                        "enter_commission_decision_c"})
    out[s] = record;
  for (const char* s : {"draw_up_contract_a", "draw_up_contract_b", "draw_up_contract_c"})
    out[s] = {"/contract_number", "/ends_on", "/monthly_rent"};
  for (const char* s :
       {"job_seeker_signs_a", "employer_signs_a", "job_seeker_signs_b", "job_seeker_signs_c"})
    out[s] = {"declined/refusal_reason"};
  for (const char* s : {"check_conditions_a", "check_conditions_b", "check_conditions_c"})
    out[s] = {"/checked_on", "/findings"};
  out["issue_referral"] = {"/settlement", "/employer_name", "/position"};
  return out;
}

TEST_P(CaseApiSuite, TheListingShowsTheFieldsOfEveryStepThatTakesData) {
  using Shown = std::map<std::string, std::set<std::string>>;  // step -> "outcome/field"
  const auto referrals = [](const std::string& step) {
    std::set<std::string> out;
    for (const char* o :
         {"refer_employment", "refer_youth_practice", "refer_social_jobs", "refer_public_works"}) {
      for (const char* f : {"employer_name", "employer_address", "position", "valid_until"}) {
        out.insert(std::string(o) + "/" + f);
      }
    }
    out.insert("refer_employment/vacancy_id");  // a referral to employment may name a vacancy
    return Shown::value_type{step, out};
  };
  const Shown fee_and_post = {{"await_fee", {"fee_paid/payment"}},
                              {"post_permit", {"posted/tracking_number"}}};
  Shown s4a = fee_and_post;
  s4a["commission_review"] = {"recommend_grant/reasons", "recommend_refusal/reasons"};
  const std::map<std::string, Shown> steps = {
      {"active-measures-referral", {referrals("review"), referrals("portal_review")}},
      {"foreign-labour-permit", s4a},
      {"foreign-labour-permit-extension", fee_and_post},
      {"unemployed-attendance",
       {{"visit",
         {"attended/note", "employed/employed_on", "employed/employer", "on_request/reason"}}}},
      {"subsidised-jobs",
       {{"enter_remark", {"/remark"}},
        {"enter_contract_details", {"/contract_number", "/amount", "/ends_on", "/amount_reason"}},
        {"head_signs", {"returned/remarks"}},
        {"employer_signs", {"declined/refusal_reason"}},
        {"publish_vacancy", {"/position", "/occupation", "/workplaces", "/monthly_wage"}}}},
      {"special-workplaces",
       {{"draft_contract", {"/contract_number", "/amount", "/ends_on", "/amount_reason"}},
        {"head_signs", {"returned/remarks"}},
        {"employer_signs", {"declined/refusal_reason"}},
        {"report_work_done", {"/work_done", "/spent", "/completed_on", "/supporting_documents"}},
        {"check_work_report", {"returned/remarks"}},
        {"enter_vacancy", {"/position", "/occupation", "/workplaces", "/monthly_wage"}},
        {"refer_persons", {"/persons"}},
        {"monthly_report", {"/period", "/employed", "/days_worked", "/wages_paid"}},
        {"monitoring_visit", {"/visited_on", "/findings"}},
        {"check_monthly_report", {"returned/remarks"}}}},
      {"relocation-employers", {{"enter_vacancies", {"/vacancies"}}}},
      {"voluntary-relocation", RelocationSteps()},
      {"public-service-complaint",
       {{"consider",
         {"upheld_reopen/answer", "upheld_reopen/reopen_step", "upheld/answer",
          "rejected/answer"}}}}};
  const std::map<std::string, std::set<std::string>> intake = {
      {"job-seeker-registration", {}},
      {"unemployed-registration", {}},
      {"active-measures-referral", {}},
      {"foreign-labour-permit", {"category", "workers", "occupation", "region", "term_months"}},
      {"foreign-labour-permit-reissue", {"permit_number", "reason"}},
      {"foreign-labour-permit-extension", {"permit_number", "term_months"}},
      {"ict-permit",
       {"category", "workers", "occupation", "region", "host_company", "transfer_term_months"}},
      {"ict-permit-renewal", {"permit_number", "action", "term_months", "reason"}},
      {"unemployed-attendance", {}},
      {"subsidised-jobs", {"requisites", "application"}},
      {"special-workplaces", {"requisites", "application"}},
      {"relocation-employers", {"requisites", "subsidy_requested", "workplaces_offered", "place"}},
      {"voluntary-relocation",
       {"route", "destination_office", "vacancy", "family_members", "iban"}},
      {"public-service-complaint", {"text", "subject"}}};
  const std::map<std::string, std::string> applicant = {
      {"job-seeker-registration", "person"},
      {"unemployed-registration", "person"},
      {"active-measures-referral", "person"},
      {"foreign-labour-permit", "employer"},
      {"foreign-labour-permit-reissue", "employer"},
      {"foreign-labour-permit-extension", "employer"},
      {"ict-permit", "employer"},
      {"ict-permit-renewal", "employer"},
      {"unemployed-attendance", "person"},
      {"subsidised-jobs", "employer"},
      {"special-workplaces", "employer"},
      {"relocation-employers", "employer"},
      {"voluntary-relocation", "person"},
      {"public-service-complaint", ""}};  // whoever applied for the case complained about

  std::map<std::string, json> by_code;
  for (const auto& p : GetJson("/api/v1/processes", "clerk")) by_code[p["code"]] = p;
  ASSERT_EQ(by_code.size(), applicant.size());
  for (const auto& [code, p] : by_code) {
    SCOPED_TRACE(code);
    ASSERT_TRUE(applicant.count(code));
    EXPECT_EQ(p["applicant"].is_null() ? "" : p["applicant"].get<std::string>(),
              applicant.at(code));
    std::set<std::string> names;
    for (const auto& f : p["fields"]) {
      names.insert(f["name"].get<std::string>());
      ExpectLabelled(f);
    }
    EXPECT_EQ(names, intake.at(code));
    const Shown none;
    const Shown& want = steps.count(code) ? steps.at(code) : none;
    for (const auto& s : p["steps"]) {
      const std::string id = s["id"];
      std::set<std::string> shown;
      for (const auto& f : s.value("fields", json::array())) {
        ExpectLabelled(f);
        shown.insert(f.value("outcome", "") + "/" + f["name"].get<std::string>());
      }
      EXPECT_EQ(shown, want.count(id) ? want.at(id) : std::set<std::string>{}) << id;
    }
  }

  // The constraints are served as declared, choice lists expanded, groups nested.
  const auto field = [](const json& fields, const std::string& name) {
    for (const auto& f : fields) {
      if (f["name"] == name) return f;
    }
    ADD_FAILURE() << "no field " << name << " in " << fields.dump();
    return json::object();
  };
  const json& s4a_intake = by_code["foreign-labour-permit"]["fields"];
  const json category = field(s4a_intake, "category");
  EXPECT_EQ(category["type"], "number");
  EXPECT_EQ(category["required"], true);
  EXPECT_EQ(category["min"], 1);
  EXPECT_EQ(category["max"], 4);
  EXPECT_EQ(field(s4a_intake, "workers")["max"], 1000);
  // A code field says whose code it takes, so a form offers a picker over that classifier.
  const json occupation = field(s4a_intake, "occupation");
  EXPECT_EQ(occupation["type"], "classifier");
  EXPECT_EQ(occupation["classifier"], "nkz");
  EXPECT_FALSE(occupation.contains("pattern"));
  EXPECT_EQ(field(s4a_intake, "region")["classifier"], "kato");
  EXPECT_EQ(field(s4a_intake, "term_months")["max"], 12);
  EXPECT_EQ(field(by_code["ict-permit"]["fields"], "transfer_term_months")["max"], 36);
  const json& s4e = by_code["ict-permit-renewal"]["fields"];
  const json action = field(s4e, "action");
  EXPECT_EQ(action["type"], "choice");
  ASSERT_EQ(action["options"].size(), 2u);
  EXPECT_EQ(action["options"][0]["value"], "reissue");
  EXPECT_EQ(action["options"][1]["value"], "extend");
  EXPECT_EQ(action["options"][1]["label"]["ru"], "Продление");
  EXPECT_EQ(field(s4e, "term_months")["when"], (json{{"field", "action"}, {"equals", "extend"}}));
  EXPECT_EQ(field(s4e, "reason")["when"], (json{{"field", "action"}, {"equals", "reissue"}}));
  json fee;
  for (const auto& s : by_code["foreign-labour-permit"]["steps"]) {
    if (s["id"] == "await_fee") fee = field(s["fields"], "payment");
  }
  EXPECT_EQ(fee["type"], "group");
  EXPECT_EQ(fee["outcome"], "fee_paid");
  EXPECT_EQ(field(fee["fields"], "document_number")["max_length"], 60);
  EXPECT_EQ(field(fee["fields"], "paid_on")["not_future"], true);
  EXPECT_EQ(field(fee["fields"], "amount")["type"], "money");
}

// S1-S3 are a person's services: an employer's filing is refused and stores nothing.
TEST_P(CaseApiSuite, APersonsServiceIsNotFiledForAnEmployer) {
  for (const char* process : {"job-seeker-registration", "active-measures-referral"}) {
    auto r = Post("/api/v1/cases",
                  {{"process", process},
                   {"channel", "office"},
                   {"applicant", {{"bin", "080540001238"}}},
                   {"documents", Documents()}},
                  "clerk");
    EXPECT_EQ(r.status, 422) << process << ": " << r.body;
    EXPECT_EQ(ApiHarness::Json(r)["error"]["key"], "case.applicant_person") << r.body;
  }
  EXPECT_EQ(GetJson("/api/v1/cases", "clerk")["items"].size(), 0u);
}

// Issue 16 item 4: the applicant's case JSON carries no staff logins and nothing internal;
// staff get full names. The staff queue names the applicant.
TEST_P(CaseApiSuite, TheApplicantSeesNoStaffLoginsStaffSeeFullNames) {
  auto kase = FileFromPortal("job-seeker-registration");
  const std::int64_t id = kase["id"];
  Work("job-seeker-registration", id,
       {{"portal_register", "clerk", "accepted"},
        {"portal_assign", "head", "assigned", {{"assignee", "executor"}}}});
  auto queue = GetJson("/api/v1/tasks", "executor");
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0]["applicant_name"], "Нұрпейісов Ерлан Серікұлы");

  const json seen = GetJson("/api/v1/cases/" + std::to_string(id), "seeker");
  EXPECT_FALSE(seen.contains("created_by"));
  EXPECT_FALSE(seen.contains("assignees"));
  EXPECT_FALSE(seen.contains("names"));
  for (const auto& t : seen["tasks"]) {
    EXPECT_FALSE(t.contains("assignee")) << t.dump();
    EXPECT_FALSE(t.contains("completed_by")) << t.dump();
  }
  int own = 0;
  for (const auto& e : seen["events"]) {
    if (e["action"] == "case.create") {
      ++own;
      EXPECT_EQ(e["actor"], "seeker");  // the applicant's own event keeps its data
      EXPECT_TRUE(e["data"].contains("signed_request"));
      continue;
    }
    EXPECT_EQ(e["actor"], "") << e.dump();
    EXPECT_EQ(e["data"], json::object()) << e.dump();
  }
  EXPECT_EQ(own, 1);
  EXPECT_GE(seen["events"].size(), 3u);

  const json staff = GetJson("/api/v1/cases/" + std::to_string(id), "head");
  EXPECT_EQ(staff["created_by"], "seeker");
  EXPECT_EQ(staff["names"]["clerk"], "Әлия Серікқызы Жұмабаева");
  // The applicant who filed from the portal is named too, not shown by login.
  EXPECT_EQ(staff["names"]["seeker"], "Ерлан Серікұлы Нұрпейісов");
  EXPECT_TRUE(staff["names"].contains("executor"));
  EXPECT_EQ(staff["assignees"]["executor"], "executor");
  bool named = false;
  for (const auto& e : staff["events"]) named |= e["actor"] == "clerk";
  EXPECT_TRUE(named);
}

// Search by the applicant's name: every word, any order, any case, Kazakh and Cyrillic letters
// alike on both stores; within the reader's scope.
TEST_P(CaseApiSuite, CasesAreFoundByTheApplicantsName) {
  auto tursynov = FileAtOffice("active-measures-referral", "780611300895");
  auto akhmetova = FileAtOffice("active-measures-referral", "851102400347");
  FileAtOffice("active-measures-referral", "880722300562", "clerk2");
  const auto numbers = [&](const std::string& name, const std::string& login) {
    std::string query = "/api/v1/cases?name=";
    for (unsigned char c : name) {
      static const char* hex = "0123456789ABCDEF";
      if (std::isalnum(c)) {
        query += static_cast<char>(c);
      } else {
        query += '%';
        query += hex[c >> 4];
        query += hex[c & 15];
      }
    }
    std::vector<std::string> out;
    const json found = GetJson(query, login);  // kept alive: the loop reads into it
    for (const auto& c : found["items"]) out.push_back(c["number"]);
    return out;
  };
  const std::vector<std::string> just_tursynov = {tursynov["number"]};
  EXPECT_EQ(numbers("тұрсынов", "clerk"), just_tursynov);
  EXPECT_EQ(numbers("БАҚЫТ ТҰРСЫНОВ", "clerk"), just_tursynov);
  EXPECT_EQ(numbers("Әбенұлы", "clerk"), just_tursynov);
  EXPECT_EQ(numbers("сәуле", "clerk"), (std::vector<std::string>{akhmetova["number"]}));
  EXPECT_TRUE(numbers("тұрсынова", "clerk").empty());
  EXPECT_TRUE(numbers("100%", "clerk").empty()) << "a wildcard is a letter";
  // Aral's person is not in the city clerk's scope, and the other way round.
  EXPECT_TRUE(numbers("жұмағалиев", "clerk").empty());
  EXPECT_EQ(numbers("жұмағалиев", "clerk2").size(), 1u);
  EXPECT_TRUE(numbers("тұрсынов", "clerk2").empty());
  EXPECT_EQ(Get("/api/v1/cases?name=" + std::string(101, 'x'), "clerk").status, 400);
}

}  // namespace jumys::testing
