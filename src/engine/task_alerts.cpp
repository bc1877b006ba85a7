#include "engine/task_alerts.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/deadline.h"
#include "domain/roles.h"
#include "engine/case_store.h"
#include "engine/task_alert_store.h"
#include "engine/task_time_left.h"
#include "storage/repositories/repositories.h"

namespace jumys {

using namespace std::chrono;

bool OfficeOpenAt(const WorkCalendar& calendar, const Office& office, Instant now) {
  const LocalTime local = office.time_zone.ToLocal(now);
  const local_days day = floor<days>(local);
  const sys_days date{day.time_since_epoch()};
  if (!calendar.IsWorkingDay(date)) return false;
  const DayHours* h = office.hours.OnWorkingDay(WeekdayIndex(weekday{date}));
  if (!h) return false;
  const auto minute = duration_cast<minutes>(local - LocalTime{day}).count();
  if (minute < h->open || minute >= h->close) return false;
  return !(h->has_lunch() && minute >= h->lunch_start && minute < h->lunch_end);
}

// What one task is owed at `now`, and what it needs to be written.
struct TaskAlerts::Plan {
  std::optional<TaskRow> task;
  std::optional<CaseRow> kase;
  ProcessCatalog::DefinitionPtr def;
  const Step* step = nullptr;
  std::vector<const Notify*> reminders;  // the applicant's, due now and not given yet
  std::string staff_alert;               // "due_soon" | "overdue" | ""
  bool done = false;                     // nothing more will ever be owed

  bool empty() const { return reminders.empty() && staff_alert.empty() && !done; }
};

TaskAlerts::TaskAlerts(storage::Database& db, const ProcessCatalog& catalog,
                       const OfficeDirectory& offices, const CalendarService& calendar,
                       const Notifier& notifier)
    : db_(db), catalog_(catalog), offices_(offices), calendar_(calendar), notifier_(notifier) {
  for (const auto& def : catalog_.All()) {
    for (const Step& step : def->steps) {
      for (const Notify& n : step.notify) {
        if (!n.before_due) continue;
        if (std::find(reminder_steps_.begin(), reminder_steps_.end(), step.id) ==
            reminder_steps_.end()) {
          reminder_steps_.push_back(step.id);
        }
        if (std::find(reminder_limits_.begin(), reminder_limits_.end(), *n.before_due) ==
            reminder_limits_.end()) {
          reminder_limits_.push_back(*n.before_due);
        }
      }
    }
  }
}

Expected<TaskAlerts::Plan> TaskAlerts::PlanFor(storage::Tx& tx, std::int64_t task_id, Instant now,
                                               const WorkCalendar& calendar) const {
  Plan plan;
  JUMYS_ASSIGN_OR_RETURN(plan.task, FindTask(tx, task_id));
  if (!plan.task || !plan.task->open() || !plan.task->has_due()) return plan;
  const TaskRow& task = *plan.task;
  auto due = ParseRfc3339(task.due_at);
  if (!due) return Error::Internal("task " + std::to_string(task_id) + ": bad due time");
  JUMYS_ASSIGN_OR_RETURN(plan.kase, FindCase(tx, task.case_id));
  if (!plan.kase) return Error::Internal("task " + std::to_string(task_id) + " has no case");
  auto def = catalog_.Find(plan.kase->process, plan.kase->version);
  if (!def) return def.error();
  plan.def = *def;
  plan.step = plan.def->FindStep(task.step);
  auto office = offices_.Find(task.office_id);
  if (!office) return Error::Internal("office " + task.office_id + " is not loaded");

  // A step the applicant works is no staff member's to be alerted about.
  const bool staff =
      task.kind == StepKind::kUser && task.role.has_value() && !IsApplicantRole(*task.role);
  std::vector<const Notify*> reminders;
  if (plan.step) {
    for (const Notify& n : plan.step->notify) {
      if (n.before_due) reminders.push_back(&n);
    }
  }
  if (!staff && reminders.empty()) {
    plan.done = true;  // a task of a step with no reminders, met in another process
    return plan;
  }
  if (!OfficeOpenAt(calendar, *office, now)) return plan;

  JUMYS_ASSIGN_OR_RETURN(auto given, TaskAlertsOf(tx, task_id));
  bool pending = false;
  for (const Notify* n : reminders) {
    if (given.count("notify:" + n->template_name)) continue;
    if (Deadline(calendar, office->hours, office->time_zone, now, *n->before_due) >= *due) {
      plan.reminders.push_back(n);
    } else {
      pending = true;
    }
  }
  if (staff) {
    if (now > *due) {
      if (!given.count("overdue")) plan.staff_alert = "overdue";
    } else {
      pending = true;
      const TaskTimeLeft left = TaskTimeLeftAt(calendar, *office, task, now);
      if (!given.count("due_soon") && left.working_minutes &&
          *left.working_minutes <= kDueSoonWorkingMinutes) {
        plan.staff_alert = "due_soon";
      }
    }
  }
  plan.done = !pending;
  return plan;
}

Expected<int> TaskAlerts::Alert(std::int64_t task_id, Instant now, const WorkCalendar& calendar) {
  int written = 0;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    written = 0;  // PostgreSQL may run this again
    JUMYS_ASSIGN_OR_RETURN(auto plan, PlanFor(tx, task_id, now, calendar));
    if (plan.empty()) return {};
    const std::string at = FormatRfc3339(now);
    const std::string key = "task:" + std::to_string(task_id) + ":";
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t before, CountTaskMessages(tx, task_id));
    const NotifySubject subject{*plan.def, *plan.kase, &*plan.task, plan.step};
    for (const Notify* n : plan.reminders) {
      JUMYS_TRY(notifier_.ToApplicant(tx, n->template_name, subject, now, key + n->template_name));
      JUMYS_TRY(RecordTaskAlert(tx, task_id, "notify:" + n->template_name, at));
    }
    if (!plan.staff_alert.empty()) {
      const TaskRow& task = *plan.task;
      std::vector<std::string> to;
      if (!task.assignee.empty()) {
        to.push_back(task.assignee);
      } else {
        JUMYS_ASSIGN_OR_RETURN(auto staff, storage::ListActiveStaff(tx, task.office_id));
        for (const auto& u : staff) {
          auto roles = RoleSet::Parse(u.roles);
          if (roles && roles->Has(*task.role)) to.push_back(u.login);
        }
      }
      const std::string tmpl = plan.staff_alert == "overdue" ? "task_overdue" : "task_due_soon";
      for (const auto& login : to) {
        JUMYS_TRY(
            notifier_.ToStaff(tx, login, tmpl, subject, now, key + plan.staff_alert + ":" + login));
      }
      JUMYS_TRY(RecordTaskAlert(tx, task_id, plan.staff_alert, at));
    }
    if (plan.done) JUMYS_TRY(MarkTaskAlertsDone(tx, task_id, at));
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t after, CountTaskMessages(tx, task_id));
    written = static_cast<int>(after - before);
    return {};
  }));
  return written;
}

Expected<int> TaskAlerts::Sweep(Instant now) {
  const auto calendar = calendar_.Current();
  // How far ahead a task can be owed anything at `now`, over every office: 61 working minutes
  // (a task with at most 60 whole working minutes left is due before that), and each
  // reminder's limit. The exact rules are applied per task (PlanFor).
  Instant user_until = now, reminder_until = now;
  for (const auto& office : offices_.All()) {
    const auto ahead = [&](Limit limit) {
      const Instant at = Deadline(*calendar, office->hours, office->time_zone, now, limit);
      return at == Instant::max() ? now : at;
    };
    user_until = std::max(user_until, ahead({Limit::kMinutes, kDueSoonWorkingMinutes + 1}));
    for (const Limit& l : reminder_limits_) reminder_until = std::max(reminder_until, ahead(l));
  }
  std::vector<std::int64_t> candidates, owed;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(candidates,
                           ListTasksAwaitingAlerts(tx, FormatRfc3339(user_until),
                                                   FormatRfc3339(reminder_until), reminder_steps_));
    // Most of them are owed nothing yet (an office closed, an alert given): only the others
    // take a write transaction.
    owed.clear();
    for (std::int64_t id : candidates) {
      // A task that cannot be planned is tried in writing too, which logs why.
      auto plan = PlanFor(tx, id, now, *calendar);
      if (!plan || !plan->empty()) owed.push_back(id);
    }
    return {};
  }));
  int written = 0;
  for (std::int64_t id : owed) {
    auto n = Alert(id, now, *calendar);
    if (!n) {
      // One task's failure (a definition no longer loaded, say) does not hold up the others.
      spdlog::error(
          R"({{"name":"task_alert_failed","task":{},"error":{}}})", id,
          nlohmann::json(n.error().internal.empty() ? n.error().message : n.error().internal)
              .dump());
      continue;
    }
    written += *n;
  }
  return written;
}

}  // namespace jumys
