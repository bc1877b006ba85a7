#include "core/work_calendar.h"

#include <gtest/gtest.h>

#include "core/calendar_loader.h"
#include "core/source_dir.h"

namespace jumys {
namespace {

using namespace std::chrono;

// The calendar the product ships: reference/calendar.
const WorkCalendar& Shipped() {
  static const WorkCalendar cal = [] {
    auto c = LoadCalendarDir((jumys::SourceDir() / "reference/calendar").string());
    if (!c) throw std::runtime_error(c.error().message);
    return *c;
  }();
  return cal;
}

Date D(const char* text) {
  auto d = ParseDate(text);
  EXPECT_TRUE(d) << text;
  return d ? *d : Date{};
}

TEST(WorkCalendarTest, DaysOfTheShippedCalendar) {
  struct Case {
    const char* date;
    DayKind kind;
    const char* why;  // what a person checking a printed calendar would say
  };
  const Case cases[] = {
      {"2024-03-19", DayKind::kWorkday, "an ordinary Tuesday"},
      {"2024-03-16", DayKind::kWeekend, "Saturday"},
      {"2024-03-17", DayKind::kWeekend, "Sunday"},
      {"2024-01-01", DayKind::kHoliday, "New Year, Monday"},
      {"2024-01-07", DayKind::kHoliday, "Orthodox Christmas on a Sunday"},
      {"2024-01-08", DayKind::kWorkday, "Christmas is not carried"},
      {"2024-03-21", DayKind::kHoliday, "Nauryz, Thursday"},
      {"2024-03-23", DayKind::kHoliday, "Nauryz on a Saturday"},
      {"2024-03-25", DayKind::kCarriedHoliday, "Nauryz 23 March carried to Monday"},
      {"2024-03-26", DayKind::kWorkday, "after Nauryz"},
      {"2025-03-24", DayKind::kCarriedHoliday, "Nauryz 22 March 2025 (Sat) carried"},
      {"2025-03-25", DayKind::kCarriedHoliday, "Nauryz 23 March 2025 (Sun) carried"},
      {"2025-03-26", DayKind::kWorkday, "after Nauryz 2025"},
      {"2026-03-23", DayKind::kHoliday, "Nauryz 2026 third day, Monday"},
      {"2026-03-24", DayKind::kCarriedHoliday, "21 March 2026 (Sat) carried past 23 March"},
      {"2026-03-25", DayKind::kCarriedHoliday, "22 March 2026 (Sun) carried"},
      {"2026-03-26", DayKind::kWorkday, "after Nauryz 2026"},
      {"2026-03-08", DayKind::kHoliday, "8 March 2026 on a Sunday"},
      {"2026-03-09", DayKind::kCarriedHoliday, "carried to Monday 9 March"},
      {"2024-07-08", DayKind::kCarriedHoliday, "Capital Day 2024 (Sat) carried"},
      {"2025-07-07", DayKind::kCarriedHoliday, "Capital Day 2025 (Sun) carried"},
      {"2025-09-01", DayKind::kCarriedHoliday, "Constitution Day 2025 (Sat) carried"},
      {"2025-10-27", DayKind::kCarriedHoliday, "Republic Day 2025 (Sat) carried"},
      {"2023-01-03", DayKind::kCarriedHoliday, "1 Jan 2023 (Sun) carried past 2 Jan"},
      {"2023-01-09", DayKind::kWorkday, "Christmas 2023 on a Saturday is not carried"},
      {"2024-06-16", DayKind::kHoliday, "Kurban Ait 2024, Sunday"},
      {"2024-06-17", DayKind::kWorkday, "Kurban Ait is not carried"},
      {"2025-06-06", DayKind::kHoliday, "Kurban Ait 2025, Friday"},
      {"2026-05-27", DayKind::kHoliday, "Kurban Ait 2026, Wednesday"},
      {"2024-05-04", DayKind::kTransferredWorkday, "working Saturday, order of 17.04.2024"},
      {"2024-05-08", DayKind::kTransferredDayOff, "day off moved from 4 May 2024"},
      {"2025-01-03", DayKind::kTransferredDayOff, "day off moved from Sunday 5 January 2025"},
      {"2025-01-05", DayKind::kTransferredWorkday, "working Sunday 5 January 2025"},
      {"2022-10-25", DayKind::kHoliday, "Republic Day exists since 2022"},
      {"2021-10-25", DayKind::kWorkday, "no Republic Day in 2021"},
      {"2021-12-01", DayKind::kHoliday, "First President's Day until 2021"},
      {"2022-12-01", DayKind::kWorkday, "abolished in 2022"},
      {"2021-12-17", DayKind::kHoliday, "second Independence Day until 2021"},
      {"2105-03-24", DayKind::kCarriedHoliday, "beyond the table: computed on demand"},
      {"2105-03-25", DayKind::kCarriedHoliday, "beyond the table: computed on demand"},
      {"2105-03-26", DayKind::kWorkday, "beyond the table"},
      {"1999-01-01", DayKind::kHoliday, "before the table: computed on demand"},
      {"1999-01-04", DayKind::kCarriedHoliday, "2 Jan 1999 (Sat) carried, before the table"},
      {"1999-01-05", DayKind::kWorkday, "before the table"},
  };
  const WorkCalendar& cal = Shipped();
  for (const auto& c : cases) {
    const Date d = D(c.date);
    const DayStatus s = cal.Describe(d);
    const bool working = c.kind == DayKind::kWorkday || c.kind == DayKind::kTransferredWorkday;
    EXPECT_EQ(DayKindName(s.kind), std::string(DayKindName(c.kind))) << c.date << ": " << c.why;
    EXPECT_EQ(s.working, working) << c.date << ": " << c.why;
    EXPECT_EQ(cal.IsWorkingDay(d), working) << c.date << ": " << c.why;
  }
}

TEST(WorkCalendarTest, IndependenceDayOnSaturdayCarriesToMonday) {
  // 16 December 2023 was a Saturday: the day off moved to Monday 18 December.
  const DayStatus s = Shipped().Describe(D("2023-12-18"));
  EXPECT_EQ(s.kind, DayKind::kCarriedHoliday);
  EXPECT_FALSE(s.working);
  ASSERT_TRUE(s.carried_from);
  EXPECT_EQ(FormatDate(*s.carried_from), "2023-12-16");
  EXPECT_EQ(s.holiday.en, "Independence Day");
}

TEST(WorkCalendarTest, DescriptionsNameTheirSource) {
  const WorkCalendar& cal = Shipped();
  const DayStatus nauryz = cal.Describe(D("2026-03-24"));
  EXPECT_EQ(nauryz.holiday.ru, "Наурыз мейрамы");
  ASSERT_TRUE(nauryz.carried_from);
  EXPECT_EQ(FormatDate(*nauryz.carried_from), "2026-03-21");
  const DayStatus kurban = cal.Describe(D("2025-06-06"));
  EXPECT_EQ(kurban.holiday.kk, "Құрбан айт (бірінші күні)");
  EXPECT_FALSE(kurban.carried_from);
  const DayStatus act = cal.Describe(D("2024-05-04"));
  EXPECT_NE(act.note.find("17.04.2024"), std::string::npos) << act.note;
  EXPECT_TRUE(cal.Describe(D("2024-03-19")).note.empty());
}

TEST(WorkCalendarTest, OverridesWinAndCanBeRemoved) {
  WorkCalendar cal = Shipped();
  const Date tue = D("2024-03-19"), sat = D("2024-03-16"), far = D("2150-02-04");
  ASSERT_TRUE(cal.SetOverride(tue, false, "heating failure, office closed"));
  ASSERT_TRUE(cal.SetOverride(sat, true, "catch-up Saturday"));
  ASSERT_TRUE(cal.SetOverride(far, false, "far future"));
  EXPECT_FALSE(cal.IsWorkingDay(tue));
  EXPECT_TRUE(cal.IsWorkingDay(sat));
  EXPECT_FALSE(cal.IsWorkingDay(far));  // a Wednesday beyond the table
  const DayStatus s = cal.Describe(tue);
  EXPECT_EQ(s.kind, DayKind::kOverrideDayOff);
  EXPECT_EQ(s.note, "heating failure, office closed");
  EXPECT_EQ(cal.Describe(sat).kind, DayKind::kOverrideWorkday);
  EXPECT_EQ(cal.overrides().size(), 3u);
  // Setting again replaces.
  ASSERT_TRUE(cal.SetOverride(tue, true, "reopened"));
  EXPECT_TRUE(cal.IsWorkingDay(tue));
  EXPECT_EQ(cal.overrides().at(tue).note, "reopened");

  EXPECT_TRUE(cal.RemoveOverride(tue));
  EXPECT_TRUE(cal.RemoveOverride(sat));
  EXPECT_TRUE(cal.RemoveOverride(far));
  EXPECT_FALSE(cal.RemoveOverride(tue));
  EXPECT_TRUE(cal.IsWorkingDay(tue));
  EXPECT_FALSE(cal.IsWorkingDay(sat));
  EXPECT_TRUE(cal.IsWorkingDay(far));
  EXPECT_EQ(cal.Describe(sat).kind, DayKind::kWeekend);
  // The shipped calendar itself was copied, not changed.
  EXPECT_TRUE(Shipped().overrides().empty());

  EXPECT_FALSE(cal.SetOverride(Date{2024y / February / 30}, false, "no such day"));
  EXPECT_FALSE(cal.SetOverride(tue, false, std::string(1001, 'x')));
}

TEST(WorkCalendarTest, CarryStepsOverConsecutiveHolidaysAndEarlierCarries) {
  // Two holidays on one weekend and a third on the Monday: Saturday's goes to Tuesday,
  // Sunday's to Wednesday.
  CalendarData data;
  const LocalizedName n{"a", "b", "c"};
  for (unsigned d : {21u, 22u, 23u}) data.fixed.push_back({3, d, n, true, 0, 0});
  auto cal = WorkCalendar::Build(data);
  ASSERT_TRUE(cal);
  EXPECT_FALSE(cal->IsWorkingDay(2026y / March / 23));
  EXPECT_FALSE(cal->IsWorkingDay(2026y / March / 24));
  EXPECT_FALSE(cal->IsWorkingDay(2026y / March / 25));
  EXPECT_TRUE(cal->IsWorkingDay(2026y / March / 26));
  // The carry crosses the year: 31 December 2022 was a Saturday.
  CalendarData eve;
  eve.fixed.push_back({12, 31, n, true, 0, 0});
  eve.fixed.push_back({1, 1, n, true, 0, 0});
  auto cal2 = WorkCalendar::Build(eve);
  ASSERT_TRUE(cal2);
  EXPECT_FALSE(cal2->IsWorkingDay(2023y / January / 2));  // from 31 Dec (Sat)
  EXPECT_FALSE(cal2->IsWorkingDay(2023y / January / 3));  // from 1 Jan (Sun)
  EXPECT_TRUE(cal2->IsWorkingDay(2023y / January / 4));
  EXPECT_EQ(FormatDate(*cal2->Describe(2023y / January / 2).carried_from), "2022-12-31");
}

TEST(WorkCalendarTest, BuildRejectsBadData) {
  const LocalizedName n{"kk", "ru", "en"};
  struct Case {
    const char* why;
    CalendarData data;
    const char* message_part;
  };
  const Case cases[] = {
      {"month 13", {{{13, 1, n, true, 0, 0}}, {}, {}}, "no such day"},
      {"30 February", {{{2, 30, n, true, 0, 0}}, {}, {}}, "no such day"},
      {"no kk name", {{{1, 1, {"", "ru", "en"}, true, 0, 0}}, {}, {}}, "kk, ru and en"},
      {"from after until", {{{1, 1, n, true, 2022, 2021}}, {}, {}}, "'from'"},
      {"bad dated", {{}, {{Date{2025y / February / 29}, n, false}}, {}}, "not a real date"},
      {"nameless act", {{}, {}, {{"", {Date{2024y / May / 8}}, {}}}}, "needs its name"},
      {"empty act", {{}, {}, {{"Order", {}, {}}}}, "moves no day"},
      {"weekday made working",
       {{}, {}, {{"Order", {}, {Date{2024y / May / 8}}}}},
       "not a Saturday"},
      {"weekend made day off",
       {{}, {}, {{"Order", {Date{2024y / May / 4}}, {}}}},
       "not a Monday-Friday"},
  };
  for (const auto& c : cases) {
    auto cal = WorkCalendar::Build(c.data);
    ASSERT_FALSE(cal) << c.why;
    EXPECT_NE(cal.error().message.find(c.message_part), std::string::npos)
        << c.why << ": " << cal.error().message;
  }
}

}  // namespace
}  // namespace jumys
