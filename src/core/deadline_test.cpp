#include "core/deadline.h"

#include <gtest/gtest.h>

#include <random>

#include "core/calendar_loader.h"
#include "core/source_dir.h"

namespace jumys {
namespace {

using namespace std::chrono;

const WorkCalendar& Shipped() {
  static const WorkCalendar cal = [] {
    auto c = LoadCalendarDir((jumys::SourceDir() / "reference/calendar").string());
    if (!c) throw std::runtime_error(c.error().message);
    return *c;
  }();
  return cal;
}

const TimeZone& Qyzylorda() {
  static const TimeZone zone = [] {
    auto z = TimeZone::Load("Asia/Qyzylorda");
    if (!z) throw std::runtime_error(z.error().message);
    return *z;
  }();
  return zone;
}

// A wall time in Kyzylorda as an instant.
Instant Kzo(const char* local) {
  auto t = ParseLocalTime(local);
  EXPECT_TRUE(t) << local;
  return Qyzylorda().ToUtc(t ? *t : LocalTime{});
}

Limit L(const char* text) {
  auto l = ParseLimit(text);
  EXPECT_TRUE(l) << text;
  return l ? *l : Limit{};
}

std::string DueLocal(const WorkCalendar& cal, const OfficeHours& hours, const char* from,
                     const char* limit) {
  const Instant due = Deadline(cal, hours, Qyzylorda(), Kzo(from), L(limit));
  return FormatLocalTime(Qyzylorda().ToLocal(due)).substr(0, 16);  // minutes are enough
}

struct Case {
  const char* from;  // Kyzylorda wall time
  const char* limit;
  const char* due;  // Kyzylorda wall time
  const char* why;
};

TEST(DeadlineTest, ShippedCalendarStandardHours) {
  const Case cases[] = {
      // minutes and hours
      {"2024-03-19T10:00", "20min", "2024-03-19T10:20", "plain Tuesday morning"},
      {"2024-03-19T12:50", "20min", "2024-03-19T14:40", "lunch 13:00-14:30 is skipped"},
      {"2024-03-19T12:40", "20min", "2024-03-19T13:00", "runs out exactly at lunch"},
      {"2024-03-19T13:00", "20min", "2024-03-19T14:50", "event at the start of lunch"},
      {"2024-03-19T13:45", "30min", "2024-03-19T15:00", "event during lunch"},
      {"2024-03-19T12:40", "2h", "2024-03-19T16:10", "20 min before lunch, 1h40 after"},
      {"2024-03-19T18:20", "20min", "2024-03-20T09:10", "evening: 10 min left today"},
      {"2024-03-19T18:00", "30min", "2024-03-19T18:30", "runs out exactly at closing"},
      {"2024-03-19T18:30", "20min", "2024-03-20T09:20", "event at closing time"},
      {"2024-03-19T07:15", "30min", "2024-03-19T09:30", "before opening"},
      {"2024-03-19T00:00", "8h", "2024-03-19T18:30", "a whole working day"},
      {"2024-03-16T11:00", "20min", "2024-03-18T09:20", "Saturday: next Monday"},
      {"2024-03-17T23:59", "20min", "2024-03-18T09:20", "Sunday night"},
      {"2024-03-11T10:00", "20h", "2024-03-13T15:30", "20h: 7h Mon, 8h Tue, 5h Wed"},
      {"2024-03-20T18:00", "2h", "2024-03-26T10:30", "Nauryz 21-23 + carried 25 Mar"},
      {"2025-03-20T18:00", "1h", "2025-03-26T09:30", "Nauryz 2025: 21 Mar, weekend, 24-25"},
      {"2026-03-20T18:00", "1h", "2026-03-26T09:30", "Nauryz 2026: weekend, 23, carried 24-25"},
      {"2026-03-06T18:00", "1h", "2026-03-10T09:30", "8 March on Sunday carried to Monday"},
      {"2024-05-03T18:10", "1h", "2024-05-04T09:40", "Saturday 4 May 2024 is a working day"},
      {"2024-05-07T10:00", "20min", "2024-05-10T09:20", "7 May, 8 May moved off, 9 May"},
      {"2024-12-31T17:00", "2h", "2025-01-05T09:30",
       "year end; 1-2 Jan, 3 Jan moved, Sunday 5 works"},
      {"2025-12-31T17:00", "2h", "2026-01-05T09:30", "year end 2025: 1-2 Jan, weekend"},
      {"2024-06-14T18:00", "1h", "2024-06-17T09:30", "Kurban Ait 2024 on Sunday: not carried"},
      {"2025-06-05T18:00", "1h", "2025-06-09T09:30", "Kurban Ait 2025 on Friday"},
      // working days (Civil Code): closing time on the N-th working day after the event's day
      {"2024-03-19T10:00", "1wd", "2024-03-20T18:30", "next working day"},
      {"2024-03-19T00:00", "1wd", "2024-03-20T18:30", "any moment of the day"},
      {"2024-03-19T23:59", "1wd", "2024-03-20T18:30", "any moment of the day"},
      {"2024-03-20T23:59", "1wd", "2024-03-26T18:30", "over Nauryz"},
      {"2024-03-15T19:00", "1wd", "2024-03-18T18:30", "Friday evening"},
      {"2024-03-16T10:00", "1wd", "2024-03-18T18:30", "from a Saturday"},
      {"2024-03-11T08:00", "6wd", "2024-03-19T18:30", "6wd from a Monday"},
      {"2024-03-15T18:45", "6wd", "2024-03-28T18:30", "6wd from Friday evening, over Nauryz"},
      {"2024-03-22T12:00", "10wd", "2024-04-08T18:30", "10wd from a holiday (Nauryz)"},
      {"2024-05-03T17:00", "6wd", "2024-05-15T18:30", "working Saturday counts; 7-9 May off"},
      {"2025-06-05T15:00", "1wd", "2025-06-09T18:30", "over Kurban Ait 2025"},
      {"2024-12-27T12:00", "10wd", "2025-01-15T18:30", "New Year 2025; Sunday 5 Jan counts"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DueLocal(Shipped(), OfficeHours::Standard(), c.from, c.limit), c.due)
        << c.from << " + " << c.limit << ": " << c.why;
  }
}

TEST(DeadlineTest, ResultIsUtc) {
  // Kyzylorda is UTC+5: 12:50 local is 07:50Z, 14:40 local is 09:40Z.
  const Instant from = *ParseRfc3339("2024-03-19T07:50:00Z");
  EXPECT_EQ(
      FormatRfc3339(Deadline(Shipped(), OfficeHours::Standard(), Qyzylorda(), from, L("20min"))),
      "2024-03-19T09:40:00Z");
  // Seconds are kept: 12:50:30 + 20 min.
  EXPECT_EQ(FormatRfc3339(Deadline(Shipped(), OfficeHours::Standard(), Qyzylorda(),
                                   from + seconds{30}, L("20min"))),
            "2024-03-19T09:40:30Z");
  // Almaty moved from +06 to +05 on 1 March 2024: office hours follow the wall clock.
  const TimeZone almaty = *TimeZone::Load("Asia/Almaty");
  const Instant thu_18h = *ParseRfc3339("2024-02-29T12:00:00Z");  // 18:00 +06
  EXPECT_EQ(FormatRfc3339(Deadline(Shipped(), OfficeHours::Standard(), almaty, thu_18h, L("1h"))),
            "2024-03-01T04:30:00Z");  // Friday 09:30 +05
}

TEST(DeadlineTest, AdminOverrides) {
  WorkCalendar cal = Shipped();
  ASSERT_TRUE(cal.SetOverride(2024y / March / 19, false, "office closed: heating failure"));
  ASSERT_TRUE(cal.SetOverride(2024y / March / 16, true, "catch-up Saturday"));
  const Case cases[] = {
      {"2024-03-18T18:00", "1h", "2024-03-20T09:30", "Tuesday made a day off"},
      {"2024-03-18T10:00", "1wd", "2024-03-20T18:30", "Tuesday made a day off"},
      {"2024-03-15T18:00", "1h", "2024-03-16T09:30", "Saturday made working"},
      {"2024-03-15T12:00", "1wd", "2024-03-16T18:30", "Saturday made working"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DueLocal(cal, OfficeHours::Standard(), c.from, c.limit), c.due)
        << c.from << " + " << c.limit << ": " << c.why;
  }
}

TEST(DeadlineTest, OtherOfficeHours) {
  OfficeHours h;  // 08:00-17:00 without lunch, Monday-Thursday; Friday 08:00-12:00
  for (unsigned i = 0; i < 4; ++i) h.days[i] = *ParseDayHours("08:00-17:00", "");
  h.days[4] = *ParseDayHours("08:00-12:00", "");
  h.weekend_workday = *ParseDayHours("10:00-14:00", "");
  ASSERT_TRUE(h.Validate());
  const Case cases[] = {
      {"2024-03-19T12:50", "20min", "2024-03-19T13:10", "no lunch break"},
      {"2024-03-15T11:30", "1h", "2024-03-18T08:30", "short Friday"},
      {"2024-03-14T10:00", "1wd", "2024-03-15T12:00", "closing time of that day"},
      {"2024-05-03T11:50", "20min", "2024-05-04T10:10", "working Saturday: weekend hours"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DueLocal(Shipped(), h, c.from, c.limit), c.due)
        << c.from << " + " << c.limit << ": " << c.why;
  }
  // Hours open on no weekday fail Validate; with a calendar whose weekends never work, Deadline
  // still terminates.
  const OfficeHours never;
  const WorkCalendar plain = *WorkCalendar::Build({});
  for (const char* limit : {"20min", "1wd"}) {
    EXPECT_EQ(Deadline(plain, never, Qyzylorda(), Kzo("2024-03-19T10:00"), L(limit)),
              Instant::max());
  }
}

// Splitting a limit must not change its end: D(D(t, a), b) == D(t, a + b).
TEST(DeadlineTest, MinuteLimitsCompose) {
  std::mt19937 rng(20240321);
  const Instant start = Kzo("2024-01-01T00:00");
  const OfficeHours office = OfficeHours::Standard();
  for (int i = 0; i < 2000; ++i) {
    const Instant from = start + seconds{rng() % (3u * 366 * 86400)};
    const int a = 1 + static_cast<int>(rng() % 900), b = 1 + static_cast<int>(rng() % 900);
    const auto d = [&](Instant t, int m) {
      return Deadline(Shipped(), office, Qyzylorda(), t, Limit{Limit::kMinutes, m});
    };
    ASSERT_EQ(d(d(from, a), b), d(from, a + b)) << FormatRfc3339(from) << " " << a << "+" << b;
    ASSERT_LT(d(from, a), d(from, a + b));
  }
}

// N wd always ends at 18:30 on a working day, with exactly N working days after the start day.
TEST(DeadlineTest, WorkingDayLimitsLandOnClosingTime) {
  const OfficeHours office = OfficeHours::Standard();
  for (int day = 0; day < 3 * 366; day += 3) {
    const Instant from = Kzo("2024-01-01T11:11") + days{day};
    const int n = 1 + day % 12;
    const LocalTime due = Qyzylorda().ToLocal(
        Deadline(Shipped(), office, Qyzylorda(), from, Limit{Limit::kWorkingDays, n}));
    const local_days due_day = floor<days>(due);
    ASSERT_EQ(due - due_day, hours{18} + minutes{30});
    int counted = 0;
    for (local_days d = floor<days>(Qyzylorda().ToLocal(from)) + days{1}; d <= due_day;
         d += days{1}) {
      counted += Shipped().IsWorkingDay(sys_days{d.time_since_epoch()});
    }
    ASSERT_EQ(counted, n) << FormatRfc3339(from);
    ASSERT_TRUE(Shipped().IsWorkingDay(sys_days{due_day.time_since_epoch()}));
  }
}

TEST(DeadlineTest, FromTextForTheApi) {
  auto due = DeadlineFromText(Shipped(), OfficeHours::Standard(), Qyzylorda(),
                              "2024-03-19T12:50:00+05:00", "20min");
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_EQ(FormatRfc3339(*due), "2024-03-19T09:40:00Z");
  auto bad_from =
      DeadlineFromText(Shipped(), OfficeHours::Standard(), Qyzylorda(), "yesterday", "20min");
  ASSERT_FALSE(bad_from);
  EXPECT_EQ(bad_from.error().code, ErrorCode::kInvalidInput);
  auto bad_limit = DeadlineFromText(Shipped(), OfficeHours::Standard(), Qyzylorda(),
                                    "2024-03-19T12:50:00Z", "0wd");
  ASSERT_FALSE(bad_limit);
  EXPECT_EQ(bad_limit.error().code, ErrorCode::kInvalidInput);
  auto far = DeadlineFromText(Shipped(), OfficeHours::Standard(), Qyzylorda(),
                              "9999-12-31T23:59:59Z", "2500wd");
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().code, ErrorCode::kInvalidInput);
}

TEST(DeadlineTest, LargestLimitsStayInRange) {
  const Instant from = Kzo("2099-06-01T10:00");  // runs past the precomputed table
  for (const char* limit : {"2500wd", "20000h", "1200000min"}) {
    const Instant due = Deadline(Shipped(), OfficeHours::Standard(), Qyzylorda(), from, L(limit));
    EXPECT_GT(due, from + years{9}) << limit;
    EXPECT_LT(due, from + years{12}) << limit;
  }
}

TEST(DeadlineTest, DueOnADayOfTheMonth) {
  const auto due = [](const char* from) {
    const Instant at =
        DueOnDayOfMonth(Shipped(), OfficeHours::Standard(), Qyzylorda(), Kzo(from), 10);
    return FormatLocalTime(Qyzylorda().ToLocal(at)).substr(0, 16);
  };
  EXPECT_EQ(due("2026-11-01T00:00:00"), "2026-11-10T18:30") << "opened at the month's start";
  EXPECT_EQ(due("2026-11-10T18:00:00"), "2026-11-10T18:30") << "the day itself, still open";
  EXPECT_EQ(due("2026-11-10T19:00:00"), "2026-12-10T18:30") << "closed: next month's day";
  EXPECT_EQ(due("2026-11-12T09:00:00"), "2026-12-10T18:30") << "past the day";
  EXPECT_EQ(due("2026-10-01T00:00:00"), "2026-10-12T18:30") << "Saturday 10th: Monday";
  EXPECT_EQ(due("2027-01-01T00:00:00"), "2027-01-11T18:30") << "Sunday 10th: Monday";
}

}  // namespace
}  // namespace jumys
