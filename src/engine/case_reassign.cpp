// Reassigning a task (issue 16, item 6): the executor is ill, the head hands the work to a
// colleague. Only the head of the task's own office, or whoever acts for them by a delegation in
// force today; only to an active holder of the step's role at that office.
#include "engine/acting.h"
#include "engine/case_service.h"
#include "engine/notifier.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys {

Expected<CaseService::Reassignable> CaseService::CheckReassign(storage::Tx& tx, const Actor& actor,
                                                               std::int64_t task_id,
                                                               Instant now) const {
  JUMYS_ASSIGN_OR_RETURN(auto task, FindTask(tx, task_id));
  if (!task) return Error::NotFound("task.not_found"_msg, "no such task");
  JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, task->case_id));
  if (!kase) return Error::Internal("task " + std::to_string(task_id) + " has no case");
  if (actor.applicant) return Error::NotFound("task.not_found"_msg, "no such task");
  JUMYS_ASSIGN_OR_RETURN(auto capacity, CapacityFor(tx, actor, Role::kHead, offices_, now));
  if (!capacity || actor.office_id != task->office_id) {
    return Error::Forbidden("task.reassign_by_head"_msg,
                            "only the head of the task's office, or an acting head, reassigns it");
  }
  if (!task->open() || !kase->open()) {
    return Error::Conflict("task.not_open"_msg, "the task is no longer open");
  }
  if (!task->role || (task->kind != StepKind::kUser && task->kind != StepKind::kWait)) {
    return Error::Unprocessable("task.not_reassignable"_msg,
                                "this step is not worked by a member of staff");
  }
  Reassignable out{std::move(*task), std::move(*kase), nlohmann::json::object()};
  if (capacity->acting) {
    out.capacity = {{"acting_for", capacity->acting_for}, {"delegation", capacity->delegation_id}};
  }
  return out;
}

Expected<TaskRow> CaseService::ReassignableTask(const Actor& actor, std::int64_t task_id) {
  const Instant now = clock_();
  TaskRow task;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto checked, CheckReassign(tx, actor, task_id, now));
    task = std::move(checked.task);
    return {};
  }));
  return task;
}

Expected<CaseService::CaseDetail> CaseService::Reassign(const Actor& actor, std::int64_t task_id,
                                                        const std::string& login,
                                                        const std::string& reason) {
  const Instant now = clock_();
  std::int64_t case_id = 0;
  JUMYS_TRY(writer_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto checked, CheckReassign(tx, actor, task_id, now));
    TaskRow& task = checked.task;
    CaseRow& kase = checked.kase;
    JUMYS_TRY(CheckAssignee(tx, login, task, *task.role));
    if (task.assignee == login) {
      return Error::Conflict("task.already_assigned"_msg, "the task is assigned to {login} already",
                             {{"login", login}});
    }
    JUMYS_ASSIGN_OR_RETURN(const bool changed, ReassignTaskRow(tx, task.id, login));
    if (!changed) return Error::Conflict("task.not_open"_msg, "the task is no longer open");
    const std::string role = RoleName(*task.role);
    // An appointee named for the whole case (the head's "assign" step) is replaced, so the
    // case's later steps of that role follow; a role nobody was appointed for stays open to all.
    if (kase.assignees.contains(role)) kase.assignees[role] = login;
    const std::string at = FormatRfc3339(now);
    nlohmann::json data = {
        {"task", task.id},
        {"step", task.step},
        {"ref", task.ref},
        {"role", role},
        {"from", task.assignee.empty() ? nlohmann::json(nullptr) : nlohmann::json(task.assignee)},
        {"to", login}};
    if (!reason.empty()) data["reason"] = reason;
    for (const auto& [k, v] : checked.capacity.items()) data[k] = v;
    std::vector<storage::AuditEvent> events = {
        {at, actor.login, "task.reassign", "case", std::to_string(kase.id), kase.office_id, data}};
    task.assignee = login;
    if (deps_.notifier) {
      auto def = catalog_.Find(kase.process, kase.version);
      const Step* step = def ? (*def)->FindStep(task.step) : nullptr;
      if (def && step) {
        JUMYS_TRY(deps_.notifier->ToStaff(tx, login, "task_assigned", {**def, kase, &task, step},
                                          now, "task:" + std::to_string(task.id) + ":to:" + login));
      }
    }
    JUMYS_TRY(Save(tx, kase, kase.row_version, events));
    case_id = kase.id;
    return {};
  }));
  return Load(case_id);
}

}  // namespace jumys
