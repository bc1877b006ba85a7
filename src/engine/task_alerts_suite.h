#pragma once
// Staff alerts and applicant reminders (engine/task_alerts.h) on a real store and the real
// definitions, calendar and templates, with an adjustable clock, on both stores. Include from
// one test file per binary and instantiate TaskAlertsSuite with a Backend.
//
// The tasks: S1 (job-seeker-registration) at kzo-city, filed through the engine, whose staff
// steps take 20-30 working minutes; and S4a (foreign-labour-permit) tasks with longer limits
// (the executor's 6wd submission, the employer's 10wd fee window) opened in the store on a
// case of the oblast office, since reaching them through the engine takes the commission and
// an EDS signature that this layer does not have.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/source_dir.h"
#include "engine/case_store.h"
#include "engine/case_sweeper.h"
#include "engine/case_test_support.h"
#include "engine/notification_templates.h"
#include "engine/notifier.h"
#include "engine/task_alerts.h"
#include "storage/repositories/notification_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::testing {

struct Message {
  std::string template_name, channel, party_kind, party_id, address, language, dedupe_key;
  std::string subject, body, created_at;
  std::int64_t case_id = 0, task_id = 0;
};

class TaskAlertsSuite : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto templates = LoadNotificationTemplates(SourceDir() / "reference/notifications");
    ASSERT_TRUE(templates.has_value()) << templates.error().message;
    templates_ = std::move(*templates);
    NotifierOptions options;
    options.email = true;  // e-mail rows for those who left an address
    notifier_ = std::make_unique<Notifier>(templates_, engine_.offices(), options);
    engine_.cases().SetNotifier(notifier_.get());
    alerts_ = std::make_unique<TaskAlerts>(engine_.db(), engine_.cases().catalog(),
                                           engine_.offices(), engine_.calendar(), *notifier_);
    // A second clerk of the city office, one who left, and the Aral office's own clerk
    // (clerk2, demo data): only the first hears of the city's unassigned clerk tasks.
    engine_.AddStaff("clerk-b", "kzo-city", "office_clerk");
    AddInactiveStaff("clerk-gone", "kzo-city", "office_clerk");
    // The demo clerk reads e-mail in English; the others keep the default (kk, inbox only).
    Contact("staff", "clerk", "clerk@enbek.example.kz", "en", false);
  }

  // Moves the test clock forward to a wall-clock time in Kyzylorda ("2026-11-27T18:35").
  void At(const std::string& local) {
    const Instant to = *ParseRfc3339(EngineFixture::Local(local + ":00"));
    ASSERT_GE(to, engine_.Now()) << "the clock only goes forward";
    engine_.Advance(std::chrono::duration_cast<std::chrono::seconds>(to - engine_.Now()));
  }

  int Sweep() {
    auto n = alerts_->Sweep(engine_.Now());
    EXPECT_TRUE(n.has_value()) << n.error().message << " " << n.error().internal;
    return n ? *n : -1;
  }

  void AddInactiveStaff(const std::string& login, const std::string& office,
                        const std::string& roles) {
    storage::UserRecord u;
    u.login = login;
    u.kind = "staff";
    u.full_name = login;
    u.office_id = office;
    u.roles = roles;
    u.password_hash = "x";
    u.active = false;
    EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(storage::InsertUser(tx, u, FormatRfc3339(engine_.Now())));
      return {};
    }),
                        "inactive staff");
  }

  void Contact(const std::string& kind, const std::string& id, const std::string& email,
               const std::string& language, bool email_opt_in) {
    storage::ContactRow c;
    c.party_kind = kind;
    c.party_id = id;
    c.email = email;
    c.language = language;
    c.email_opt_in = email_opt_in;
    c.updated_at = FormatRfc3339(engine_.Now());
    c.updated_by = "test";
    EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
      return storage::UpsertContact(tx, c);
    }),
                        "contact");
  }

  // S1 filed at the clerk's desk now: its first task is the clerk's 20-minute registration.
  std::int64_t FileS1() {
    CaseService::StartRequest r;
    r.process = "job-seeker-registration";
    r.channel = Channel::kOffice;
    r.applicant_iin = "851102400347";
    r.documents = {{"application", std::nullopt}, {"identity_document", *ParseDate("2030-01-01")}};
    auto id = engine_.cases().Start(engine_.As("clerk"), r);
    EXPECT_TRUE(id.has_value()) << id.error().message;
    return id ? *id : 0;
  }

  TaskRow OpenTask(std::int64_t case_id, const std::string& step) {
    return engine_.OpenTask(case_id, step);
  }

  // An S4a case of the oblast office for the demo employer, with one open task of `step`
  // opened now under the step's own limit, as the engine opens it.
  TaskRow OpenS4aTask(const std::string& step, const std::string& assignee = "") {
    auto def = engine_.cases().DefinitionOf("foreign-labour-permit", "kzo-2018-1054");
    EXPECT_TRUE(def.has_value());
    const Step* s = (*def)->FindStep(step);
    EXPECT_NE(s, nullptr) << step;
    auto office = engine_.offices().Find("kzo-oblast");
    CaseRow c;
    c.number = "KZO-OBLAST-2026-" + std::to_string(++numbers_);
    c.process = "foreign-labour-permit";
    c.version = "kzo-2018-1054";
    c.office_id = "kzo-oblast";
    c.applicant_bin = "080540001238";
    c.data = {{"category", 3}, {"workers", 2}};
    c.created_by = "oblast-clerk";
    c.created_at = c.updated_at = FormatRfc3339(engine_.Now());
    TaskRow t;
    t.step = s->id;
    t.ref = s->ref;
    t.kind = s->kind;
    t.role = s->role;
    t.office_id = "kzo-oblast";
    t.assignee = assignee;
    t.limit = FormatLimit(*s->limit);
    t.created_at = c.created_at;
    t.due_at = FormatRfc3339(engine_.calendar().Deadline(*office, engine_.Now(), *s->limit));
    EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(c.id, InsertCase(tx, c));
      t.case_id = c.id;
      JUMYS_ASSIGN_OR_RETURN(t.id, InsertTask(tx, t));
      return {};
    }),
                        "S4a task");
    return t;
  }

  // The alerts and reminders in the outbox, oldest first (task_assigned and the other
  // messages of case changes are left out).
  std::vector<Message> Alerts() {
    std::vector<Message> out;
    EngineFixture::Must(engine_.db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(
          auto rows,
          tx.Query("SELECT template, channel, party_kind, party_id, address, language, "
                   "dedupe_key, subject, body, created_at, case_id, task_id FROM notifications "
                   "WHERE template IN ('task_due_soon', 'task_overdue', 'fee_window_closing') "
                   "ORDER BY id"));
      for (std::size_t r = 0; r < rows.size(); ++r) {
        Message m;
        m.template_name = rows.Text(r, 0);
        m.channel = rows.Text(r, 1);
        m.party_kind = rows.Text(r, 2);
        m.party_id = rows.Text(r, 3);
        m.address = rows.Text(r, 4);
        m.language = rows.Text(r, 5);
        m.dedupe_key = rows.Text(r, 6);
        m.subject = rows.Text(r, 7);
        m.body = rows.Text(r, 8);
        m.created_at = rows.Text(r, 9);
        m.case_id = rows.IsNull(r, 10) ? 0 : rows.Int(r, 10);
        m.task_id = rows.IsNull(r, 11) ? 0 : rows.Int(r, 11);
        out.push_back(std::move(m));
      }
      return {};
    }),
                        "alerts");
    return out;
  }

  // "template channel recipient" of each alert about `task_id`, in order.
  std::vector<std::string> Sent(std::int64_t task_id) {
    std::vector<std::string> out;
    for (const auto& m : Alerts()) {
      if (m.task_id == task_id) out.push_back(m.template_name + " " + m.channel + " " + m.party_id);
    }
    return out;
  }

  using Lines = std::vector<std::string>;

  EngineFixture engine_{GetParam()};
  NotificationTemplates templates_;
  std::unique_ptr<Notifier> notifier_;
  std::unique_ptr<TaskAlerts> alerts_;
  int numbers_ = 0;
};

TEST_P(TaskAlertsSuite, AnUnassignedTaskIsDueSoonOnceAndOverdueOnceForEveryClerkOfItsOffice) {
  const std::int64_t id = FileS1();  // Monday 10:00; registration due 10:20
  const TaskRow task = OpenTask(id, "register");
  ASSERT_EQ(task.due_at, EngineFixture::Local("2026-11-23T10:20:00"));
  ASSERT_TRUE(task.assignee.empty());

  EXPECT_EQ(Sweep(), 3) << "20 working minutes left: clerk (inbox, e-mail) and clerk-b";
  EXPECT_EQ(Sent(task.id), (Lines{"task_due_soon inbox clerk", "task_due_soon email clerk",
                                  "task_due_soon inbox clerk-b"}))
      << "not the clerk who left, not the Aral office's clerk2, not the head";
  EXPECT_EQ(Sweep(), 0);
  At("2026-11-23T10:10");
  EXPECT_EQ(Sweep(), 0) << "due soon is said once";
  At("2026-11-23T10:20");
  EXPECT_EQ(Sweep(), 0) << "due at 10:20 is not overdue at 10:20";

  At("2026-11-23T10:21");
  EXPECT_EQ(Sweep(), 3);
  At("2026-11-23T11:00");
  EXPECT_EQ(Sweep(), 0);
  At("2026-11-24T10:00");
  EXPECT_EQ(Sweep(), 0) << "overdue is said once";
  EXPECT_EQ(Sent(task.id), (Lines{"task_due_soon inbox clerk", "task_due_soon email clerk",
                                  "task_due_soon inbox clerk-b", "task_overdue inbox clerk",
                                  "task_overdue email clerk", "task_overdue inbox clerk-b"}));
}

TEST_P(TaskAlertsSuite, TheRowsNameTheTaskTheCaseAndTheRecipientsLanguage) {
  const std::int64_t id = FileS1();
  const TaskRow task = OpenTask(id, "register");
  ASSERT_EQ(Sweep(), 3);
  const auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 3u);
  const Message& inbox = alerts[0];
  EXPECT_EQ(inbox.template_name, "task_due_soon");
  EXPECT_EQ(inbox.party_kind, "staff");
  EXPECT_EQ(inbox.party_id, "clerk");
  EXPECT_EQ(inbox.language, "en") << "from the clerk's contacts";
  EXPECT_EQ(inbox.task_id, task.id);
  EXPECT_EQ(inbox.case_id, id);
  EXPECT_EQ(inbox.created_at, EngineFixture::Local("2026-11-23T10:00:00"));
  EXPECT_EQ(inbox.dedupe_key, "task:" + std::to_string(task.id) + ":due_soon:clerk:inbox");
  EXPECT_NE(inbox.body.find("2026-11-23 10:20"), std::string::npos)
      << "the due time on the office's clock: " << inbox.body;
  const Message& email = alerts[1];
  EXPECT_EQ(email.channel, "email");
  EXPECT_EQ(email.address, "clerk@enbek.example.kz") << "staff e-mail needs no opt-in";
  EXPECT_EQ(email.dedupe_key, "task:" + std::to_string(task.id) + ":due_soon:clerk:email");
  EXPECT_EQ(alerts[2].party_id, "clerk-b");
  EXPECT_EQ(alerts[2].language, "kk") << "no contacts: Kazakh";
}

TEST_P(TaskAlertsSuite, AnAssignedTaskAlertsItsAssigneeOnlyAndNotBeforeTheLastWorkingHour) {
  engine_.AddStaff("oblast-executor-b", "kzo-oblast", "executor");
  const TaskRow task = OpenS4aTask("submit_to_commission", "oblast-executor");  // 6wd
  ASSERT_EQ(task.due_at, EngineFixture::Local("2026-12-01T18:30:00"));
  EXPECT_EQ(Sweep(), 0) << "six working days left";
  At("2026-12-01T17:29");
  EXPECT_EQ(Sweep(), 0) << "61 working minutes left";
  At("2026-12-01T17:30");
  EXPECT_EQ(Sweep(), 1);
  EXPECT_EQ(Sweep(), 0);
  EXPECT_EQ(Sent(task.id), (Lines{"task_due_soon inbox oblast-executor"}))
      << "not the other executor of the office";
  At("2026-12-01T18:31");
  EXPECT_EQ(Sweep(), 0) << "overdue, but the office closed at 18:30";
  At("2026-12-02T03:00");
  EXPECT_EQ(Sweep(), 0) << "not at night";
  At("2026-12-02T09:00");
  EXPECT_EQ(Sweep(), 1) << "at opening";
  EXPECT_EQ(Sent(task.id),
            (Lines{"task_due_soon inbox oblast-executor", "task_overdue inbox oblast-executor"}));
}

TEST_P(TaskAlertsSuite, NothingGoesOutOverAWeekendTheDueSoonAlertWaitsForMondaysOpening) {
  At("2026-11-27T18:35");  // Friday, after closing
  const std::int64_t id = FileS1();
  const TaskRow task = OpenTask(id, "register");
  ASSERT_EQ(task.due_at, EngineFixture::Local("2026-11-30T09:20:00"));
  for (const char* closed : {"2026-11-27T18:40", "2026-11-28T12:00", "2026-11-29T12:00",
                             "2026-11-30T03:00", "2026-11-30T08:59"}) {
    At(closed);
    EXPECT_EQ(Sweep(), 0) << closed;
  }
  At("2026-11-30T09:00");
  EXPECT_EQ(Sweep(), 3);
  EXPECT_EQ(Sent(task.id), (Lines{"task_due_soon inbox clerk", "task_due_soon email clerk",
                                  "task_due_soon inbox clerk-b"}));
}

TEST_P(TaskAlertsSuite, NothingGoesOutOnAHolidayOrOverLunch) {
  At("2026-12-15T18:31");  // Tuesday, after closing; Wednesday the 16th is Independence Day
  const TaskRow task = OpenTask(FileS1(), "register");
  ASSERT_EQ(task.due_at, EngineFixture::Local("2026-12-17T09:20:00"));
  At("2026-12-16T11:00");
  EXPECT_EQ(Sweep(), 0) << "a holiday on a weekday";
  At("2026-12-17T09:00");
  EXPECT_EQ(Sweep(), 3);

  At("2026-12-17T13:00");  // the lunch break: the registration is overdue, nobody hears yet
  EXPECT_EQ(Sweep(), 0);
  At("2026-12-17T14:29");
  EXPECT_EQ(Sweep(), 0);
  At("2026-12-17T14:30");
  EXPECT_EQ(Sweep(), 3);
}

TEST_P(TaskAlertsSuite, ATaskThatWentOverdueWhileTheOfficeWasClosedGetsOnlyTheOverdueAlert) {
  At("2026-11-27T18:35");
  const TaskRow task = OpenTask(FileS1(), "register");  // due Monday 09:20
  At("2026-11-30T10:00");                               // no sweep ran in between
  EXPECT_EQ(Sweep(), 3);
  At("2026-11-30T10:05");
  EXPECT_EQ(Sweep(), 0);
  EXPECT_EQ(Sent(task.id), (Lines{"task_overdue inbox clerk", "task_overdue email clerk",
                                  "task_overdue inbox clerk-b"}));
}

TEST_P(TaskAlertsSuite, ACompletedTaskIsNotAlerted) {
  const std::int64_t id = FileS1();
  const TaskRow registration = OpenTask(id, "register");
  At("2026-11-23T10:05");
  auto done = engine_.cases().Complete(engine_.As("clerk"), registration.id, "accepted",
                                       nlohmann::json::object());
  ASSERT_TRUE(done.has_value()) << done.error().message;
  const TaskRow assignment = OpenTask(id, "assign");  // the head's, due 10:25
  EXPECT_EQ(Sweep(), 1);
  At("2026-11-23T11:00");
  EXPECT_EQ(Sweep(), 1);
  EXPECT_TRUE(Sent(registration.id).empty());
  EXPECT_EQ(Sent(assignment.id), (Lines{"task_due_soon inbox head", "task_overdue inbox head"}));
}

TEST_P(TaskAlertsSuite, TheEmployerIsRemindedOfTheFeeTwoWorkingDaysBeforeTheWindowCloses) {
  Contact("employer", "080540001238", "hr@aralbalyk.example.kz", "ru", true);
  const TaskRow fee = OpenS4aTask("await_fee");  // 10wd from Monday 23 November
  ASSERT_EQ(fee.due_at, EngineFixture::Local("2026-12-07T18:30:00"));
  EXPECT_EQ(Sweep(), 0);
  At("2026-12-02T18:00");  // Wednesday: three working days (3, 4, 7 December) are left
  EXPECT_EQ(Sweep(), 0);
  At("2026-12-03T08:59");  // Thursday: two are left, but the office has not opened
  EXPECT_EQ(Sweep(), 0);
  At("2026-12-03T09:00");
  EXPECT_EQ(Sweep(), 2) << "inbox and e-mail";
  At("2026-12-03T15:00");
  EXPECT_EQ(Sweep(), 0);
  At("2026-12-04T10:00");
  EXPECT_EQ(Sweep(), 0) << "once";
  At("2026-12-07T18:00");
  EXPECT_EQ(Sweep(), 0) << "the wait has no staff alerts";

  const auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 2u);
  for (const auto& m : alerts) {
    EXPECT_EQ(m.template_name, "fee_window_closing");
    EXPECT_EQ(m.party_kind, "employer");
    EXPECT_EQ(m.party_id, "080540001238");
    EXPECT_EQ(m.language, "ru");
    EXPECT_EQ(m.task_id, fee.id);
    EXPECT_EQ(m.case_id, fee.case_id);
    EXPECT_EQ(m.created_at, EngineFixture::Local("2026-12-03T09:00:00"));
    EXPECT_EQ(m.dedupe_key, "task:" + std::to_string(fee.id) + ":fee_window_closing:" + m.channel);
    EXPECT_NE(m.body.find("2026-12-07 18:30"), std::string::npos) << m.body;
  }
  EXPECT_EQ(alerts[1].address, "hr@aralbalyk.example.kz");
}

TEST_P(TaskAlertsSuite, TheBackgroundSweeperWritesTheAlertsAfterFiringTimers) {
  const TaskRow task = OpenTask(FileS1(), "register");
  CaseSweeper sweeper(engine_.cases(), std::chrono::milliseconds(5), alerts_.get());
  for (int i = 0; i < 400 && Sent(task.id).size() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(Sent(task.id).size(), 3u);
}

}  // namespace jumys::testing
