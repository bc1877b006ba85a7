#pragma once
// Alerts timed on the office's calendar (docs/NOTIFICATIONS.md, "Staff alerts and reminders"):
// one sweep over the open tasks with a due time writes, into the outbox,
//  - to staff, for a user task: `task_due_soon` once at most 60 working minutes are left and
//    `task_overdue` once its due time has passed; to the assignee, or without one to every
//    active staff member of the task's role at its office;
//  - to the applicant: each `notify` entry of the task's step with `before_due` once the task's
//    due time is within that limit of working time (Deadline(now, limit) >= due).
// Each alert goes out once per task (table task_alerts, and a dedupe key per recipient), and
// only while the task's office is open: inside its hours, lunch excepted, on a working day of
// its calendar. A sweep while it is closed writes nothing; the first sweep after opening
// writes what has come due meanwhile, and a task that went overdue while the office was
// closed gets only the overdue alert.
#include <string>
#include <vector>

#include "core/error.h"
#include "core/limit.h"
#include "core/time.h"
#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/definition_catalog.h"
#include "engine/notifier.h"
#include "storage/database.h"

namespace jumys {

// Staff hear of a task this many working minutes before its due time.
inline constexpr int kDueSoonWorkingMinutes = 60;

// Whether the office is open at `now`: a working day of the calendar on which the office has
// hours, inside them and not in the lunch break.
bool OfficeOpenAt(const WorkCalendar& calendar, const Office& office, Instant now);

class TaskAlerts {
 public:
  TaskAlerts(storage::Database& db, const ProcessCatalog& catalog, const OfficeDirectory& offices,
             const CalendarService& calendar, const Notifier& notifier);

  // One pass at `now`; returns how many messages it wrote to the outbox (one per recipient
  // and channel). Each task is written in its own transaction.
  Expected<int> Sweep(Instant now);

 private:
  struct Plan;
  Expected<Plan> PlanFor(storage::Tx& tx, std::int64_t task_id, Instant now,
                         const WorkCalendar& calendar) const;
  Expected<int> Alert(std::int64_t task_id, Instant now, const WorkCalendar& calendar);

  storage::Database& db_;
  const ProcessCatalog& catalog_;
  const OfficeDirectory& offices_;
  const CalendarService& calendar_;
  const Notifier& notifier_;
  std::vector<std::string> reminder_steps_;  // step ids with a before_due entry, any process
  std::vector<Limit> reminder_limits_;       // every before_due limit, once each
};

}  // namespace jumys
