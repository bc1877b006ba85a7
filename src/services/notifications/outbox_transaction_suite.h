#pragma once
// The outbox written in the change's transaction: an S4a decision (foreign-labour-permit)
// reaches the employer with the change that made it, a message links the newest document only
// when it is about one, and a change that fails after its notify point leaves no message.
#include <filesystem>
#include <string>

#include "engine/definition_test_support.h"
#include "services/notifications/outbox_support.h"

namespace jumys::testing {

TEST_P(OutboxSuite, TheS4DecisionReachesTheEmployerInTheChangesTransaction) {
  Use(AllChannels());
  SetContact("employer", kBin, "hr@aral-fish.example", "+77011234567", "en", true, true);
  const std::int64_t id = S4UpToSendNotice();
  ASSERT_EQ(Messages("decision_notice").size(), 0u);
  const std::int64_t tasks_before = Count("SELECT COUNT(*) FROM tasks");

  auto done = Do(id, "send_notice", "oblast-executor", "notified");
  ASSERT_TRUE(done) << done.error().message;
  const auto notices = Messages("decision_notice");
  ASSERT_EQ(notices.size(), 3u);
  const std::string verify = "https://jumys.example/verify/" + NewestVerificationCode(id);
  ASSERT_NE(verify, "https://jumys.example/verify/");
  for (const auto& m : notices) {
    SCOPED_TRACE(m.channel);
    EXPECT_EQ(m.party_kind, "employer");
    EXPECT_EQ(m.party_id, kBin);
    EXPECT_EQ(m.case_id, id);
    EXPECT_EQ(m.office_id, "kzo-oblast");
    EXPECT_EQ(m.language, "en");
    EXPECT_EQ(m.template_version, 1);
    EXPECT_EQ(m.link, verify);
    EXPECT_EQ(m.reference.size(), 32u);
    EXPECT_EQ(m.reference.find_first_not_of("0123456789abcdef"), std::string::npos);
    // Written at the moment of the change, with it.
    EXPECT_EQ(m.created_at, done->kase.updated_at);
  }
  EXPECT_NE(notices[0].reference, notices[1].reference);
  EXPECT_EQ(notices[0].channel, "inbox");
  EXPECT_EQ(notices[0].status, "delivered");
  EXPECT_FALSE(notices[0].read_at);
  EXPECT_EQ(notices[0].subject, "Notification of the permit decision: " + done->kase.number);
  EXPECT_NE(notices[0].body.find("https://jumys.example/cases/" + std::to_string(id)),
            std::string::npos)
      << notices[0].body;
  EXPECT_NE(notices[0].body.find(verify), std::string::npos) << notices[0].body;
  EXPECT_EQ(notices[1].channel, "email");
  EXPECT_EQ(notices[1].address, "hr@aral-fish.example");
  EXPECT_EQ(notices[1].status, "created");
  EXPECT_NE(notices[1].html.find("<a href=\"" + verify + "\">"), std::string::npos);
  EXPECT_EQ(notices[2].channel, "sms");
  EXPECT_EQ(notices[2].address, "+77011234567");
  EXPECT_EQ(notices[2].status, "created");
  EXPECT_EQ(notices[2].body,
            "A decision on " + done->kase.number + " is in your personal cabinet.");
  // The same change opened the fee wait.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks"), tasks_before + 1);

  // A second completion of the same task is refused and writes nothing more.
  auto again = Do(id, "send_notice", "oblast-executor", "notified");
  EXPECT_FALSE(again);
  EXPECT_EQ(Messages("decision_notice").size(), 3u);
}

TEST_P(OutboxSuite, TheMessageLinksTheNewestDocument) {
  Use(AllChannels());
  const std::int64_t id = S4UpToSendNotice();
  MustDo(id, "send_notice", "oblast-executor", "notified");
  const std::string notice_code = NewestVerificationCode(id);
  ASSERT_EQ(Messages("decision_notice").at(0).link, "https://jumys.example/verify/" + notice_code);
  MustDo(id, "await_fee", "oblast-clerk", "fee_paid",
         {{"payment",
           {{"document_number", "PP-000123"},
            {"paid_on", "2026-11-23"},
            {"amount", {{"amount", 13'764'000}, {"currency", "KZT"}}}}}});
  MustDo(id, "sign_permit", "oblast-head", "signed");
  const std::string permit_code = NewestVerificationCode(id);
  ASSERT_NE(permit_code, notice_code) << "the fee issues the permit";
  const auto collect = Messages("permit_to_collect");
  ASSERT_EQ(collect.size(), 1u) << "no contact: the inbox only";
  EXPECT_EQ(collect[0].channel, "inbox");
  EXPECT_EQ(collect[0].link, "https://jumys.example/verify/" + permit_code);
  EXPECT_EQ(collect[0].language, "kk") << "no contact: Kazakh";
  ASSERT_TRUE(collect[0].task_id.has_value()) << "written when the collection wait opened";
}

TEST_P(OutboxSuite, AMessageLinksADocumentOnlyWhenItIsAboutOne) {
  Use(AllChannels());
  const std::int64_t id = FileS4();
  MustDo(id, "register", "oblast-clerk", "accepted");
  ASSERT_NE(NewestVerificationCode(id), "") << "registration issues the coupon and receipt";
  MustDo(id, "assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}});
  const std::string case_url = "https://jumys.example/cases/" + std::to_string(id);
  // Acceptance is about the case, and so is the executor's new task.
  const auto accepted = Messages("application_accepted");
  ASSERT_EQ(accepted.size(), 1u);
  EXPECT_EQ(accepted[0].link, case_url);
  const auto assigned = Messages("task_assigned");
  ASSERT_FALSE(assigned.empty());
  for (const auto& m : assigned) {
    SCOPED_TRACE(m.party_id);
    EXPECT_EQ(m.party_kind, "staff");
    EXPECT_EQ(m.link, case_url);
  }
  EXPECT_EQ(assigned.back().party_id, "oblast-executor");
}
// A scratch process whose change fails after messages were written: the failure rolls the
// messages back with everything else.
const char* const kFailing = R"(code: failing
version: v1
status: active
title: {kk: Қате, ru: Сбой, en: Failing}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 1wd}
effective: {from: 2020-01-01}
provider: centre
applicant: employer
channels:
  office: {ref: "1", start: register}
intake:
  documents:
    - {type: application, required: false}
steps:
  - id: register
    ref: "1.1"
    role: office_clerk
    limit: 20min
    title: {kk: а, ru: б, en: Register}
    outcomes:
      - {id: by_effect, next: announce, notify: [{to: applicant, template: application_accepted}]}
      - {id: by_guard, next: announce_then_check, notify: [{to: applicant, template: application_accepted}]}
      - {id: fine, next: review, notify: [{to: applicant, template: application_accepted}]}
  - id: announce
    ref: "1.2"
    kind: automatic
    notify: [{to: applicant, template: result_ready}]
    title: {kk: а, ru: б, en: Announce}
    outcomes:
      - {id: go, effects: [explode], next: review}
  - id: announce_then_check
    ref: "1.3"
    kind: automatic
    notify: [{to: applicant, template: result_ready}]
    title: {kk: а, ru: б, en: Announce}
    outcomes:
      - {id: go, next: check}
  - id: check
    ref: "1.4"
    kind: automatic
    guards: [never]
    title: {kk: а, ru: б, en: Check}
    outcomes:
      - {id: go, next: review}
  - id: review
    ref: "1.5"
    role: executor
    limit: 1wd
    title: {kk: а, ru: б, en: Review}
    outcomes:
      - {id: done, end: notification}
)";

TEST_P(OutboxSuite, AChangeThatFailsAfterTheNotifyPointLeavesNoMessage) {
  DefinitionTree tree;
  tree.Definition("failing", "v1", kFailing);
  std::filesystem::copy(SourceDir() / "reference/notifications",
                        tree.reference() / "notifications");
  std::int64_t seen_in_transaction = -1;
  DefinitionVocabulary vocabulary = DefaultDefinitionVocabulary();
  vocabulary.effects.insert("explode");
  vocabulary.guards.insert("never");
  Use(AllChannels(), tree.processes(), tree.reference(), vocabulary, [&](CaseHooks& hooks) {
    hooks.AddEffect("explode", [&](HookContext& ctx) -> Status {
      // The messages of this change are there, in its transaction, when it fails.
      JUMYS_ASSIGN_OR_RETURN(auto rows, ctx.tx.Query("SELECT COUNT(*) FROM notifications"));
      seen_in_transaction = rows.Int(0, 0);
      return Error::Unprocessable("test.explode"_msg, "the effect fails");
    });
    hooks.AddGuard("never", "test.never"_msg, "the guard never holds",
                   [](HookContext&) -> Expected<bool> { return false; });
  });
  SetContact("employer", kBin, "hr@x.example", "+77011234567", "en", true, true);
  CaseService::StartRequest r;
  r.process = "failing";
  r.channel = Channel::kOffice;
  r.applicant_bin = kBin;
  auto id = engine().cases().Start(engine().As("clerk"), r);
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_EQ(Count("SELECT COUNT(*) FROM notifications"), 0);
  const std::int64_t events_before = Count("SELECT COUNT(*) FROM audit_events");

  auto by_effect = Do(*id, "register", "clerk", "by_effect");
  ASSERT_FALSE(by_effect);
  EXPECT_EQ(by_effect.error().message, "the effect fails");
  EXPECT_EQ(seen_in_transaction, 3) << "result_ready written to inbox, e-mail and SMS";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notification_attempts"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events"), events_before);

  auto by_guard = Do(*id, "register", "clerk", "by_guard");
  ASSERT_FALSE(by_guard);
  EXPECT_NE(by_guard.error().message.find("the guard never holds"), std::string::npos)
      << by_guard.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications"), 0);

  // The same step with nothing failing writes its messages.
  MustDo(*id, "register", "clerk", "fine");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE template = 'application_accepted'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE template = 'result_ready'"), 0);
}
}  // namespace jumys::testing
