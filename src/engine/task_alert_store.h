#pragma once
// Named SQL for staff alerts and reminders before a due time (migration 10; the rules are
// engine/task_alerts.h). Every function runs inside the caller's transaction.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys {

// The open tasks still waiting for an alert (alerts_done_at unset) that a sweep must look at:
// user tasks due by `user_until`, and tasks of the steps `reminder_steps` due by
// `reminder_until`. Ids, oldest due time first.
Expected<std::vector<std::int64_t>> ListTasksAwaitingAlerts(
    storage::Tx& tx, const std::string& user_until, const std::string& reminder_until,
    const std::vector<std::string>& reminder_steps);

// The alerts the task got: "due_soon", "overdue", "notify:<template>".
Expected<std::set<std::string>> TaskAlertsOf(storage::Tx& tx, std::int64_t task_id);
// Records an alert as given; false when it was recorded before.
Expected<bool> RecordTaskAlert(storage::Tx& tx, std::int64_t task_id, const std::string& alert,
                               const std::string& at);
// The task gets no more alerts: sweeps stop reading it.
Status MarkTaskAlertsDone(storage::Tx& tx, std::int64_t task_id, const std::string& at);

// Messages in the outbox about the task (one per recipient and channel).
Expected<std::int64_t> CountTaskMessages(storage::Tx& tx, std::int64_t task_id);

}  // namespace jumys
