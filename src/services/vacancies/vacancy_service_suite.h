#pragma once
// The vacancy bank's records on both stores, without HTTP (docs/VACANCIES.md): who may enter
// and move a vacancy, what is checked, the sweep of time's changes with the harness clock, and
// the audit chain. Include from one test file per binary and instantiate VacancyServiceSuite.
#include <gtest/gtest.h>

#include <string>

#include "core/calendar_loader.h"
#include "core/source_dir.h"
#include "services/calendar/calendar_admin.h"
#include "services/demo/demo_data.h"
#include "services/testing/demo_store.h"
#include "services/vacancies/vacancy_search.h"
#include "services/vacancies/vacancy_service.h"

namespace jumys::testing {

class VacancyServiceSuite : public ::testing::TestWithParam<Backend> {
 protected:
  static constexpr const char* kAralTuz = "111240007891";  // Aral's employer

  VacancyServiceSuite()
      : store_(GetParam()),
        now_(store_.Now()),
        service_(store_.db(), store_.offices(), {14, 30}, [this] { return now_; }) {}

  static vacancies::VacancyDraft Fisher() {
    vacancies::VacancyDraft d;
    d.employer_bin = demo::kDemoEmployerBin;
    d.title = "  Балықшы / Рыбак  ";
    d.description = "Арал теңізінде балық аулау";
    d.nkz = "6222";
    d.kato = "431010000";
    d.wage_tiyn = 250'000'00;
    d.working_time = "shift";
    d.workplaces = 3;
    d.requirements = {{"must", {{{"kind", "driving_licence"}, {"value", "C"}}}},
                      {"nice", {{{"kind", "language"}, {"value", "kk"}}}}};
    d.disability_suitable = false;
    return d;
  }

  vacancies::Vacancy Must(Expected<vacancies::Vacancy> v) {
    if (!v) throw std::runtime_error(v.error().key + ": " + v.error().message);
    return std::move(*v);
  }

  DemoStore store_;
  Instant now_;
  vacancies::VacancyService service_;
};

TEST_P(VacancyServiceSuite, TheEmployerEntersADraftOfItsOwnWhateverBinItNames) {
  auto d = Fisher();
  d.employer_bin = kAralTuz;  // someone else's: the cabinet's own BIN is what counts
  const auto v = Must(service_.Create(store_.As("employer"), d));
  EXPECT_EQ(v.draft.employer_bin, demo::kDemoEmployerBin);
  EXPECT_EQ(v.office_id, "kzo-city");  // the employer's office keeps it
  EXPECT_EQ(v.state.status, VacancyStatus::kDraft);
  EXPECT_EQ(v.draft.title, "Балықшы / Рыбак");
  EXPECT_EQ(v.draft.requirements["must"][0]["value"], "C");
  EXPECT_EQ(v.created_by, "employer");
  const auto audit = store_.Audit("vacancy.%");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "vacancy.create");
  EXPECT_EQ(audit[0].entity_id, std::to_string(v.id));
  EXPECT_EQ(audit[0].data["employer"], demo::kDemoEmployerBin);
}

TEST_P(VacancyServiceSuite, OnlyTheEmployerAndItsOfficesEmployerSpecialistsManageIt) {
  auto own = Fisher();
  EXPECT_TRUE(service_.Create(store_.As("employers"), own).has_value());
  // Not a specialist for employers; another office's employer.
  auto clerk = service_.Create(store_.As("clerk"), own);
  ASSERT_FALSE(clerk.has_value());
  EXPECT_EQ(clerk.error().key, "vacancy.not_yours");
  auto aral = Fisher();
  aral.employer_bin = kAralTuz;
  auto other = service_.Create(store_.As("employers"), aral);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().key, "vacancy.not_yours");
  auto unknown = Fisher();
  unknown.employer_bin = "999999999999";
  auto missing = service_.Create(store_.As("employers"), unknown);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().key, "employer.not_found");
  // Someone else's vacancy is not found for an employer or out-of-scope staff; seen by the
  // office's staff.
  const auto v = Must(service_.Create(store_.As("employers"), own));
  store_.AddStaff("aral-employers", "kzo-aral", "employer_specialist");
  EXPECT_EQ(service_.Get(store_.As("aral-employers"), v.id).error().key, "vacancy.not_found");
  EXPECT_EQ(service_.Get(store_.As("seeker"), v.id).error().key, "vacancy.not_found");
  EXPECT_TRUE(service_.Get(store_.As("employer"), v.id).has_value());
  EXPECT_TRUE(service_.Get(store_.As("head"), v.id).has_value());
  EXPECT_EQ(service_.Act(store_.As("head"), v.id, VacancyAction::kPublish).error().key,
            "vacancy.not_yours");
}

TEST_P(VacancyServiceSuite, EveryBadFieldIsNamedAndNothingIsStored) {
  auto d = Fisher();
  d.title = " \t ";
  d.nkz = "62-22";
  d.kato = "4310";
  d.wage_tiyn = -1;
  d.working_time = "sometimes";
  d.workplaces = 0;
  d.requirements = {{"must", {{{"kind", "zodiac"}, {"value", "leo"}}, {{"kind", "skill"}}}},
                    {"maybe", nlohmann::json::array()}};
  auto r = service_.Create(store_.As("employer"), d);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  std::map<std::string, std::string> keys;
  for (const auto& detail : r.error().details) keys[detail.field] = detail.key;
  EXPECT_EQ(keys, (std::map<std::string, std::string>{
                      {"title", "field.required"},
                      {"nkz", "vacancy.nkz_format"},
                      {"kato", "vacancy.kato_format"},
                      {"wage", "vacancy.wage_negative"},
                      {"working_time", "field.not_one_of"},
                      {"workplaces", "vacancy.workplaces_range"},
                      {"requirements.must[0]", "vacancy.requirement_shape"},
                      {"requirements.must[1]", "vacancy.requirement_shape"},
                      {"requirements.maybe", "vacancy.requirement_part"},
                  }));
  EXPECT_TRUE(store_.Audit("vacancy.%").empty());
}

TEST_P(VacancyServiceSuite, ADraftIsEditedUntilPublishedAndAStaleCopyIsRefused) {
  const auto v = Must(service_.Create(store_.As("employer"), Fisher()));
  auto d = Fisher();
  d.workplaces = 5;
  const auto edited = Must(service_.Update(store_.As("employers"), v.id, v.row_version, d));
  EXPECT_EQ(edited.draft.workplaces, 5);
  auto stale = service_.Update(store_.As("employer"), v.id, v.row_version, d);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().key, "vacancy.changed");
  const auto published = Must(service_.Act(store_.As("employer"), v.id, VacancyAction::kPublish));
  EXPECT_EQ(published.state.status, VacancyStatus::kPublished);
  auto late = service_.Update(store_.As("employer"), v.id, published.row_version, d);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().key, "vacancy.not_draft");
}

TEST_P(VacancyServiceSuite, TheSweepPublishesStalesAndExpiresEachAtItsMoment) {
  using std::chrono::days;
  const Actor employer = store_.As("employer");
  const auto later = Must(service_.Create(employer, Fisher()));
  const auto now_one = Must(service_.Create(employer, Fisher()));
  const Instant t0 = now_;
  Must(service_.Act(employer, later.id, VacancyAction::kPublish, t0 + days(2)));
  Must(service_.Act(employer, now_one.id, VacancyAction::kPublish));
  EXPECT_EQ(*service_.Sweep(), 0);

  now_ = t0 + days(3);
  EXPECT_EQ(*service_.Sweep(), 1);  // the scheduled one, published at its moment
  EXPECT_EQ(Must(service_.Get(employer, later.id)).state.status, VacancyStatus::kPublished);
  EXPECT_EQ(Must(service_.Get(employer, later.id)).state.times.relevant_since, t0 + days(2));
  EXPECT_EQ(*service_.Sweep(), 0);  // nothing twice

  now_ = t0 + days(15);
  EXPECT_EQ(*service_.Sweep(), 1);  // the first one: 14 days unconfirmed
  EXPECT_EQ(Must(service_.Get(employer, now_one.id)).state.status, VacancyStatus::kStale);
  // Confirmed, the stale one is back; the other goes stale on its own day (published on the 2nd).
  Must(service_.Act(employer, now_one.id, VacancyAction::kConfirm));
  now_ = t0 + days(16);
  EXPECT_EQ(*service_.Sweep(), 1);
  EXPECT_EQ(Must(service_.Get(employer, later.id)).state.status, VacancyStatus::kStale);

  now_ = t0 + days(100);
  EXPECT_EQ(*service_.Sweep(), 2);
  EXPECT_EQ(Must(service_.Get(employer, later.id)).state.status, VacancyStatus::kExpired);
  EXPECT_EQ(Must(service_.Get(employer, now_one.id)).state.status, VacancyStatus::kExpired);
  EXPECT_FALSE(Must(service_.Get(employer, later.id)).next_change_at.has_value());
  EXPECT_EQ(*service_.Sweep(), 0);

  // On the chain, each change with the moment it fell due.
  std::vector<std::string> dues;
  for (const auto& e : store_.Audit("vacancy.%")) {
    if (e.entity_id == std::to_string(later.id) && e.actor == "system") {
      dues.push_back(e.action + "@" + e.data["due_at"].get<std::string>());
    }
  }
  EXPECT_EQ(dues, (std::vector<std::string>{
                      "vacancy.published@" + FormatRfc3339(t0 + days(2)),
                      "vacancy.stale@" + FormatRfc3339(t0 + days(16)),
                      "vacancy.expired@" + FormatRfc3339(t0 + days(46)),
                  }));
  // A final vacancy refuses every action.
  auto closed = service_.Act(employer, later.id, VacancyAction::kClose);
  ASSERT_FALSE(closed.has_value());
  EXPECT_EQ(closed.error().key, "vacancy.action_not_allowed");
}

TEST_P(VacancyServiceSuite, AnActionFirstTakesWhatTimeHasAlreadyDone) {
  using std::chrono::days;
  const Actor employer = store_.As("employer");
  const auto v = Must(service_.Create(employer, Fisher()));
  Must(service_.Act(employer, v.id, VacancyAction::kPublish));
  // Unswept for 50 days it has expired, and no late confirmation brings it back.
  now_ += days(50);
  auto confirm = service_.Act(employer, v.id, VacancyAction::kConfirm);
  ASSERT_FALSE(confirm.has_value());
  EXPECT_EQ(confirm.error().key, "vacancy.action_not_allowed");
  EXPECT_EQ(Must(service_.Get(employer, v.id)).state.status, VacancyStatus::kPublished)
      << "the refused action stored nothing; the sweep records the expiry";
}

TEST_P(VacancyServiceSuite, AtStartTheNextChangeFollowsThePeriodsNowInForce) {
  using std::chrono::days;
  const Actor employer = store_.As("employer");
  const auto clock = [this] { return now_; };
  vacancies::VacancyService unset(store_.db(), store_.offices(), {0, 0}, clock);
  vacancies::VacancyService weekly(store_.db(), store_.offices(), {7, 10}, clock);
  const Instant t0 = now_;
  // Published while no periods were set: nothing would ever make it stale.
  const auto forever = Must(service_.Create(employer, Fisher()));
  Must(unset.Act(employer, forever.id, VacancyAction::kPublish));
  // Stale under the weekly periods: it would expire 10 days after, not 30.
  const auto stale = Must(service_.Create(employer, Fisher()));
  Must(weekly.Act(employer, stale.id, VacancyAction::kPublish));
  now_ = t0 + days(8);
  EXPECT_EQ(*weekly.Sweep(), 1);
  // Published on day 8 under the weekly periods.
  const auto weekly_one = Must(service_.Create(employer, Fisher()));
  Must(weekly.Act(employer, weekly_one.id, VacancyAction::kPublish));
  // Already right, and not timed at all.
  const auto scheduled = Must(service_.Create(employer, Fisher()));
  Must(service_.Act(employer, scheduled.id, VacancyAction::kPublish, now_ + days(2)));
  const auto draft = Must(service_.Create(employer, Fisher()));
  const auto next = [&](std::int64_t id) {
    return Must(service_.Get(employer, id)).next_change_at;
  };
  EXPECT_FALSE(next(forever.id).has_value());
  EXPECT_EQ(next(stale.id), t0 + days(17));
  const auto version = Must(service_.Get(employer, forever.id)).row_version;
  const auto events = store_.Audit("vacancy.%").size();

  EXPECT_EQ(*service_.RecomputeNextChanges(2), 3);  // two to a batch: three batches
  EXPECT_EQ(next(forever.id), t0 + days(14));
  EXPECT_EQ(next(stale.id), t0 + days(7 + 30));
  EXPECT_EQ(next(weekly_one.id), t0 + days(8 + 14));
  EXPECT_EQ(next(scheduled.id), t0 + days(10));
  EXPECT_FALSE(next(draft.id).has_value());
  EXPECT_EQ(Must(service_.Get(employer, forever.id)).row_version, version);
  EXPECT_EQ(Must(service_.Get(employer, stale.id)).state.status, VacancyStatus::kStale);
  EXPECT_EQ(store_.Audit("vacancy.%").size(), events);
  EXPECT_EQ(*service_.RecomputeNextChanges(2), 0);  // idempotent

  // The sweep now finds the one published without periods when it falls due.
  now_ = t0 + days(14);
  EXPECT_EQ(*service_.Sweep(), 2);  // and the scheduled one, published on day 10
  EXPECT_EQ(Must(service_.Get(employer, forever.id)).state.status, VacancyStatus::kStale);
  EXPECT_EQ(Must(service_.Get(employer, stale.id)).state.status, VacancyStatus::kStale);
}

// P2's subsidised vacancy (6.2): requested on Thursday 19 March 2026 at 15:00 in Kyzylorda
// (UTC+5). Nauryz: 21-22 March fall on the weekend and carry to 24-25 March, 23 March is a
// holiday. Day 1 is Friday 20 March, day 2 Thursday 26, day 3 Friday 27: it goes live at the
// office's opening that morning, 09:00 local = 04:00 UTC, and not a second before.
TEST_P(VacancyServiceSuite, ASubsidisedVacancyGoesLiveOnTheThirdWorkingDayMorning) {
  auto calendar = LoadCalendarDir(SourceDir() / "reference" / "calendar");
  ASSERT_TRUE(calendar) << calendar.error().message;
  CalendarService in_force(std::move(*calendar));
  vacancies::VacancyService bank(
      store_.db(), store_.offices(), {14, 30}, [this] { return now_; }, &in_force);
  const Instant requested = *ParseRfc3339("2026-03-19T10:00:00Z");
  now_ = requested;
  const Actor employer = store_.As("employer");
  auto d = Fisher();
  d.programme = "P2";
  d.contract_id = 4711;
  const auto draft = Must(bank.Create(employer, d));
  EXPECT_EQ(draft.draft.contract_id, 4711);
  EXPECT_EQ(draft.draft.programme, "P2");
  const auto v = Must(bank.PublishAfterWorkingDays(employer, draft.id, 3));
  const Instant morning = *ParseRfc3339("2026-03-27T04:00:00Z");
  EXPECT_EQ(v.state.status, VacancyStatus::kScheduled);
  ASSERT_TRUE(v.state.times.publish_at.has_value());
  EXPECT_EQ(FormatRfc3339(*v.state.times.publish_at), "2026-03-27T04:00:00Z");
  // The calendar endpoint's own computation for the same request: due at closing that day.
  calendar::CalendarAdministration admin(store_.db(), in_force, store_.offices(),
                                         [this] { return now_; });
  const auto due = admin.Deadline("kzo-city", requested, Limit{Limit::kWorkingDays, 3});
  ASSERT_TRUE(due);
  EXPECT_EQ(FormatRfc3339(*due), "2026-03-27T13:30:00Z");  // 18:30 local
  EXPECT_EQ(*due - *v.state.times.publish_at, std::chrono::minutes(9 * 60 + 30));

  // Not public before that instant, in the vacancy itself nor in the search.
  vacancies::VacancySearch search(store_.db(), [this] { return now_; });
  const auto found = [&] {
    vacancies::SearchQuery q;
    q.nkz = "6222";
    q.limit = 100;
    auto page = search.Search(q);
    EXPECT_TRUE(page) << page.error().message;
    for (const auto& item : page->items) {
      if (item.id == v.id) return true;
    }
    return false;
  };
  now_ = morning - std::chrono::seconds(1);
  EXPECT_EQ(*bank.Sweep(), 0);
  EXPECT_EQ(bank.GetPublished(v.id).error().key, "vacancy.not_found");
  EXPECT_FALSE(found());
  now_ = morning;
  EXPECT_TRUE(bank.GetPublished(v.id).has_value());
  EXPECT_EQ(*bank.Sweep(), 1);
  EXPECT_TRUE(found());
  const auto live = Must(bank.Get(employer, v.id));
  EXPECT_EQ(live.state.status, VacancyStatus::kPublished);
  // Then its relevance is monitored as every vacancy's: stale 14 days after going live.
  EXPECT_EQ(live.next_change_at, morning + std::chrono::days(14));
}

TEST_P(VacancyServiceSuite, APublicationDelayIsCheckedAndNeedsTheOwner) {
  auto calendar = LoadCalendarDir(SourceDir() / "reference" / "calendar");
  ASSERT_TRUE(calendar);
  CalendarService in_force(std::move(*calendar));
  vacancies::VacancyService bank(
      store_.db(), store_.offices(), {14, 30}, [this] { return now_; }, &in_force);
  const auto draft = Must(bank.Create(store_.As("employer"), Fisher()));
  EXPECT_EQ(bank.PublishAfterWorkingDays(store_.As("employer"), draft.id, 0).error().key,
            "vacancy.publish_delay_range");
  EXPECT_EQ(bank.PublishAfterWorkingDays(store_.As("employer"), draft.id, 31).error().key,
            "vacancy.publish_delay_range");
  EXPECT_EQ(bank.PublishAfterWorkingDays(store_.As("clerk"), draft.id, 3).error().key,
            "vacancy.not_yours");
  // A bank without a calendar cannot count working days: an internal error, nothing stored.
  EXPECT_FALSE(service_.PublishAfterWorkingDays(store_.As("employer"), draft.id, 3));
  EXPECT_EQ(Must(bank.Get(store_.As("employer"), draft.id)).state.status, VacancyStatus::kDraft);
}

}  // namespace jumys::testing
