// A complaint (C1, `concerns: case`) about a case that ended, and the engine's reopening of
// that case: back to a step staff work, with a new task on the calendar, its result kept.
#include "engine/case_reopen.h"

#include <gtest/gtest.h>

#include "engine/case_script.h"
#include "services/demo/demo_data.h"

namespace jumys::testing {
namespace {

using nlohmann::json;

constexpr const char* kComplaint = "public-service-complaint";

class CaseReopenTest : public ::testing::Test {
 protected:
  EngineFixture engine_;

  std::int64_t OpenTask(std::int64_t case_id, const std::string& step) {
    auto d = engine_.cases().Load(case_id);
    EXPECT_TRUE(d.has_value());
    if (!d) return 0;
    for (const auto& t : d->tasks)
      if (t.open() && t.step == step) return t.id;
    ADD_FAILURE() << "no open task at " << step;
    return 0;
  }

  void Do(std::int64_t case_id, const std::string& step, const std::string& outcome,
          const std::string& login, const json& data = json::object()) {
    auto done = engine_.cases().Complete(engine_.As(login), OpenTask(case_id, step), outcome, data);
    ASSERT_TRUE(done.has_value()) << step << ": " << done.error().message;
  }

  // S1 for `iin` at kzo-city, taken to its end (notification issued, handed over).
  std::int64_t RegisteredSeeker(const std::string& iin) {
    CaseService::StartRequest r;
    r.process = "job-seeker-registration";
    r.applicant_iin = iin;
    r.documents = {{"application", {}}, {"identity_document", *ParseDate("2030-01-01")}};
    auto id = engine_.cases().Start(engine_.As("clerk"), r);
    EXPECT_TRUE(id.has_value()) << id.error().message;
    Do(*id, "register", "accepted", "clerk");
    Do(*id, "assign", "assigned", "head", {{"assignee", "executor"}});
    Do(*id, "review", "approve", "executor");
    Do(*id, "sign", "signed", "head");
    Do(*id, "hand_over", "handed_over", "clerk");
    return *id;
  }

  Expected<std::int64_t> Complain(const std::string& login, std::int64_t subject,
                                  Channel channel = Channel::kOffice) {
    CaseService::StartRequest r;
    r.process = kComplaint;
    r.channel = channel;
    r.subject_case_id = subject;
    r.data = {{"text", "The result was handed over without the data I gave."}};
    return engine_.cases().Start(engine_.As(login), r);
  }
};

TEST_F(CaseReopenTest, AnUpheldComplaintReopensTheSubjectAtTheStepThatDecided) {
  const std::int64_t s1 = RegisteredSeeker("851102400347");
  auto before = engine_.cases().Load(s1);
  ASSERT_TRUE(before.has_value());
  ASSERT_EQ(before->kase.status, "completed");
  ASSERT_TRUE(before->kase.result.has_value());
  const CaseResult result = *before->kase.result;

  auto complaint = Complain("clerk", s1);
  ASSERT_TRUE(complaint.has_value()) << complaint.error().message;
  auto c = engine_.cases().Load(*complaint);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->kase.office_id, "kzo-city");
  EXPECT_EQ(c->kase.applicant_iin, "851102400347") << "the subject's applicant";
  // Filed on Monday 23.11: five working days on the office's calendar, counted from the next
  // day, run to the close of Monday 30.11 (the weekend does not count).
  ASSERT_EQ(c->tasks.size(), 1u);
  EXPECT_EQ(c->tasks[0].step, "consider");
  EXPECT_EQ(ToLocal(c->tasks[0].due_at), "2026-11-30T18:30");
  EXPECT_EQ(c->kase.result_due_on, "2026-11-30");

  engine_.Advance(std::chrono::hours(24));
  Do(*complaint, "consider", "upheld_reopen", "head",
     {{"answer", "Upheld: the executor enters the data again and the notice is reissued."}});

  auto after = engine_.cases().Load(s1);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->kase.status, "open");
  EXPECT_FALSE(after->kase.closed_at.has_value());
  ASSERT_TRUE(after->kase.result.has_value()) << "the issued result stays";
  EXPECT_EQ(after->kase.result->number, result.number);
  const TaskRow& reopened = after->tasks.back();
  EXPECT_TRUE(reopened.open());
  EXPECT_EQ(reopened.step, "review") << "the step whose outcome decided the result";
  EXPECT_EQ(reopened.assignee, "executor") << "the appointed executor keeps the case";
  // Tuesday 10:00 + 30 working minutes.
  EXPECT_EQ(ToLocal(reopened.due_at), "2026-11-24T10:30");
  bool logged = false;
  for (const auto& e : after->events) {
    if (e.action != "case.reopen") continue;
    const json data = json::parse(e.data);
    EXPECT_EQ(data["by"]["case"], *complaint);
    EXPECT_EQ(data["step"], "review");
    EXPECT_EQ(data["was"], "completed");
    EXPECT_EQ(data["result"]["number"], result.number);
    logged = true;
  }
  EXPECT_TRUE(logged) << "the reopening is in the subject's timeline";

  auto answered = engine_.cases().Load(*complaint);
  ASSERT_TRUE(answered.has_value());
  EXPECT_EQ(answered->kase.status, "completed");
  ASSERT_TRUE(answered->kase.result.has_value());
  EXPECT_EQ(answered->kase.result->kind, "complaint_answer");

  // The reopened case runs on from there as before.
  Do(s1, "review", "approve", "executor");
  Do(s1, "sign", "signed", "head");
  Do(s1, "hand_over", "handed_over", "clerk");
  auto done = engine_.cases().Load(s1);
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(done->kase.status, "completed");
}

TEST_F(CaseReopenTest, TheHeadMayNameTheStepAndOnlyOneStaffWork) {
  const std::int64_t s1 = RegisteredSeeker("951203400783");
  auto complaint = Complain("clerk", s1);
  ASSERT_TRUE(complaint.has_value()) << complaint.error().message;
  const auto task = OpenTask(*complaint, "consider");
  const std::string answer = "Upheld: the head signs the result again after checking it.";
  auto wrong = engine_.cases().Complete(engine_.As("head"), task, "upheld_reopen",
                                        {{"answer", answer}, {"reopen_step", "nowhere"}});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(wrong.error().key, "case.reopen_step_unknown");
  auto subject = engine_.cases().Load(s1);
  ASSERT_TRUE(subject.has_value());
  EXPECT_EQ(subject->kase.status, "completed") << "a refused completion changes nothing";

  Do(*complaint, "consider", "upheld_reopen", "head",
     {{"answer", answer}, {"reopen_step", "sign"}});
  subject = engine_.cases().Load(s1);
  ASSERT_TRUE(subject.has_value());
  EXPECT_EQ(subject->kase.status, "open");
  EXPECT_EQ(subject->tasks.back().step, "sign");
  EXPECT_EQ(subject->tasks.back().role, Role::kHead);
}

TEST_F(CaseReopenTest, RejectedOrUpheldWithoutReopeningLeavesTheSubjectAsItWas) {
  const std::int64_t s1 = RegisteredSeeker("780611300895");
  auto before = engine_.cases().Load(s1);
  ASSERT_TRUE(before.has_value());
  for (const char* outcome : {"rejected", "upheld"}) {
    auto complaint = Complain("clerk", s1);
    ASSERT_TRUE(complaint.has_value()) << complaint.error().message;
    // The answer is required and reasoned.
    auto bare = engine_.cases().Complete(engine_.As("head"), OpenTask(*complaint, "consider"),
                                         outcome, json::object());
    ASSERT_FALSE(bare.has_value());
    EXPECT_EQ(bare.error().code, ErrorCode::kUnprocessable);
    Do(*complaint, "consider", outcome, "head",
       {{"answer", "The notification was issued on the documents given; nothing to change."}});
    auto after = engine_.cases().Load(s1);
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->kase.status, "completed") << outcome;
    EXPECT_EQ(after->kase.row_version, before->kase.row_version) << outcome;
    EXPECT_EQ(after->tasks.size(), before->tasks.size()) << outcome;
  }
}

TEST_F(CaseReopenTest, OnlyTheApplicantsOwnEndedCaseIsComplainedAboutAndReopened) {
  const std::int64_t s1 = RegisteredSeeker(demo::kDemoSeekerIin);
  // From the cabinet: the applicant's own case.
  auto own = Complain("seeker", s1, Channel::kPortal);
  ASSERT_TRUE(own.has_value()) << own.error().message;
  auto c = engine_.cases().Load(*own);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->kase.channel, Channel::kPortal);
  EXPECT_EQ(c->kase.office_id, "kzo-city") << "filed with the office that holds the case";
  // The answer to a complaint is appealed elsewhere, not by another complaint to the office.
  auto about_complaint = Complain("seeker", *own, Channel::kPortal);
  ASSERT_FALSE(about_complaint.has_value());
  EXPECT_EQ(about_complaint.error().key, "case.subject_about_case");

  // Somebody else's case is a missing case.
  const std::int64_t other = RegisteredSeeker("851102400347");
  auto theirs = Complain("seeker", other, Channel::kPortal);
  ASSERT_FALSE(theirs.has_value());
  EXPECT_EQ(theirs.error().code, ErrorCode::kNotFound);
  auto missing = Complain("seeker", 999999, Channel::kPortal);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().key, theirs.error().key);

  // A clerk of another office does not file it: the complaint goes to the subject's office.
  auto elsewhere = Complain("clerk2", s1);
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kUnprocessable);

  // Without a subject the complaint process is not filed at all.
  CaseService::StartRequest bare;
  bare.process = kComplaint;
  bare.applicant_iin = "851102400347";
  bare.data = {{"text", "A complaint about nothing in particular."}};
  auto nothing = engine_.cases().Start(engine_.As("clerk"), bare);
  ASSERT_FALSE(nothing.has_value());
  EXPECT_EQ(nothing.error().key, "case.subject_mismatch");

  // A case still open has nothing to reopen: upheld_reopen is refused, the others stand.
  CaseService::StartRequest pending;
  pending.process = "job-seeker-registration";
  pending.applicant_iin = "880722300562";
  pending.documents = {{"application", {}}, {"identity_document", *ParseDate("2030-01-01")}};
  auto open_case = engine_.cases().Start(engine_.As("clerk"), pending);
  ASSERT_TRUE(open_case.has_value());
  auto about_open = Complain("clerk", *open_case);
  ASSERT_TRUE(about_open.has_value()) << "a complaint about a case under way is filed too";
  auto refused =
      engine_.cases().Complete(engine_.As("head"), OpenTask(*about_open, "consider"),
                               "upheld_reopen", {{"answer", "Upheld: it should be reopened."}});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().key, "case.reopen_open");
  Do(*about_open, "consider", "upheld", "head",
     {{"answer", "Upheld: the executor will finish it within the term."}});
}

TEST(CaseReopenStep, DefaultsToTheLastStaffStepThatDecidedThenTheLastStaffStep) {
  EngineFixture engine;
  auto def = engine.cases().DefinitionOf("job-seeker-registration", "kzo-2018-1057");
  ASSERT_TRUE(def.has_value());
  CaseRow kase;
  kase.number = "KZO-CITY-2026-000001";
  auto task = [](const char* step, const char* outcome) {
    TaskRow t;
    t.step = step;
    t.outcome = outcome;
    t.completed_at = "2026-11-23T05:00:00Z";
    return t;
  };
  const std::vector<TaskRow> tasks = {task("register", "accepted"), task("assign", "assigned"),
                                      task("review", "approve"), task("sign", "signed"),
                                      task("hand_over", "handed_over")};
  auto step = ReopenStep(**def, kase, tasks, "");
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ((*step)->id, "review");
  auto undecided = ReopenStep(**def, kase, {tasks[0], tasks[1]}, "");
  ASSERT_TRUE(undecided.has_value());
  EXPECT_EQ((*undecided)->id, "assign");
  auto none = ReopenStep(**def, kase, {}, "");
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().key, "case.reopen_no_step");
  auto portal_step = ReopenStep(**def, kase, tasks, "portal_review");
  ASSERT_FALSE(portal_step.has_value()) << "not a step of the case's channel";
}

}  // namespace
}  // namespace jumys::testing
