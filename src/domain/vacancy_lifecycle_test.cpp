#include "domain/vacancy_lifecycle.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

using std::chrono::days;
using std::chrono::hours;

const Instant kT0 = *ParseRfc3339("2027-01-11T05:00:00Z");
const RelevancePolicy kPolicy{/*confirm_every_days=*/14, /*expire_after_stale_days=*/30};

VacancyState Published(Instant at) { return *ApplyVacancyAction({}, VacancyAction::kPublish, at); }

TEST(VacancyLifecycle, PublishedNowIsVisibleAndRelevantFromThatMoment) {
  const VacancyState s = Published(kT0);
  EXPECT_EQ(s.status, VacancyStatus::kPublished);
  EXPECT_TRUE(IsPubliclyVisible(s.status));
  EXPECT_EQ(s.times.relevant_since, kT0);
  // A publish_at already past publishes now.
  auto late = ApplyVacancyAction({}, VacancyAction::kPublish, kT0, kT0 - hours(1));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->status, VacancyStatus::kPublished);
}

TEST(VacancyLifecycle, AScheduledVacancyIsHiddenUntilItsMomentThenPublishedAtIt) {
  const Instant at = kT0 + days(3);
  auto s = ApplyVacancyAction({}, VacancyAction::kPublish, kT0, at);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->status, VacancyStatus::kScheduled);
  EXPECT_FALSE(IsPubliclyVisible(s->status));
  EXPECT_EQ(NextTimedChange(*s, kPolicy), at);
  EXPECT_TRUE(SweepVacancy(*s, kPolicy, at - std::chrono::seconds(1)).changes.empty());
  const SweepResult swept = SweepVacancy(*s, kPolicy, at + hours(5));
  ASSERT_EQ(swept.changes.size(), 1u);
  EXPECT_EQ(swept.changes[0].to, VacancyStatus::kPublished);
  EXPECT_EQ(swept.changes[0].at, at);  // when it fell due, not when the sweep noticed
  EXPECT_EQ(swept.state.times.relevant_since, at);
  // Taken back before its moment, it is a draft again with no schedule.
  auto back = ApplyVacancyAction(*s, VacancyAction::kUnpublish, kT0 + days(1));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->status, VacancyStatus::kDraft);
  EXPECT_FALSE(back->times.publish_at.has_value());
}

TEST(VacancyLifecycle, UnconfirmedItGoesStaleAfterThePeriodAndExpiresAfterTheNext) {
  const VacancyState s = Published(kT0);
  EXPECT_TRUE(SweepVacancy(s, kPolicy, kT0 + days(14) - std::chrono::seconds(1)).changes.empty());
  const SweepResult stale = SweepVacancy(s, kPolicy, kT0 + days(14));
  EXPECT_EQ(stale.state.status, VacancyStatus::kStale);
  EXPECT_FALSE(IsPubliclyVisible(stale.state.status));
  EXPECT_EQ(stale.state.times.stale_since, kT0 + days(14));
  // Left unswept for months: both changes, each at its own moment.
  const SweepResult later = SweepVacancy(s, kPolicy, kT0 + days(200));
  ASSERT_EQ(later.changes.size(), 2u);
  EXPECT_EQ(later.changes[0].to, VacancyStatus::kStale);
  EXPECT_EQ(later.changes[0].at, kT0 + days(14));
  EXPECT_EQ(later.changes[1].to, VacancyStatus::kExpired);
  EXPECT_EQ(later.changes[1].at, kT0 + days(44));
  EXPECT_TRUE(IsFinal(later.state.status));
  EXPECT_FALSE(NextTimedChange(later.state, kPolicy).has_value());
  // Sweeping again changes nothing.
  EXPECT_TRUE(SweepVacancy(later.state, kPolicy, kT0 + days(400)).changes.empty());
}

TEST(VacancyLifecycle, ConfirmingRestartsThePeriodAndBringsAStaleVacancyBack) {
  auto confirmed = ApplyVacancyAction(Published(kT0), VacancyAction::kConfirm, kT0 + days(10));
  ASSERT_TRUE(confirmed.has_value());
  EXPECT_EQ(SweepVacancy(*confirmed, kPolicy, kT0 + days(20)).state.status,
            VacancyStatus::kPublished);
  EXPECT_EQ(NextTimedChange(*confirmed, kPolicy), kT0 + days(24));

  const VacancyState stale = SweepVacancy(Published(kT0), kPolicy, kT0 + days(15)).state;
  ASSERT_EQ(stale.status, VacancyStatus::kStale);
  auto back = ApplyVacancyAction(stale, VacancyAction::kConfirm, kT0 + days(16));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->status, VacancyStatus::kPublished);
  EXPECT_FALSE(back->times.stale_since.has_value());
  EXPECT_EQ(NextTimedChange(*back, kPolicy), kT0 + days(30));
}

TEST(VacancyLifecycle, ClosedAndExpiredAreFinalAndOtherActionsAreRefusedByName) {
  const VacancyState expired = SweepVacancy(Published(kT0), kPolicy, kT0 + days(100)).state;
  auto closed = ApplyVacancyAction(Published(kT0), VacancyAction::kClose, kT0 + days(1));
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->status, VacancyStatus::kClosed);
  for (const VacancyState& final_state : {*closed, expired}) {
    for (VacancyAction a : {VacancyAction::kPublish, VacancyAction::kConfirm, VacancyAction::kClose,
                            VacancyAction::kUnpublish}) {
      auto r = ApplyVacancyAction(final_state, a, kT0 + days(101));
      ASSERT_FALSE(r.has_value()) << VacancyActionName(a);
      EXPECT_EQ(r.error().code, ErrorCode::kConflict);
      EXPECT_EQ(r.error().key, "vacancy.action_not_allowed");
    }
  }
  // Not published twice, no draft confirmed, nothing but a scheduled one taken back.
  auto twice = ApplyVacancyAction(Published(kT0), VacancyAction::kPublish, kT0);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().params, (MessageParams{{"status", "published"}, {"action", "publish"}}));
  EXPECT_FALSE(ApplyVacancyAction({}, VacancyAction::kConfirm, kT0).has_value());
  EXPECT_FALSE(ApplyVacancyAction(Published(kT0), VacancyAction::kUnpublish, kT0).has_value());
  // A draft or a scheduled vacancy may be withdrawn.
  EXPECT_TRUE(ApplyVacancyAction({}, VacancyAction::kClose, kT0).has_value());
}

TEST(VacancyLifecycle, WithoutAPeriodInTheReferenceDataNothingGoesStale) {
  const RelevancePolicy none{};
  EXPECT_FALSE(NextTimedChange(Published(kT0), none).has_value());
  EXPECT_TRUE(SweepVacancy(Published(kT0), none, kT0 + days(1000)).changes.empty());
}

TEST(VacancyLifecycle, StatusNamesRoundTrip) {
  for (auto s : {VacancyStatus::kDraft, VacancyStatus::kScheduled, VacancyStatus::kPublished,
                 VacancyStatus::kStale, VacancyStatus::kClosed, VacancyStatus::kExpired}) {
    EXPECT_EQ(ParseVacancyStatus(VacancyStatusName(s)), s);
  }
  EXPECT_FALSE(ParseVacancyStatus("open").has_value());
  EXPECT_FALSE(ParseVacancyStatus("").has_value());
}

}  // namespace
}  // namespace jumys
