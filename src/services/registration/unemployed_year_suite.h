#pragma once
// The unemployed person's year (processes/unemployed-attendance) on a real store, the shipped
// definitions, calendar and notification templates, with an adjustable clock, on both stores.
// No HTTP and no waiting: the clock is moved and the sweeper's two calls are made by hand
// (CaseService::FireDue for the schedule and the windows, TaskAlerts::Sweep for the reminders).
// Include from one test file per binary and instantiate UnemployedYearSuite with a Backend.
//
// The people: the demo seeker (an applicant account, kDemoSeekerIin), given a job-seeker card
// here, and 851102400347 (a demo card, no account). S2 is filed at the city office on Monday
// 2026-11-23 10:00 (Kyzylorda) and run to the certificate at once.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/source_dir.h"
#include "engine/case_store.h"
#include "engine/case_test_support.h"
#include "engine/notification_templates.h"
#include "engine/notifier.h"
#include "engine/task_alerts.h"
#include "services/demo/demo_data.h"
#include "storage/repositories/employment_card_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::testing {

class UnemployedYearSuite : public ::testing::TestWithParam<Backend> {
 protected:
  static constexpr const char* kAttendance = "unemployed-attendance";
  static constexpr const char* kOther = "851102400347";

  void SetUp() override {
    auto templates = LoadNotificationTemplates(SourceDir() / "reference/notifications");
    ASSERT_TRUE(templates.has_value()) << templates.error().message;
    templates_ = std::move(*templates);
    notifier_ = std::make_unique<Notifier>(templates_, engine_.offices(), NotifierOptions{});
    engine_.cases().SetNotifier(notifier_.get());
    alerts_ = std::make_unique<TaskAlerts>(engine_.db(), engine_.cases().catalog(),
                                           engine_.offices(), engine_.calendar(), *notifier_);
    // The demo seeker registered as a job seeker at the city office (S1 done).
    EngineFixture::Must(engine_.db().Write([&](storage::Tx& tx) -> Status {
      const std::string now = FormatRfc3339(engine_.Now());
      JUMYS_TRY(
          storage::UpsertEmploymentCard(tx, {demo::kDemoSeekerIin, "kzo-city", "job_seeker",
                                             "2026-11-02", std::nullopt, std::nullopt, now, now}));
      return {};
    }),
                        "seeker's card");
  }

  // Moves the test clock forward to a wall-clock time in Kyzylorda ("2026-12-23T10:00").
  void At(const std::string& local) {
    const Instant to = *ParseRfc3339(EngineFixture::Local(local + ":00"));
    ASSERT_GE(to, engine_.Now()) << "the clock only goes forward";
    engine_.Advance(std::chrono::duration_cast<std::chrono::seconds>(to - engine_.Now()));
  }

  // One pass of the background sweeper at the current time.
  int Sweep() {
    auto fired = engine_.cases().FireDue();
    EXPECT_TRUE(fired.has_value()) << fired.error().message << " " << fired.error().internal;
    auto alerted = alerts_->Sweep(engine_.Now());
    EXPECT_TRUE(alerted.has_value()) << alerted.error().message;
    return fired ? *fired : -1;
  }

  CaseService::CaseDetail Complete(std::int64_t task_id, const std::string& outcome,
                                   const std::string& login, nlohmann::json data = {}) {
    if (data.is_null()) data = nlohmann::json::object();
    auto done = engine_.cases().Complete(engine_.As(login), task_id, outcome, data);
    EXPECT_TRUE(done.has_value()) << outcome << " by " << login << ": " << done.error().message;
    return done ? *done : CaseService::CaseDetail{};
  }

  // S2 at the city office's desk, run to its end; `card` false: the person has no card and
  // the executor refuses.
  std::int64_t RunS2(const std::string& iin, bool certificate = true) {
    CaseService::StartRequest r;
    r.process = "unemployed-registration";
    r.channel = Channel::kOffice;
    r.applicant_iin = iin;
    r.documents = {{"application", std::nullopt}, {"identity_document", *ParseDate("2030-01-01")}};
    auto id = engine_.cases().Start(engine_.As("clerk"), r);
    EXPECT_TRUE(id.has_value()) << id.error().message;
    if (!id) return 0;
    Complete(OpenTask(*id, "register").id, "accepted", "clerk");
    Complete(OpenTask(*id, "assign").id, "assigned", "head", {{"assignee", "executor"}});
    if (certificate) {
      Complete(OpenTask(*id, "review").id, "approve", "executor");
    } else {
      Complete(OpenTask(*id, "review").id, "refuse", "executor",
               {{"grounds", {"no_employment_card"}}});
    }
    Complete(OpenTask(*id, "sign").id, "signed", "head");
    Complete(OpenTask(*id, "hand_over").id, "handed_over", "clerk");
    return *id;
  }

  std::vector<CaseRow> AttendanceCases(const std::string& iin) {
    CaseFilter f;
    f.applicant_iin = iin;
    f.process = kAttendance;
    auto cases = engine_.cases().List(f);
    EXPECT_TRUE(cases.has_value());
    return cases ? *cases : std::vector<CaseRow>{};
  }

  // The person's one attendance case.
  CaseService::CaseDetail Attendance(const std::string& iin) {
    auto cases = AttendanceCases(iin);
    EXPECT_EQ(cases.size(), 1u);
    if (cases.empty()) return {};
    auto detail = engine_.cases().Load(cases.front().id);
    EXPECT_TRUE(detail.has_value());
    return detail ? *detail : CaseService::CaseDetail{};
  }

  TaskRow OpenTask(std::int64_t case_id, const std::string& step) {
    return engine_.OpenTask(case_id, step);
  }

  // The open tasks of a case as "step due_at(local)".
  std::vector<std::string> Open(std::int64_t case_id) {
    std::vector<std::string> out;
    auto detail = engine_.cases().Load(case_id);
    EXPECT_TRUE(detail.has_value());
    if (!detail) return out;
    for (const auto& t : detail->tasks) {
      if (t.open()) out.push_back(t.step + " " + Local(t.due_at));
    }
    return out;
  }

  // An RFC 3339 UTC time as Kyzylorda wall-clock "YYYY-MM-DDTHH:MM".
  static std::string Local(const std::string& utc) {
    auto at = ParseRfc3339(utc);
    if (!at) return "?" + utc;
    return FormatRfc3339(*at + std::chrono::hours(5)).substr(0, 16);
  }

  storage::EmploymentCardRow Card(const std::string& iin) {
    std::optional<storage::EmploymentCardRow> card;
    EngineFixture::Must(engine_.db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(card, storage::FindEmploymentCard(tx, iin));
      return {};
    }),
                        "card");
    EXPECT_TRUE(card.has_value());
    return card ? *card : storage::EmploymentCardRow{};
  }

  std::vector<storage::CardHistoryRow> History(const std::string& iin) {
    std::vector<storage::CardHistoryRow> out;
    EngineFixture::Must(engine_.db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(out, storage::ListCardHistory(tx, iin));
      return {};
    }),
                        "history");
    return out;
  }

  // The history's actions as "action actor", oldest first.
  std::vector<std::string> Actions(const std::string& iin) {
    std::vector<std::string> out;
    for (const auto& h : History(iin)) out.push_back(h.action + " " + h.actor);
    return out;
  }

  // "template party_id" of the applicant messages about a case, oldest first.
  std::vector<std::string> Messages(std::int64_t case_id) {
    std::vector<std::string> out;
    EngineFixture::Must(engine_.db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto rows,
                             tx.Query("SELECT template, party_id FROM notifications WHERE "
                                      "case_id = $1 AND party_kind <> 'staff' ORDER BY id",
                                      {case_id}));
      for (std::size_t r = 0; r < rows.size(); ++r) {
        out.push_back(rows.Text(r, 0) + " " + rows.Text(r, 1));
      }
      return {};
    }),
                        "messages");
    return out;
  }

  using Lines = std::vector<std::string>;

  EngineFixture engine_{GetParam()};
  NotificationTemplates templates_;
  std::unique_ptr<Notifier> notifier_;
  std::unique_ptr<TaskAlerts> alerts_;
};

TEST_P(UnemployedYearSuite, TheCertificateStartsTheScheduleAMonthOn) {
  const std::int64_t s2 = RunS2(kOther);
  auto year = Attendance(kOther);
  EXPECT_EQ(year.kase.status, "open");
  EXPECT_EQ(year.kase.office_id, "kzo-city");
  EXPECT_EQ(year.kase.channel, Channel::kOffice);
  EXPECT_EQ(Open(year.kase.id), (Lines{"attendance 2026-12-23T10:00"}));
  // Each case names the other in its audit trail.
  auto parent = engine_.cases().Load(s2);
  ASSERT_TRUE(parent.has_value());
  bool named = false;
  for (const auto& e : parent->events) {
    if (e.action == "case.follow_up") {
      named = true;
      EXPECT_EQ(nlohmann::json::parse(e.data).value("case", std::int64_t{0}), year.kase.id);
    }
  }
  EXPECT_TRUE(named);
  ASSERT_FALSE(year.events.empty());
  EXPECT_EQ(year.events.front().action, "case.create");
  EXPECT_EQ(nlohmann::json::parse(year.events.front().data)["follows"]["case"], s2);
  EXPECT_EQ(Card(kOther).status, "unemployed");
}

TEST_P(UnemployedYearSuite, ARefusalStartsNoYear) {
  RunS2("951203400783", /*certificate=*/false);
  EXPECT_TRUE(AttendanceCases("951203400783").empty());
}

TEST_P(UnemployedYearSuite, ASecondCertificateKeepsOneScheduleAndAHandFilingEndsAtOnce) {
  RunS2(kOther);
  RunS2(kOther);
  auto cases = AttendanceCases(kOther);
  ASSERT_EQ(cases.size(), 2u);
  // Newest first: the second ended at once, the first keeps the schedule.
  EXPECT_EQ(cases[0].status, "cancelled");
  ASSERT_TRUE(cases[0].result.has_value());
  EXPECT_EQ(cases[0].result->kind, "ineligible");
  EXPECT_EQ(cases[1].status, "open");

  // A clerk filing it by hand for a job seeker who is not unemployed gets the same.
  CaseService::StartRequest r;
  r.process = kAttendance;
  r.channel = Channel::kOffice;
  r.applicant_iin = demo::kDemoSeekerIin;
  auto id = engine_.cases().Start(engine_.As("clerk"), r);
  ASSERT_TRUE(id.has_value()) << id.error().message;
  auto hand = engine_.cases().Load(*id);
  ASSERT_TRUE(hand.has_value());
  EXPECT_EQ(hand->kase.status, "cancelled");
  EXPECT_EQ(Card(demo::kDemoSeekerIin).status, "job_seeker");
}

TEST_P(UnemployedYearSuite, AMissedVisitDeregistersWithTheCardAndItsHistory) {
  RunS2(demo::kDemoSeekerIin);
  const std::int64_t year = Attendance(demo::kDemoSeekerIin).kase.id;

  At("2026-12-23T09:59");
  EXPECT_EQ(Sweep(), 0);  // not yet due
  At("2026-12-23T10:00");
  EXPECT_EQ(Sweep(), 1);
  // The visit is due within five working days: by the end of the fifth.
  EXPECT_EQ(Open(year), (Lines{"visit 2026-12-30T18:30"}));

  // Two working days before the window closes (from the working day whose two working days
  // reach its end) the person is reminded, once.
  At("2026-12-25T18:00");
  Sweep();
  EXPECT_TRUE(Messages(year).empty());
  At("2026-12-28T10:00");
  Sweep();
  At("2026-12-29T11:00");
  Sweep();
  EXPECT_EQ(Messages(year), (Lines{std::string("attendance_due ") + demo::kDemoSeekerIin}));

  At("2026-12-30T18:29");
  EXPECT_EQ(Sweep(), 0);
  EXPECT_EQ(Card(demo::kDemoSeekerIin).status, "unemployed");
  At("2026-12-30T18:30");
  EXPECT_EQ(Sweep(), 1);

  auto detail = engine_.cases().Load(year);
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->kase.status, "completed");
  ASSERT_TRUE(detail->kase.result.has_value());
  EXPECT_EQ(detail->kase.result->kind, "deregistered");
  EXPECT_TRUE(Open(year).empty());

  const auto card = Card(demo::kDemoSeekerIin);
  EXPECT_EQ(card.status, "deregistered");
  EXPECT_EQ(card.last_case_id, year);
  const auto history = History(demo::kDemoSeekerIin);
  ASSERT_FALSE(history.empty());
  const auto& last = history.back();
  EXPECT_EQ(last.action, "deregistered");
  EXPECT_EQ(last.actor, "system");
  EXPECT_EQ(last.case_id, year);
  EXPECT_EQ(last.at, EngineFixture::Local("2026-12-30T18:30:00"));
  EXPECT_EQ(last.data["ground"], "failed_to_attend");
  EXPECT_EQ(last.data["on"], "2026-12-30");
  EXPECT_EQ(last.data["unemployed_since"], "2026-11-23");
  EXPECT_EQ(last.data["status"], "deregistered");
  EXPECT_EQ(Messages(year), (Lines{std::string("attendance_due ") + demo::kDemoSeekerIin,
                                   std::string("deregistered ") + demo::kDemoSeekerIin}));
}

TEST_P(UnemployedYearSuite, ARecordedVisitSchedulesTheNextOne) {
  RunS2(demo::kDemoSeekerIin);
  const std::int64_t year = Attendance(demo::kDemoSeekerIin).kase.id;
  At("2026-12-23T10:00");
  Sweep();
  const TaskRow visit = OpenTask(year, "visit");

  // The person cannot mark their own visit: only the centre records one.
  auto self = engine_.cases().Complete(engine_.As("seeker"), visit.id, "attended",
                                       nlohmann::json::object());
  ASSERT_FALSE(self.has_value());
  EXPECT_EQ(self.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(self.error().details.at(0).key, "guard.recorded_by_staff");
  // Nor does staff of another role.
  auto clerk =
      engine_.cases().Complete(engine_.As("clerk"), visit.id, "attended", nlohmann::json::object());
  ASSERT_FALSE(clerk.has_value());
  EXPECT_EQ(clerk.error().code, ErrorCode::kForbidden);

  At("2026-12-24T15:30");
  Complete(visit.id, "attended", "employment", {{"note", "came in person"}});
  // The next visit falls due a month after this one, and the window is closed.
  EXPECT_EQ(Open(year), (Lines{"attendance 2027-01-24T15:30"}));
  At("2026-12-31T10:00");
  EXPECT_EQ(Sweep(), 0);
  EXPECT_EQ(Card(demo::kDemoSeekerIin).status, "unemployed");
  const auto history = History(demo::kDemoSeekerIin);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().action, "attended");
  EXPECT_EQ(history.back().actor, "employment");
  EXPECT_EQ(history.back().data["visited_on"], "2026-12-24");
  EXPECT_EQ(history.back().data["note"], "came in person");

  // The month after, the next window opens.
  At("2027-01-24T15:30");
  EXPECT_EQ(Sweep(), 1);
  EXPECT_EQ(Open(year).size(), 1u);
  EXPECT_EQ(Open(year).front().substr(0, 6), "visit ");
}

TEST_P(UnemployedYearSuite, EmploymentRecordedByTheCentreDeregisters) {
  RunS2(kOther);
  const std::int64_t year = Attendance(kOther).kase.id;
  At("2026-12-23T10:00");
  Sweep();
  const TaskRow visit = OpenTask(year, "visit");
  // The employment date is required and not in the future.
  auto missing = engine_.cases().Complete(engine_.As("employment"), visit.id, "employed",
                                          nlohmann::json::object());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().key, "data.invalid");
  At("2026-12-24T11:00");
  auto done = Complete(visit.id, "employed", "employment",
                       {{"employed_on", "2026-12-22"}, {"employer", "150340004568"}});
  EXPECT_EQ(done.kase.status, "completed");
  EXPECT_EQ(Card(kOther).status, "deregistered");
  const auto last = History(kOther).back();
  EXPECT_EQ(last.action, "deregistered");
  EXPECT_EQ(last.actor, "employment");
  EXPECT_EQ(last.data["ground"], "employed");
  EXPECT_EQ(last.data["employed_on"], "2026-12-22");
  EXPECT_EQ(last.data["employer"], "150340004568");
  EXPECT_EQ(last.data["on"], "2026-12-24");
  // Nothing left for the sweeper.
  At("2027-02-01T10:00");
  EXPECT_EQ(Sweep(), 0);
}

TEST_P(UnemployedYearSuite, ThePersonAsksToBeDeregisteredFromTheCabinet) {
  RunS2(demo::kDemoSeekerIin);
  const std::int64_t year = Attendance(demo::kDemoSeekerIin).kase.id;
  At("2026-12-23T10:00");
  Sweep();
  const TaskRow visit = OpenTask(year, "visit");
  // Another person cannot see the task at all.
  auto other = engine_.cases().Complete(engine_.As("employer"), visit.id, "on_request",
                                        nlohmann::json::object());
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);

  auto done = Complete(visit.id, "on_request", "seeker", {{"reason", "moving abroad"}});
  EXPECT_EQ(done.kase.status, "completed");
  EXPECT_EQ(Card(demo::kDemoSeekerIin).status, "deregistered");
  EXPECT_EQ(Actions(demo::kDemoSeekerIin),
            (Lines{"marked_unemployed executor", "deregistered seeker"}));
  const auto last = History(demo::kDemoSeekerIin).back();
  EXPECT_EQ(last.data["ground"], "own_request");
  EXPECT_EQ(last.data["reason"], "moving abroad");
  EXPECT_EQ(Messages(year), (Lines{std::string("deregistered ") + demo::kDemoSeekerIin}));

  // Registered again later: a new certificate starts a new year.
  RunS2(demo::kDemoSeekerIin);
  auto cases = AttendanceCases(demo::kDemoSeekerIin);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].status, "open");
}

}  // namespace jumys::testing
