#include "engine/task_time_left.h"

#include <algorithm>

#include "engine/sla_working_minutes.h"

namespace jumys {

const char* UrgencyName(Urgency u) {
  switch (u) {
    case Urgency::kOk:
      return "ok";
    case Urgency::kNear:
      return "near";
    case Urgency::kOverdue:
      return "overdue";
  }
  return "ok";
}

TaskTimeLeft TaskTimeLeftAt(const WorkCalendar& calendar, const Office& office, const TaskRow& task,
                            Instant now) {
  if (!task.has_due()) return {};
  auto due = ParseRfc3339(task.due_at);
  auto created = ParseRfc3339(task.created_at);
  if (!due || !created) return {};
  Instant at = now;
  if (task.completed_at) {
    if (auto completed = ParseRfc3339(*task.completed_at)) at = *completed;
  }
  const auto minutes = [&](Instant from, Instant to) {
    return WorkingMinutesBetween(calendar, office.hours, office.time_zone, from, to);
  };
  TaskTimeLeft out;
  if (at > *due) {
    out.working_minutes = -std::max<std::int64_t>(1, minutes(*due, at));
    out.urgency = Urgency::kOverdue;
    return out;
  }
  const std::int64_t left = minutes(at, *due);
  const std::int64_t whole = minutes(*created, *due);
  out.working_minutes = left;
  out.urgency = left * 4 <= whole ? Urgency::kNear : Urgency::kOk;
  return out;
}

}  // namespace jumys
