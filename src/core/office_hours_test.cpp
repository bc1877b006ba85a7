#include "core/office_hours.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

TEST(OfficeHoursTest, StandardHoursAndParsing) {
  const OfficeHours std_hours = OfficeHours::Standard();
  EXPECT_TRUE(std_hours.Validate());
  ASSERT_TRUE(std_hours.days[0]);
  EXPECT_EQ(std_hours.days[0]->WorkingMinutes(), 8 * 60);
  EXPECT_FALSE(std_hours.days[5]);
  EXPECT_EQ(std_hours.OnWorkingDay(5), &std_hours.weekend_workday);
  EXPECT_EQ(FormatDayHours(*std_hours.days[4]), "09:00-18:30 lunch 13:00-14:30");

  auto d = ParseDayHours("08:00-17:00", "");
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->has_lunch());
  EXPECT_EQ(d->WorkingMinutes(), 9 * 60);
  EXPECT_TRUE(ParseDayHours("00:00-24:00", "12:00-13:00"));
  for (auto [hours, lunch] : {std::pair{"18:30-09:00", ""},
                              {"09:00-18:30", "08:00-09:30"},
                              {"09:00-18:30", "14:30-13:00"},
                              {"9:00-18:30", ""},
                              {"09:00-24:30", ""},
                              {"09:00", ""},
                              {"09:00-18:30", "13:00"}}) {
    EXPECT_FALSE(ParseDayHours(hours, lunch)) << hours << " / " << lunch;
  }
  OfficeHours closed;
  EXPECT_FALSE(closed.Validate());
  closed.days[6] = DayHours{};  // Sunday only is not enough
  EXPECT_FALSE(closed.Validate());
}

}  // namespace
}  // namespace jumys
