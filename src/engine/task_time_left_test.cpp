#include "engine/task_time_left.h"

#include <gtest/gtest.h>

#include "core/calendar_loader.h"
#include "core/deadline.h"
#include "core/source_dir.h"

namespace jumys {
namespace {

// Kyzylorda (UTC+5), Monday-Friday 09:00-18:30, lunch 13:00-14:30.
Office Kyzylorda() {
  Office o;
  o.id = "kzo-city";
  o.time_zone = TimeZone::Fixed("Asia/Qyzylorda", std::chrono::hours(5));
  o.hours = OfficeHours::Standard();
  return o;
}

Instant Local(const std::string& text) {
  auto t = ParseLocalTime(text);
  EXPECT_TRUE(t.has_value()) << text;
  return Instant{t->time_since_epoch() - std::chrono::hours(5)};
}

class TaskTimeLeftTest : public ::testing::Test {
 protected:
  TaskTimeLeftTest() {
    auto calendar = LoadCalendarDir(jumys::SourceDir() / "reference/calendar");
    EXPECT_TRUE(calendar.has_value());
    calendar_ = std::move(*calendar);
  }

  // A task created at `created` (local) with `limit`, due when Deadline() says.
  TaskRow Task(const std::string& created, Limit limit) {
    TaskRow t;
    t.office_id = office_.id;
    t.created_at = FormatRfc3339(Local(created));
    t.due_at =
        FormatRfc3339(Deadline(calendar_, office_.hours, office_.time_zone, Local(created), limit));
    return t;
  }

  std::string At(const TaskRow& task, const std::string& now) {
    const TaskTimeLeft left = TaskTimeLeftAt(calendar_, office_, task, Local(now));
    return (left.working_minutes ? std::to_string(*left.working_minutes) : "null") + " " +
           UrgencyName(left.urgency);
  }

  WorkCalendar calendar_;
  Office office_ = Kyzylorda();
};

TEST_F(TaskTimeLeftTest, CountsWorkingMinutesAcrossTheWeekend) {
  // Friday 17:00 + 2h: 90 minutes on Friday, 30 on Monday morning.
  const TaskRow task = Task("2026-11-27T17:00", {Limit::kHours, 2});
  EXPECT_EQ(task.due_at, FormatRfc3339(Local("2026-11-30T09:30")));
  EXPECT_EQ(At(task, "2026-11-27T17:00"), "120 ok");
  EXPECT_EQ(At(task, "2026-11-27T18:29"), "31 ok");
  EXPECT_EQ(At(task, "2026-11-27T18:30"), "30 near") << "a quarter of 120 minutes left";
  EXPECT_EQ(At(task, "2026-11-28T12:00"), "30 near") << "Saturday counts nothing";
  EXPECT_EQ(At(task, "2026-11-30T09:00"), "30 near");
  EXPECT_EQ(At(task, "2026-11-30T09:30"), "0 near") << "due now, not overdue yet";
  EXPECT_EQ(At(task, "2026-11-30T10:00"), "-30 overdue");
  EXPECT_EQ(At(task, "2026-11-30T15:00"), "-240 overdue") << "lunch is not working time";
}

TEST_F(TaskTimeLeftTest, AHolidayIsNotWorkingTime) {
  // 16 December, Independence Day, a Wednesday in 2026: a 1wd limit from Tuesday 15:00 runs
  // to Thursday's closing.
  const TaskRow task = Task("2026-12-15T15:00", {Limit::kWorkingDays, 1});
  EXPECT_EQ(task.due_at, FormatRfc3339(Local("2026-12-17T18:30")));
  EXPECT_EQ(At(task, "2026-12-15T15:00"), "690 ok");  // 210 on Tuesday, 480 on Thursday
  EXPECT_EQ(At(task, "2026-12-16T12:00"), "480 ok");
  // An administrator's override closes Thursday too: the calendar the task is counted on is
  // the one in force now.
  ASSERT_TRUE(calendar_.SetOverride(Date{std::chrono::year{2026} / 12 / 17}, false, "test"));
  EXPECT_EQ(At(task, "2026-12-16T12:00"), "0 near");
  EXPECT_EQ(At(task, "2026-12-18T08:00"), "-1 overdue")
      << "overdue with no working minute since still reads negative";
}

TEST_F(TaskTimeLeftTest, OverdueOverAWeekendStillReadsNegative) {
  const TaskRow task = Task("2026-11-27T18:00", {Limit::kMinutes, 30});  // due Friday 18:30
  EXPECT_EQ(At(task, "2026-11-28T11:00"), "-1 overdue");
  EXPECT_EQ(At(task, "2026-11-30T09:10"), "-10 overdue");
}

TEST_F(TaskTimeLeftTest, NoDueTimeAndCompletedTasks) {
  TaskRow open_ended;
  open_ended.created_at = FormatRfc3339(Local("2026-11-23T10:00"));
  EXPECT_EQ(At(open_ended, "2026-11-30T10:00"), "null ok");

  // A completed task keeps the margin it was completed with.
  TaskRow done = Task("2026-11-23T10:00", {Limit::kMinutes, 20});
  done.completed_at = FormatRfc3339(Local("2026-11-23T10:05"));
  EXPECT_EQ(At(done, "2026-12-01T10:00"), "15 ok");
  done.completed_at = FormatRfc3339(Local("2026-11-23T10:30"));
  EXPECT_EQ(At(done, "2026-12-01T10:00"), "-10 overdue");
}

}  // namespace
}  // namespace jumys
