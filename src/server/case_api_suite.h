#pragma once
// S1-S3 from application to result through the API with the demo accounts, on SQLite
// (case_api_test.cpp) and PostgreSQL (case_api_pgtest.cpp).
#include "server/case_api_support.h"
#include "storage/audit_log.h"

namespace jumys::testing {

class CaseApiSuite : public CaseApiTest {};

TEST_P(CaseApiSuite, ProcessesListTheRunnableDefinitions) {
  auto r = api_.Call("GET", "/api/v1/processes");
  ASSERT_EQ(r.status, 200) << r.body;
  auto list = ApiHarness::Json(r);
  std::set<std::string> codes;
  for (const auto& p : list) codes.insert(p["code"]);
  EXPECT_TRUE(codes.count("job-seeker-registration"));
  EXPECT_TRUE(codes.count("unemployed-registration"));
  EXPECT_TRUE(codes.count("active-measures-referral"));
  EXPECT_FALSE(codes.count("subsidised-jobs")) << "a sketch is never offered";
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
  auto done = Work("job-seeker-registration", id,
                   {{"register", "clerk", "accepted"},
                    {"assign", "head", "assigned", {{"assignee", "executor"}}},
                    {"review", "executor", "approve"},
                    {"sign", "head", "signed"},
                    {"hand_over", "clerk", "handed_over"}});
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
  auto done = Work("unemployed-registration", kase["id"],
                   {{"register", "clerk", "accepted"},
                    {"assign", "head", "assigned", {{"assignee", "executor"}}},
                    {"review", "executor", "approve"},
                    {"sign", "head", "signed"},
                    {"hand_over", "clerk", "handed_over"}});
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
                    {"review",
                     "executor",
                     "refer_social_jobs",
                     {{"employer_name", "«Сыр Құрылыс» ЖШС"},
                      {"position", "Жұмысшы"},
                      {"valid_until", "07.12.2026"}}},
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
  ExpectBlocked(task["id"], "executor", "refer_employment", "no individual employment card");
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

}  // namespace jumys::testing
