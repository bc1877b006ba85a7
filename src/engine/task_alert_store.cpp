#include "engine/task_alert_store.h"

#include <algorithm>

namespace jumys {

Expected<std::vector<std::int64_t>> ListTasksAwaitingAlerts(
    storage::Tx& tx, const std::string& user_until, const std::string& reminder_until,
    const std::vector<std::string>& reminder_steps) {
  // One range on the partial index tasks_alerts_pending (the open tasks not done with
  // alerts) up to the later horizon; the disjunction picks the tasks each horizon is for.
  const std::string& until = std::max(user_until, reminder_until);
  storage::Params params = {until, user_until};
  std::string wanted = "(t.kind = 'user' AND t.due_at <= $2)";
  if (!reminder_steps.empty()) {
    params.emplace_back(reminder_until);
    wanted += " OR (t.due_at <= $3 AND t.step IN (";
    for (std::size_t i = 0; i < reminder_steps.size(); ++i) {
      params.emplace_back(reminder_steps[i]);
      if (i) wanted += ", ";
      wanted += "$" + std::to_string(params.size());
    }
    wanted += "))";
  }
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT t.id FROM tasks t WHERE t.completed_at IS NULL AND "
                                  "t.alerts_done_at IS NULL AND t.due_at <= $1 AND (" +
                                      wanted + ") ORDER BY t.due_at, t.id",
                                  params));
  std::vector<std::int64_t> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(rows.Int(r, 0));
  return out;
}

Expected<std::set<std::string>> TaskAlertsOf(storage::Tx& tx, std::int64_t task_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT alert FROM task_alerts WHERE task_id = $1", {task_id}));
  std::set<std::string> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.insert(rows.Text(r, 0));
  return out;
}

Expected<bool> RecordTaskAlert(storage::Tx& tx, std::int64_t task_id, const std::string& alert,
                               const std::string& at) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed, tx.Exec("INSERT INTO task_alerts (task_id, alert, sent_at) VALUES ($1, $2, $3) "
                            "ON CONFLICT (task_id, alert) DO NOTHING",
                            {task_id, alert, at}));
  return changed > 0;
}

Status MarkTaskAlertsDone(storage::Tx& tx, std::int64_t task_id, const std::string& at) {
  JUMYS_TRY(tx.Exec("UPDATE tasks SET alerts_done_at = $2 WHERE id = $1 AND alerts_done_at IS NULL",
                    {task_id, at}));
  return {};
}

Expected<std::int64_t> CountTaskMessages(storage::Tx& tx, std::int64_t task_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT COUNT(*) FROM notifications WHERE task_id = $1", {task_id}));
  return rows.empty() ? 0 : rows.Int(0, 0);
}

}  // namespace jumys
