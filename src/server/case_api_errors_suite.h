#pragma once
// The case API's refusals (403/404/409/422, docs/STYLE.md "Errors"), work queues, overdue flags,
// listings and the SLA report, on SQLite (case_api_test.cpp) and PostgreSQL (case_api_pgtest.cpp).
#include <thread>

#include "server/case_api_support.h"

namespace jumys::testing {

class CaseApiErrorsSuite : public CaseApiTest {};

TEST_P(CaseApiErrorsSuite, CompletionsAreRefusedWithTheErrorsApiMdNames) {
  auto kase = FileAtOffice("job-seeker-registration", "851102400347");
  const std::int64_t register_task = kase["tasks"][0]["id"];
  auto wrong_role = Complete(register_task, "head", "accepted");
  EXPECT_EQ(wrong_role.status, 403);
  EXPECT_EQ(ApiHarness::ErrorCode(wrong_role), "forbidden");
  EXPECT_EQ(ApiHarness::Json(wrong_role)["error"]["key"], "task.other_role");
  EXPECT_EQ(ApiHarness::Json(wrong_role)["error"]["params"], json({{"role", "office_clerk"}}));
  EXPECT_EQ(Complete(register_task, "clerk2", "accepted").status, 404);   // another office
  EXPECT_EQ(Complete(register_task, "seeker", "accepted").status, 404);   // not their case
  EXPECT_EQ(Complete(register_task, "analyst", "accepted").status, 403);  // role not admitted
  auto unknown = Complete(register_task, "clerk", "approved");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(ApiHarness::ErrorCode(unknown), "invalid_input");
  // The outcome is named by key and params; each outcome offered instead is a detail.
  const json error = ApiHarness::Json(unknown)["error"];
  EXPECT_EQ(error["key"], "case.outcome_unknown");
  EXPECT_EQ(error["params"], json({{"outcome", "approved"}, {"field", "outcome"}}));
  json offered = json::array();
  for (const auto& d : error["details"]) {
    EXPECT_EQ(d["field"], "outcome");
    if (d["key"] == "field.may_be") offered.push_back(d["params"]["value"]);
  }
  EXPECT_EQ(offered, json::array({"accepted", "refused_acceptance"}));
  auto no_ground = Complete(register_task, "clerk", "refused_acceptance");
  EXPECT_EQ(no_ground.status, 422);
  EXPECT_EQ(ApiHarness::Json(no_ground)["error"]["key"], "case.needs_grounds");
  EXPECT_EQ(ApiHarness::Json(no_ground)["error"]["details"][0]["field"], "data.grounds");
  auto made_up = Complete(register_task, "clerk", "refused_acceptance", {{"grounds", {"made_up"}}});
  EXPECT_EQ(made_up.status, 422);
  EXPECT_EQ(ApiHarness::Json(made_up)["error"]["key"], "case.ground_unknown");
  EXPECT_EQ(ApiHarness::Json(made_up)["error"]["params"]["ground"], "made_up");
  EXPECT_EQ(api_.Call("POST", "/api/v1/tasks/" + std::to_string(register_task) + "/complete",
                      R"({"data":{}})", Token("clerk"))
                .status,
            400);
  EXPECT_EQ(Complete(999999, "clerk", "accepted").status, 404);
  ASSERT_EQ(Complete(register_task, "clerk", "accepted").status, 200);
  auto stale = Complete(register_task, "clerk", "accepted");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(ApiHarness::ErrorCode(stale), "conflict");

  auto assign = QueueTask(kase["id"], "head");
  EXPECT_EQ(assign["assigns"], "executor");
  auto unappointed = Complete(assign["id"], "head", "assigned");
  EXPECT_EQ(unappointed.status, 422);
  EXPECT_EQ(ApiHarness::Json(unappointed)["error"]["key"], "case.needs_assignee");
  EXPECT_EQ(Complete(assign["id"], "head", "assigned", {{"assignee", "executor2"}}).status, 422);
  EXPECT_EQ(Complete(assign["id"], "head", "assigned", {{"assignee", "clerk"}}).status, 422);
  // Another office's staff cannot see the case at all.
  EXPECT_EQ(Get("/api/v1/cases/" + std::to_string(kase["id"].get<int>()), "head2").status, 404);
  EXPECT_EQ(Get("/api/v1/cases/" + std::to_string(kase["id"].get<int>()), "oblast-head").status,
            200);
}

TEST_P(CaseApiErrorsSuite, AFilingsErrorsNameTheFieldByKey) {
  const auto file = [&](json applicant, json documents) {
    return Post("/api/v1/cases",
                {{"process", "job-seeker-registration"},
                 {"channel", "office"},
                 {"applicant", std::move(applicant)},
                 {"documents", std::move(documents)}},
                "clerk");
  };
  auto undated = file({{"iin", "851102400347"}},
                      json::array({{{"type", "application"}}, {{"type", "identity_document"}}}));
  EXPECT_EQ(undated.status, 422);
  const json error = ApiHarness::Json(undated)["error"];
  EXPECT_EQ(error["key"], "document.needs_valid_until");
  EXPECT_EQ(error["params"]["type"], "identity_document");
  EXPECT_EQ(error["details"][0]["field"], "documents[1].valid_until");
  EXPECT_EQ(error["details"][0]["message"],
            "document 'identity_document' needs valid_until: its validity is checked at intake");

  auto not_a_date =
      file({{"iin", "851102400347"}},
           json::array({{{"type", "identity_document"}, {"valid_until", "2031-13-01"}}}));
  EXPECT_EQ(not_a_date.status, 422);
  EXPECT_EQ(ApiHarness::Json(not_a_date)["error"]["details"][0]["field"],
            "documents[0].valid_until");

  auto wrong_type = file({{"iin", 851102400347}}, Documents());
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(ApiHarness::Json(wrong_type)["error"]["key"], "field.not_string");
  EXPECT_EQ(ApiHarness::Json(wrong_type)["error"]["details"][0]["field"], "applicant.iin");
}

TEST_P(CaseApiErrorsSuite, OnlyTheAppointedExecutorGetsTheReview) {
  AddStaff("executor-b", "kzo-city", "executor");
  auto kase = FileAtOffice("job-seeker-registration", "851102400347");
  const std::int64_t id = kase["id"];
  Work("job-seeker-registration", id,
       {{"register", "clerk", "accepted"},
        {"assign", "head", "assigned", {{"assignee", "executor-b"}}}});
  auto review = QueueTask(id, "executor-b");
  EXPECT_EQ(review["assignee"], "executor-b");
  for (const auto& t : GetJson("/api/v1/tasks", "executor")) EXPECT_NE(t["case_id"], id);
  auto other = Complete(review["id"], "executor", "approve");
  EXPECT_EQ(other.status, 403);
  EXPECT_NE(other.body.find("assigned to another"), std::string::npos);
  EXPECT_EQ(ApiHarness::Json(other)["error"]["key"], "task.assigned_to_other");
  EXPECT_EQ(Complete(review["id"], "executor-b", "approve").status, 200);
}

TEST_P(CaseApiErrorsSuite, ConcurrentCompletionsOfOneTaskGiveOne200AndOne409) {
  for (int round = 0; round < 5; ++round) {
    auto kase = FileAtOffice("job-seeker-registration", FreshIin(round));
    const std::int64_t task = kase["tasks"][0]["id"];
    const std::string body = json{{"outcome", "accepted"}}.dump();
    const std::string token = Token("clerk");
    const std::string target = "/api/v1/tasks/" + std::to_string(task) + "/complete";
    int statuses[2] = {0, 0};
    std::thread a([&] { statuses[0] = api_.Call("POST", target, body, token).status; });
    std::thread b([&] { statuses[1] = api_.Call("POST", target, body, token).status; });
    a.join();
    b.join();
    std::multiset<int> got(std::begin(statuses), std::end(statuses));
    EXPECT_EQ(got, (std::multiset<int>{200, 409})) << "round " << round;
    auto after = GetJson("/api/v1/cases/" + std::to_string(kase["id"].get<int>()), "clerk");
    EXPECT_EQ(after["tasks"].size(), 2u) << "exactly one next task";
  }
}

TEST_P(CaseApiErrorsSuite, TheQueueIsOrderedByDueTimeAndFlagsOverdueTasks) {
  auto s3 = FileAtOffice("active-measures-referral", "851102400347");  // 5 min
  api_.Advance(std::chrono::minutes(1));
  auto s1 = FileAtOffice("job-seeker-registration", "851102400347");  // 20 min
  auto queue = GetJson("/api/v1/tasks", "clerk");
  ASSERT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue[0]["case_id"], s3["id"]);
  EXPECT_EQ(queue[1]["case_id"], s1["id"]);
  EXPECT_EQ(queue[0]["overdue"], false);
  // S3 6.2 (seed 003, regulation 3): the clerk registers and passes on, no refusal to accept.
  EXPECT_EQ(queue[0]["outcomes"], json::array({"accepted"}));
  EXPECT_EQ(queue[1]["outcomes"], json::array({"accepted", "refused_acceptance"}));
  EXPECT_EQ(queue[0]["ref"], "6.2");
  EXPECT_EQ(queue[0]["role"], "office_clerk");
  EXPECT_EQ(queue[0]["office"], "kzo-city");
  EXPECT_EQ(queue[0]["limit"], "5min");
  EXPECT_EQ(queue[0]["created_at"], "2026-11-23T05:00:00Z");
  EXPECT_EQ(queue[0]["due_at"], "2026-11-23T05:05:00Z");
  api_.Advance(std::chrono::minutes(6));
  queue = GetJson("/api/v1/tasks", "clerk");
  EXPECT_EQ(queue[0]["overdue"], true);
  EXPECT_EQ(queue[1]["overdue"], false);
  auto page = Get("/api/v1/tasks?limit=1", "clerk");
  ASSERT_EQ(page.status, 200);
  std::string cursor;
  for (const auto& [k, v] : page.headers) {
    if (k == "X-Next-Cursor") cursor = v;
  }
  ASSERT_FALSE(cursor.empty());
  auto next = GetJson("/api/v1/tasks?limit=1&cursor=" + cursor, "clerk");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0]["case_id"], s1["id"]);
  EXPECT_EQ(GetJson("/api/v1/tasks", "clerk2").size(), 0u);
  EXPECT_EQ(GetJson("/api/v1/tasks", "head").size(), 0u);
  // An applicant's queue holds only the steps they work themselves: none of the clerk's.
  EXPECT_EQ(GetJson("/api/v1/tasks", "seeker").size(), 0u);
}

TEST_P(CaseApiErrorsSuite, CaseListingsFilterPageAndKeepToScope) {
  for (int i = 0; i < 3; ++i) FileAtOffice("job-seeker-registration", FreshIin(i));
  FileAtOffice("unemployed-registration", "880722300562", "clerk2");
  auto first = GetJson("/api/v1/cases?limit=2", "head");
  ASSERT_EQ(first["items"].size(), 2u);
  EXPECT_EQ(first["items"][0]["number"], "KZO-CITY-2026-000003");
  auto rest =
      GetJson("/api/v1/cases?limit=2&cursor=" + first["next_cursor"].get<std::string>(), "head");
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["number"], "KZO-CITY-2026-000001");
  EXPECT_TRUE(rest["next_cursor"].is_null());
  EXPECT_EQ(GetJson("/api/v1/cases?number=KZO-CITY-2026-000002", "clerk")["items"].size(), 1u);
  EXPECT_EQ(GetJson("/api/v1/cases?iin=880722300562", "clerk")["items"].size(), 0u);
  auto aral = GetJson("/api/v1/cases", "head2");
  ASSERT_EQ(aral["items"].size(), 1u);
  EXPECT_EQ(aral["items"][0]["number"], "KZO-ARAL-2026-000001");
  EXPECT_EQ(GetJson("/api/v1/cases", "oblast-head")["items"].size(), 4u);
  EXPECT_EQ(
      GetJson("/api/v1/cases?process=unemployed-registration&status=open", "oblast-head")["items"]
          .size(),
      1u);
  EXPECT_EQ(GetJson("/api/v1/cases", "seeker")["items"].size(), 0u);
  EXPECT_EQ(Get("/api/v1/cases?status=finished", "clerk").status, 400);
}

TEST_P(CaseApiErrorsSuite, TheSlaReportCountsWorkingTimeAndBreaches) {
  for (int i = 0; i < 3; ++i) {
    auto kase = FileAtOffice("active-measures-referral", "851102400347");
    api_.Advance(std::chrono::minutes(2 + 3 * i));  // 2, 5 and 8 minutes: the last overruns 5min
    ASSERT_EQ(Complete(kase["tasks"][0]["id"], "clerk", "accepted").status, 200);
  }
  auto report = GetJson("/api/v1/reports/sla?from=2026-11-23&to=2026-11-23", "analyst");
  ASSERT_EQ(report["steps"].size(), 1u);
  const auto& row = report["steps"][0];
  EXPECT_EQ(row["process"], "active-measures-referral");
  EXPECT_EQ(row["step"], "register");
  EXPECT_EQ(row["ref"], "6.2");
  EXPECT_EQ(row["limit"], "5min");
  EXPECT_EQ(row["count"], 3);
  EXPECT_EQ(row["median_minutes"], 5);
  EXPECT_EQ(row["p90_minutes"], 8);
  EXPECT_EQ(row["breaches"], 1);
  auto csv = api_.Call("GET", "/api/v1/reports/sla?from=2026-11-23&to=2026-11-23&format=csv", "",
                       Token("head"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body,
            "process,version,step,ref,role,limit,count,median_minutes,p90_minutes,breaches\r\n"
            "active-measures-referral,kzo-2018-1057,register,6.2,office_clerk,5min,3,5,8,1\r\n");
  EXPECT_EQ(GetJson("/api/v1/reports/sla?from=2026-11-24&to=2026-11-30", "analyst")["steps"].size(),
            0u);
  EXPECT_EQ(GetJson("/api/v1/reports/sla?from=2026-11-23&to=2026-11-23", "head2")["steps"].size(),
            0u);
  EXPECT_EQ(
      Get("/api/v1/reports/sla?from=2026-11-23&to=2026-11-23&office=kzo-city", "head2").status,
      404);
  EXPECT_EQ(Get("/api/v1/reports/sla?from=2026-11-23&to=2026-11-23", "clerk").status, 403);
  EXPECT_EQ(Get("/api/v1/reports/sla?from=2026-11-23", "analyst").status, 400);
  EXPECT_EQ(Get("/api/v1/reports/sla?from=2026-11-24&to=2026-11-23", "analyst").status, 422);
  EXPECT_EQ(GetJson("/api/v1/reports/sla?from=2026-11-23&to=2026-11-23", "admin")["steps"].size(),
            1u);
}

// Seed 003, regulations 2 and 3, item 6.2: the clerk registers the documents and passes them
// to the head; only regulation 1 names a refusal to accept there. The intake still refuses an
// incomplete set at filing. The result is due one working day after filing (the service term).
TEST_P(CaseApiErrorsSuite, S2AndS3OfferNoRefusalToAcceptAtRegistration) {
  for (const char* process : {"unemployed-registration", "active-measures-referral"}) {
    auto kase = FileAtOffice(process, "851102400347");
    ASSERT_EQ(kase["tasks"].size(), 1u) << process;
    const json& task = kase["tasks"][0];
    EXPECT_EQ(task["ref"], "6.2");
    EXPECT_EQ(task["outcomes"], json::array({"accepted"})) << process;
    auto refused = Complete(task["id"], "clerk", "refused_acceptance",
                            {{"grounds", json::array({"incomplete_set"})}});
    EXPECT_EQ(refused.status, 422) << process;
    EXPECT_EQ(ApiHarness::Json(refused)["error"]["key"], "case.outcome_unknown");
    // Filed on Monday 2026-11-23: due on Tuesday.
    EXPECT_EQ(kase["result_due_on"], "2026-11-24") << process;
    EXPECT_EQ(kase["accepted_at"], nullptr);
    auto seen = GetJson("/api/v1/cases/" + std::to_string(kase["id"].get<std::int64_t>()), "clerk");
    EXPECT_EQ(seen["result_due_on"], "2026-11-24");
  }
}

}  // namespace jumys::testing
