// The working calendar's API on SQLite over the demo data and the reference calendar.
#include "services/calendar/calendar_admin.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/calendar_loader.h"
#include "core/source_dir.h"
#include "services/testing/demo_store.h"
#include "storage/repositories/repositories.h"

namespace jumys::calendar {
namespace {

// 2026-11-23 10:00 in Kyzylorda: a Monday.
const Instant kNow{std::chrono::seconds(testing::kHarnessMonday10Local)};

Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

Instant At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

class CalendarAdministrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto calendar = LoadCalendarDir(jumys::SourceDir() / "reference/calendar");
    ASSERT_TRUE(calendar.has_value()) << calendar.error().message;
    calendar_ = std::make_unique<CalendarService>(std::move(*calendar));
    service_ =
        std::make_unique<CalendarAdministration>(*db_, *calendar_, offices_, [] { return kNow; });
    admin_ = store_.As("admin");  // of the oblast department kzo-oblast
  }

  std::vector<storage::CalendarOverrideRecord> StoredOverrides() {
    std::vector<storage::CalendarOverrideRecord> out;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     JUMYS_ASSIGN_OR_RETURN(out, storage::ListCalendarOverrides(tx));
                     return {};
                   })
                    .has_value());
    return out;
  }

  // The calendar's audit events, oldest first.
  std::vector<testing::AuditRow> CalendarEvents() { return store_.Audit("calendar.%"); }

  Instant MondayEveningDeadline() {
    // Monday 18:20 local + 20 min: 10 today, 10 on the next working morning.
    auto due = service_->Deadline("kzo-city", At("2026-11-23T13:20:00Z"), *ParseLimit("20min"));
    EXPECT_TRUE(due.has_value());
    return due ? *due : Instant{};
  }

  testing::DemoStore store_;
  storage::Database* db_ = &store_.db();
  OfficeDirectory& offices_ = store_.offices();
  std::unique_ptr<CalendarService> calendar_;
  std::unique_ptr<CalendarAdministration> service_;
  Actor admin_;
};

TEST_F(CalendarAdministrationTest, ADeadlineRunsInTheOfficesHours) {
  EXPECT_EQ(FormatRfc3339(MondayEveningDeadline()), "2026-11-24T04:10:00Z");
  auto unknown = service_->Deadline("nowhere", kNow, *ParseLimit("2h"));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(CalendarAdministrationTest, DaysListsEachDayOfThePeriod) {
  auto days = service_->Days(D(2026, 11, 23), D(2026, 11, 29));
  ASSERT_TRUE(days.has_value()) << days.error().message;
  ASSERT_EQ(days->size(), 7u);
  EXPECT_EQ((*days)[0].date, D(2026, 11, 23));
  EXPECT_TRUE((*days)[0].working);
  EXPECT_EQ((*days)[5].kind, DayKind::kWeekend);
  EXPECT_EQ((*days)[6].date, D(2026, 11, 29));
  auto one = service_->Days(D(2026, 11, 23), D(2026, 11, 23));
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->size(), 1u);
}

TEST_F(CalendarAdministrationTest, DaysRefusesABackwardOrTooLongPeriod) {
  auto backward = service_->Days(D(2026, 11, 23), D(2026, 11, 22));
  ASSERT_FALSE(backward.has_value());
  EXPECT_EQ(backward.error().code, ErrorCode::kUnprocessable);
  const auto first = std::chrono::sys_days{D(2026, 1, 1)};
  auto longest = service_->Days(D(2026, 1, 1), Date{first + std::chrono::days{kMaxDaysListed - 1}});
  ASSERT_TRUE(longest.has_value());
  EXPECT_EQ(longest->size(), static_cast<std::size_t>(kMaxDaysListed));
  auto too_long = service_->Days(D(2026, 1, 1), Date{first + std::chrono::days{kMaxDaysListed}});
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().code, ErrorCode::kUnprocessable);
}

TEST_F(CalendarAdministrationTest, AnOverrideIsStoredAuditedAndInForceAtOnce) {
  auto day = service_->SetOverride(admin_, D(2026, 11, 24), false, "test act");
  ASSERT_TRUE(day.has_value()) << day.error().message;
  EXPECT_FALSE(day->working);
  EXPECT_EQ(day->kind, DayKind::kOverrideDayOff);
  EXPECT_EQ(day->note, "test act");
  EXPECT_FALSE(calendar_->Current()->IsWorkingDay(D(2026, 11, 24)));
  // The Tuesday morning is no longer working: the deadline moves to Wednesday.
  EXPECT_EQ(FormatRfc3339(MondayEveningDeadline()), "2026-11-25T04:10:00Z");
  auto stored = StoredOverrides();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].day, "2026-11-24");
  EXPECT_FALSE(stored[0].working);
  EXPECT_EQ(stored[0].note, "test act");
  EXPECT_EQ(stored[0].updated_by, "admin");
  auto events = CalendarEvents();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "calendar.override");
  EXPECT_EQ(events[0].entity_id, "2026-11-24");
  EXPECT_EQ(events[0].office_id, "kzo-oblast");
  EXPECT_EQ(events[0].data, (nlohmann::json{{"working", false}, {"note", "test act"}}));
}

TEST_F(CalendarAdministrationTest, AWeekendDayCanBeMadeWorking) {
  auto day = service_->SetOverride(admin_, D(2026, 11, 28), true, "Saturday shift");
  ASSERT_TRUE(day.has_value());
  EXPECT_TRUE(day->working);
  EXPECT_EQ(day->kind, DayKind::kOverrideWorkday);
  EXPECT_TRUE(calendar_->Current()->IsWorkingDay(D(2026, 11, 28)));
}

TEST_F(CalendarAdministrationTest, AnOverrideTheCalendarRefusesIsNotStored) {
  auto r = service_->SetOverride(admin_, D(2026, 11, 24), false, std::string(1001, 'x'));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(StoredOverrides().empty());
  EXPECT_EQ(CalendarEvents().size(), 0u);
  EXPECT_TRUE(calendar_->Current()->IsWorkingDay(D(2026, 11, 24)));
}

TEST_F(CalendarAdministrationTest, RemovingAnOverrideRestoresTheDayOnce) {
  ASSERT_TRUE(service_->SetOverride(admin_, D(2026, 11, 24), false, "test act").has_value());
  auto day = service_->RemoveOverride(admin_, D(2026, 11, 24));
  ASSERT_TRUE(day.has_value()) << day.error().message;
  EXPECT_TRUE(day->working);
  EXPECT_EQ(day->kind, DayKind::kWorkday);
  EXPECT_EQ(FormatRfc3339(MondayEveningDeadline()), "2026-11-24T04:10:00Z");
  EXPECT_TRUE(StoredOverrides().empty());
  auto again = service_->RemoveOverride(admin_, D(2026, 11, 24));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  auto events = CalendarEvents();
  ASSERT_EQ(events.size(), 2u);  // the second removal wrote nothing
  EXPECT_EQ(events[1].action, "calendar.override_removed");
}

}  // namespace
}  // namespace jumys::calendar
