#pragma once
// Complaints about a public service or its result (C1, Law "On public services" No. 88-V,
// article 25) through the API, on SQLite (complaint_api_test.cpp) and PostgreSQL
// (complaint_api_pgtest.cpp): filed from the cabinet or at the office, answered by the head
// within five working days on the office's calendar, the answer in the applicant's inbox,
// and an upheld complaint reopening the case it is about.
#include "server/case_api_support.h"

namespace jumys::testing {

class ComplaintApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kText = "The notification came without the education I listed.";
  static constexpr const char* kAnswer =
      "Upheld: the education document was not entered; the executor enters it again.";

  // The seeker's S1 from the cabinet, worked to its end at the city centre.
  std::int64_t SeekersEndedCase() {
    const std::int64_t id = FileFromPortal("job-seeker-registration")["id"];
    auto done = Work("job-seeker-registration", id,
                     {{"portal_register", "clerk", "accepted"},
                      {"portal_assign", "head", "assigned", {{"assignee", "executor"}}},
                      {"portal_review", "executor", "approve"},
                      {"portal_sign", "head", "signed"}});
    EXPECT_EQ(done["status"], "completed");
    return id;
  }

  // An office S1 for `iin`, worked to its end.
  std::int64_t OfficeEndedCase(const std::string& iin) {
    const std::int64_t id = FileAtOffice("job-seeker-registration", iin)["id"];
    auto done = Work("job-seeker-registration", id, ApprovedAtOffice());
    EXPECT_EQ(done["status"], "completed");
    return id;
  }

  static std::string ComplaintsOf(std::int64_t id) {
    return "/api/v1/cases/" + std::to_string(id) + "/complaints";
  }

  json Complain(std::int64_t subject, const std::string& login, const std::string& text = kText) {
    auto r = Post(ComplaintsOf(subject), {{"text", text}}, login);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body);
  }

  json CaseOf(std::int64_t id, const std::string& login) {
    return GetJson("/api/v1/cases/" + std::to_string(id), login);
  }

  // A UTC instant as the local (UTC+5) "YYYY-MM-DDTHH:MM".
  static std::string Local(const json& utc) {
    auto t = ParseRfc3339(utc.get<std::string>());
    if (!t) return "?";
    return FormatLocalTime(LocalTime{(*t + std::chrono::hours(5)).time_since_epoch()})
        .substr(0, 16);
  }
};

TEST_P(ComplaintApiSuite, AComplaintFromTheCabinetIsAnsweredWithinItsTerm) {
  const std::int64_t subject = SeekersEndedCase();
  // Filed on Monday 14.12.2026: the five working days step over Independence Day (Wednesday
  // 16.12) and the weekend, so the answer is due at the close of Tuesday 22.12.
  const Instant monday = *ParseRfc3339("2026-12-14T05:00:00Z");  // 10:00 in Kyzylorda
  api_.Advance(std::chrono::duration_cast<std::chrono::seconds>(monday - api_.Now()));
  tokens_.clear();  // the sessions of three weeks ago have ended: sign in again
  json complaint = Complain(subject, "seeker");
  const std::int64_t id = complaint["id"];
  EXPECT_EQ(complaint["process"], "public-service-complaint");
  EXPECT_EQ(complaint["channel"], "portal");
  EXPECT_EQ(complaint["office"], "kzo-city");
  EXPECT_EQ(complaint["applicant"]["iin"], "900515300127");
  EXPECT_EQ(complaint["result_due_on"], "2026-12-22");
  ASSERT_EQ(complaint["tasks"].size(), 1u);
  const json task = complaint["tasks"][0];
  EXPECT_EQ(task["step"], "consider");
  EXPECT_EQ(task["role"], "head");
  EXPECT_EQ(Local(task["due_at"]), "2026-12-22T18:30");
  ExpectLegalDeadline("public-service-complaint", QueueTask(id, "head"));

  // The subject's timeline names the complaint; its page lists it, under consideration.
  bool named = false;
  const json subject_now = CaseOf(subject, "seeker");
  for (const auto& e : subject_now["events"]) {
    named |= e["action"] == "case.complained" && e["data"]["complaint"]["case"] == id;
  }
  EXPECT_TRUE(named);
  json listed = GetJson(ComplaintsOf(subject), "seeker");
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["text"], kText);
  EXPECT_EQ(listed["items"][0]["status"], "open");
  EXPECT_TRUE(listed["items"][0]["answer"].is_null());
  EXPECT_EQ(listed["items"][0]["task"]["urgency"], "ok");

  // A reasoned answer is required: no answer, no completion.
  api_.Advance(std::chrono::hours(24 * 3));  // Thursday 17.12, within the term
  tokens_.clear();
  auto bare = Complete(task["id"], "head", "upheld");
  ASSERT_EQ(bare.status, 422) << bare.body;
  EXPECT_EQ(DetailKeys(bare)["data.answer"], "field.required") << bare.body;
  auto answered = Complete(task["id"], "head", "upheld", {{"answer", kAnswer}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  const json done = json::parse(answered.body);
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["result"]["kind"], "complaint_answer");
  EXPECT_EQ(done["tasks"][0]["overdue"], false) << "answered within its term";
  EXPECT_LT(done["tasks"][0]["completed_at"].get<std::string>(), task["due_at"].get<std::string>());

  // The answer reaches the applicant: in the inbox, on the subject's page and as a document.
  bool in_inbox = false;
  const json inbox = GetJson("/api/v1/inbox", "seeker");
  for (const auto& m : inbox["messages"]) {
    in_inbox |= m["template"] == "complaint_answered" && m["case_id"] == id;
  }
  EXPECT_TRUE(in_inbox);
  listed = GetJson(ComplaintsOf(subject), "seeker");
  EXPECT_EQ(listed["items"][0]["answer"], kAnswer);
  EXPECT_EQ(listed["items"][0]["outcome"], "upheld");
  EXPECT_EQ(listed["items"][0]["reopened"], false);
  EXPECT_TRUE(listed["items"][0]["task"].is_null());
  auto pdf = Get(done["result"]["document_url"], "seeker");
  EXPECT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  // Upheld without reopening: the case complained about stays as it ended.
  EXPECT_EQ(CaseOf(subject, "seeker")["status"], "completed");
}

TEST_P(ComplaintApiSuite, AnUpheldComplaintReopensTheCaseAtTheStepThatDecided) {
  const std::int64_t subject = OfficeEndedCase("951203400783");
  const json before = CaseOf(subject, "clerk");
  const json complaint = Complain(subject, "clerk");  // at the office, for the applicant
  EXPECT_EQ(complaint["channel"], "office");
  EXPECT_EQ(complaint["applicant"]["iin"], "951203400783");
  api_.Advance(std::chrono::hours(2));
  auto r = Complete(complaint["tasks"][0]["id"], "head", "upheld_reopen", {{"answer", kAnswer}});
  ASSERT_EQ(r.status, 200) << r.body;

  const json after = CaseOf(subject, "clerk");
  EXPECT_EQ(after["status"], "open");
  EXPECT_EQ(after["result"]["number"], before["result"]["number"]) << "the result stays";
  const json reopened = after["tasks"].back();
  EXPECT_EQ(reopened["step"], "review");
  EXPECT_EQ(reopened["assignee"], "executor");
  EXPECT_EQ(reopened.value("open", false), true);
  ExpectLegalDeadline("job-seeker-registration", QueueTask(subject, "executor"));
  bool logged = false;
  for (const auto& e : after["events"]) {
    if (e["action"] != "case.reopen") continue;
    EXPECT_EQ(e["actor"], "head");
    EXPECT_EQ(e["data"]["by"]["case"], complaint["id"]);
    EXPECT_EQ(e["data"]["step"], "review");
    logged = true;
  }
  EXPECT_TRUE(logged);
  const json listed = GetJson(ComplaintsOf(subject), "clerk");
  EXPECT_EQ(listed["items"][0]["reopened"], true);
  // The reopened case runs to its end again.
  auto done = Work("job-seeker-registration", subject,
                   {{"review", "executor", "approve"},
                    {"sign", "head", "signed"},
                    {"hand_over", "clerk", "handed_over"}});
  EXPECT_EQ(done["status"], "completed");
}

TEST_P(ComplaintApiSuite, ARejectedComplaintLeavesTheCaseAsItWas) {
  const std::int64_t subject = OfficeEndedCase("780611300895");
  const json before = CaseOf(subject, "clerk");
  const json complaint = Complain(subject, "clerk");
  auto r = Complete(complaint["tasks"][0]["id"], "head", "rejected",
                    {{"answer", "Rejected: the documents given named no education."}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "completed");
  const json after = CaseOf(subject, "clerk");
  EXPECT_EQ(after["status"], "completed");
  EXPECT_EQ(after["tasks"], before["tasks"]);
  EXPECT_EQ(after["result"], before["result"]);
  EXPECT_EQ(GetJson(ComplaintsOf(subject), "clerk")["items"][0]["outcome"], "rejected");
}

TEST_P(ComplaintApiSuite, AComplaintAboutSomebodyElsesCaseIsAMissingCase) {
  const std::int64_t subject = OfficeEndedCase("851102400347");
  const std::string body = json{{"text", kText}}.dump();
  auto theirs = api_.Call("POST", ComplaintsOf(subject), body, Token("seeker"));
  auto missing = api_.Call("POST", ComplaintsOf(999999), body, Token("seeker"));
  EXPECT_EQ(theirs.status, 404) << theirs.body;
  EXPECT_EQ(theirs.body, missing.body);
  EXPECT_EQ(Get(ComplaintsOf(subject), "seeker").status, 404);
  // Another office's clerk does not see the case either.
  EXPECT_EQ(Post(ComplaintsOf(subject), {{"text", kText}}, "clerk2").status, 404);
  // The text is checked like any application's data, and nothing is filed.
  auto short_text = Post(ComplaintsOf(subject), {{"text", "bad"}}, "clerk");
  ASSERT_EQ(short_text.status, 422) << short_text.body;
  EXPECT_EQ(DetailKeys(short_text)["data.text"], "field.too_short") << short_text.body;
  EXPECT_EQ(Post(ComplaintsOf(subject), json::object(), "clerk").status / 100, 4);
  EXPECT_TRUE(GetJson(ComplaintsOf(subject), "clerk")["items"].empty());
  // The complaint process is filed only about a case.
  auto direct = Post("/api/v1/cases",
                     {{"process", "public-service-complaint"},
                      {"channel", "office"},
                      {"applicant", {{"iin", "851102400347"}}},
                      {"data", {{"text", kText}}}},
                     "clerk");
  EXPECT_EQ(direct.status, 422) << direct.body;
}

TEST_P(ComplaintApiSuite, AnUnansweredComplaintTurnsOverdueForTheHead) {
  const std::int64_t subject = OfficeEndedCase("880722300562");
  const json complaint = Complain(subject, "clerk");
  const std::int64_t id = complaint["id"];
  EXPECT_EQ(QueueTask(id, "head")["overdue"], false);
  // Eight calendar days later the five working days have run out.
  api_.Advance(std::chrono::hours(24 * 8));
  tokens_.clear();  // sessions end; sign in again
  const json task = QueueTask(id, "head");
  EXPECT_EQ(task["overdue"], true);
  EXPECT_EQ(task["urgency"], "overdue");
  EXPECT_EQ(GetJson(ComplaintsOf(subject), "clerk")["items"][0]["task"]["urgency"], "overdue");
  // The staff alert of an overdue task goes to the head, as for any other task.
  auto swept = api_.runtime().alerts().Sweep(api_.Now());
  ASSERT_TRUE(swept.has_value()) << swept.error().message;
  bool alerted = false;
  const json inbox = GetJson("/api/v1/inbox", "head");
  for (const auto& m : inbox["messages"]) {
    alerted |= m["template"] == "task_overdue" && m["case_id"] == id;
  }
  EXPECT_TRUE(alerted);
}

}  // namespace jumys::testing
