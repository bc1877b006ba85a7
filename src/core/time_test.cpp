#include "core/time.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

using namespace std::chrono;

TEST(TimeTest, ParsesRfc3339Forms) {
  struct Case {
    const char* text;
    const char* utc;
  };
  const Case cases[] = {
      {"2024-03-20T07:50:00Z", "2024-03-20T07:50:00Z"},
      {"2024-03-20T12:50:00+05:00", "2024-03-20T07:50:00Z"},
      {"2024-03-20T02:50:00-05:00", "2024-03-20T07:50:00Z"},
      {"2024-03-20t07:50:00z", "2024-03-20T07:50:00Z"},
      {"2024-03-20 07:50:00Z", "2024-03-20T07:50:00Z"},
      {"2024-03-20T07:50:00.999Z", "2024-03-20T07:50:00Z"},  // fraction truncated
      {"2024-03-20T07:50:00.5+05:00", "2024-03-20T02:50:00Z"},
      {"2024-01-01T03:00:00+05:00", "2023-12-31T22:00:00Z"},  // crosses the year
      {"2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"},
      {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
      {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
      {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
  };
  for (const auto& c : cases) {
    auto t = ParseRfc3339(c.text);
    ASSERT_TRUE(t) << c.text << ": " << t.error().message;
    EXPECT_EQ(FormatRfc3339(*t), c.utc) << c.text;
  }
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:01Z")->time_since_epoch(), seconds{1});
}

TEST(TimeTest, RejectsBadInstants) {
  for (const char* bad : {"",
                          "2024-03-20",
                          "2024-03-20T07:50Z",
                          "2024-03-20T07:50:00",
                          "2024-03-20T07:50:00+05",
                          "2024-03-20T07:50:00+0500",
                          "2024-03-20T07:50:00+24:00",
                          "2024-02-30T07:50:00Z",
                          "2023-02-29T00:00:00Z",
                          "2024-13-01T00:00:00Z",
                          "2024-03-20T24:00:00Z",
                          "2024-03-20T07:60:00Z",
                          "2024-03-20T07:50:60Z",
                          "2024-03-20T07:50:00.Z",
                          "2024-03-20T07:50:00ZZ",
                          "2024-03-20X07:50:00Z",
                          "24-03-20T07:50:00Z",
                          "2024-3-20T07:50:00Z",
                          "now",
                          "2024-03-20T07:50:00 Z",
                          "+2024-03-20T07:50:00Z"}) {
    auto t = ParseRfc3339(bad);
    EXPECT_FALSE(t) << bad;
    if (!t) {
      EXPECT_EQ(t.error().code, ErrorCode::kInvalidInput) << bad;
      EXPECT_FALSE(t.error().message.empty());
    }
  }
}

TEST(TimeTest, QuotesLongInputShortly) {
  const std::string junk(5000, 'x');
  auto t = ParseRfc3339(junk);
  ASSERT_FALSE(t);
  EXPECT_LT(t.error().message.size(), 200u);
}

TEST(TimeTest, DatesRoundTrip) {
  for (const char* text : {"2024-02-29", "2025-01-01", "2026-12-31", "0001-01-01"}) {
    auto d = ParseDate(text);
    ASSERT_TRUE(d) << text;
    EXPECT_EQ(FormatDate(*d), text);
  }
  EXPECT_EQ(*ParseDate("2024-03-21"), 2024y / March / 21);
  for (const char* bad : {"2025-02-29", "2024-04-31", "2024-00-10", "2024-1-10", "2024-01-10x",
                          "2024/01/10", "", "2024-01-10T00:00:00Z"}) {
    EXPECT_FALSE(ParseDate(bad)) << bad;
  }
}

TEST(TimeTest, LocalTimesRoundTrip) {
  auto t = ParseLocalTime("2024-03-20T12:50");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatLocalTime(*t), "2024-03-20T12:50:00");
  EXPECT_EQ(*t, local_days{2024y / March / 20} + hours{12} + minutes{50});
  EXPECT_EQ(FormatLocalTime(*ParseLocalTime("2024-03-20 18:30:15")), "2024-03-20T18:30:15");
  for (const char* bad : {"2024-03-20", "2024-03-20T25:00", "2024-03-20T12:50Z",
                          "2024-03-20T12:50+05:00", "2024-03-20T12"}) {
    EXPECT_FALSE(ParseLocalTime(bad)) << bad;
  }
}

TEST(TimeTest, WeekdayIndexStartsMonday) {
  EXPECT_EQ(WeekdayIndex(2024y / March / 18), 0u);  // Monday
  EXPECT_EQ(WeekdayIndex(2024y / March / 23), 5u);  // Saturday
  EXPECT_EQ(WeekdayIndex(2024y / March / 24), 6u);  // Sunday
}

}  // namespace
}  // namespace jumys
