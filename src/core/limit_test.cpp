#include "core/limit.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

TEST(LimitTest, ParsesAndFormats) {
  struct Case {
    const char* text;
    Limit::Unit unit;
    int amount;
  };
  const Case cases[] = {
      {"20min", Limit::kMinutes, 20},        {"2h", Limit::kHours, 2},
      {"6wd", Limit::kWorkingDays, 6},       {"1wd", Limit::kWorkingDays, 1},
      {"2500wd", Limit::kWorkingDays, 2500}, {"1200000min", Limit::kMinutes, 1200000}};
  for (const auto& c : cases) {
    auto l = ParseLimit(c.text);
    ASSERT_TRUE(l) << c.text << ": " << l.error().message;
    EXPECT_EQ(l->unit, c.unit) << c.text;
    EXPECT_EQ(l->amount, c.amount) << c.text;
    EXPECT_EQ(FormatLimit(*l), c.text);
  }
  EXPECT_EQ(FormatLimit(*ParseLimit("007h")), "7h");
}

TEST(LimitTest, RejectsBadLimits) {
  struct Case {
    const char* text;
    const char* message_part;
  };
  const Case cases[] = {
      {"0min", "positive"},
      {"0wd", "positive"},
      {"-5min", "<n>min"},
      {"+5min", "<n>min"},
      {"20", "<n>min"},
      {"min", "positive whole"},
      {"20 min", "<n>min"},
      {"20m", "<n>min"},
      {"2H", "<n>min"},
      {"1.5h", "<n>min"},
      {"6wd ", "<n>min"},
      {"", "<n>min"},
      {"2501wd", "too large"},
      {"20001h", "too large"},
      {"1200001min", "too large"},
      {"99999999999999999999999wd", "too large"},
  };
  for (const auto& c : cases) {
    auto l = ParseLimit(c.text);
    ASSERT_FALSE(l) << c.text;
    EXPECT_EQ(l.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(l.error().message.find(c.message_part), std::string::npos)
        << c.text << " -> " << l.error().message;
  }
}

}  // namespace
}  // namespace jumys
