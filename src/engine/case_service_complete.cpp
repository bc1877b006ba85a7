// Completing tasks: by staff and applicants through the API, and by the system when a timer,
// a wait's window or a repeat period comes due.
#include <spdlog/spdlog.h>

#include "engine/acting.h"
#include "engine/case_relations.h"
#include "engine/case_results.h"
#include "engine/case_service.h"
#include "engine/decision_lists.h"
#include "engine/store_field_lookups.h"
#include "engine/task_durations.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys {

Expected<CaseService::CaseDetail> CaseService::Complete(const Actor& actor, std::int64_t task_id,
                                                        const std::string& outcome,
                                                        const nlohmann::json& data,
                                                        const TaskSignatures& signature) {
  if (!data.is_object()) {
    return FieldError(ErrorCode::kInvalidInput, "data", "field.not_object"_msg,
                      "must be an object");
  }
  const Instant now = clock_();
  if (!signature.empty() && deps_.hooks.documents().precheck_signature) {
    deps_.hooks.documents().precheck_signature(task_id, signature, now);
  }
  std::int64_t case_id = 0;
  JUMYS_TRY(writer_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(case_id, CompleteIn(tx, actor, task_id, outcome, data, signature, now));
    return {};
  }));
  // Read back after the commit, beside other readers: the one writer's time is the bottleneck.
  return Load(case_id);
}

Status CaseService::CheckAssignee(storage::Tx& tx, const std::string& login, const TaskRow& task,
                                  Role role) const {
  JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, login));
  auto roles = user ? RoleSet::Parse(user->roles) : std::nullopt;
  if (!user || user->kind != "staff" || !user->active || user->office_id != task.office_id ||
      !roles || !roles->Has(role)) {
    return FieldError(ErrorCode::kUnprocessable, "data.assignee", "task.assignee_not_staff"_msg,
                      "'{login}' is not an active {role} of office {office}",
                      {{"login", login}, {"role", RoleName(role)}, {"office", task.office_id}});
  }
  return {};
}

Expected<std::int64_t> CaseService::CompleteIn(storage::Tx& tx, const Actor& actor,
                                               std::int64_t task_id, const std::string& outcome,
                                               const nlohmann::json& data,
                                               const TaskSignatures& signature, Instant now,
                                               const std::string* via_list) {
  JUMYS_ASSIGN_OR_RETURN(auto task, FindTask(tx, task_id));
  if (!task) return Error::NotFound("task.not_found"_msg, "no such task");
  JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, task->case_id));
  if (!kase) return Error::Internal("task " + std::to_string(task_id) + " has no case");
  JUMYS_ASSIGN_OR_RETURN(auto def, DefinitionOf(kase->process, kase->version));
  const Step* step = def->FindStep(task->step);
  if (!step) return Error::Internal(def->code + " has no step '" + task->step + "'");
  JUMYS_ASSIGN_OR_RETURN(const Actor effective, WithDelegatedRoles(tx, actor, offices_, now));
  JUMYS_ASSIGN_OR_RETURN(auto employer_parties, EmployerParties(tx, kase->id));
  JUMYS_TRY(MayComplete(effective, *kase, *task, *step, employer_parties));
  JUMYS_TRY(MayFileForEmployer(tx, actor));
  if (!task->open() || !kase->open())
    return Error::Conflict("task.not_open"_msg, "the task is no longer open");
  JUMYS_ASSIGN_OR_RETURN(auto v, ValidateCompletion(*def, *step, *kase, outcome, data));
  if (!via_list && step->ListDecides(*v.outcome)) {
    return Error::Conflict("task.decided_on_list"_msg,
                           "step {step} is decided over the list '{list}': record it from there",
                           {{"step", step->ref}, {"list", step->decided_on_list->list}});
  }
  auto office = offices_.Find(kase->office_id);
  if (!office) return Error::Internal("case office " + kase->office_id + " is not loaded");
  JUMYS_TRY(ValidateData(CompletionDataSpec(*step, *v.outcome), data, OfficeDate(*office, now),
                         StoreFieldLookups(offices_, tx)));
  if (step->assigns) JUMYS_TRY(CheckAssignee(tx, v.assignee, *task, *step->assigns));

  const std::int64_t loaded_version = kase->row_version;
  CaseRun run(deps_, tx, *def, *kase, *office, actor.login, now);
  JUMYS_ASSIGN_OR_RETURN(const GuardEntry* blocked,
                         run.BlockingGuard(step->guards, &*task, nullptr, data));
  if (blocked) {
    return CaseRun::Blocked("task.step_blocked"_msg, "step {step} cannot be completed",
                            {{"step", step->ref}}, *blocked);
  }
  JUMYS_ASSIGN_OR_RETURN(const GuardEntry* failing,
                         run.BlockingGuard(v.outcome->guards, &*task, v.outcome, data));
  if (failing) {
    return CaseRun::Blocked("task.outcome_blocked"_msg, "outcome '{outcome}' is not possible",
                            {{"outcome", outcome}}, *failing);
  }
  JUMYS_ASSIGN_OR_RETURN(const bool completed,
                         CompleteTaskRow(tx, task->id, run.now_text(), actor.login, outcome, data));
  if (!completed) return Error::Conflict("task.not_open"_msg, "the task is no longer open");
  if (task->kind == StepKind::kUser) {
    auto queue = offices_.Find(task->office_id);
    if (!queue) return Error::Internal("task office " + task->office_id + " is not loaded");
    JUMYS_TRY(RecordTaskDuration(tx, *task, kase->process, kase->version, *queue,
                                 *deps_.calendar.Current(), now));
  }
  const bool signs = !step->signers.empty() && !v.outcome->skips_signature;
  if (signs) JUMYS_TRY(run.CheckSignature(*task, data, signature));
  if (step->assigns) kase->assignees[RoleName(*step->assigns)] = v.assignee;

  nlohmann::json event = {
      {"task", task->id}, {"step", step->id}, {"ref", step->ref}, {"outcome", outcome}};
  if (!v.grounds.empty()) event["grounds"] = v.grounds;
  if (!v.assignee.empty()) event["assignee"] = v.assignee;
  if (signs) event["signed_by"] = actor.login;
  if (task->role && !actor.roles.Has(*task->role)) {
    JUMYS_ASSIGN_OR_RETURN(auto capacity, CapacityFor(tx, actor, *task->role, offices_, now));
    if (capacity && capacity->acting) {
      event["acting_for"] = capacity->acting_for;
      event["delegation"] = capacity->delegation_id;
    }
  }
  if (v.outcome->decides) event["decides"] = v.outcome->decides->kind;
  if (via_list) event["decision_list"] = *via_list;
  // An outcome that ends the case (a refusal at the check) leaves nothing for the list to decide.
  if (!step->list.empty() && !v.outcome->target.is_end()) {
    JUMYS_ASSIGN_OR_RETURN(event["listed_on"], PutOnDecisionList(tx, *def, *step, *kase, *office,
                                                                 actor.login, now, data));
  }
  run.events().push_back({run.now_text(), actor.login, "task.complete", "case",
                          std::to_string(kase->id), kase->office_id, event});
  JUMYS_TRY(run.Take(*step, *v.outcome, &*task, data, v.grounds));
  run.events().front().data["opened"] = run.opened();
  JUMYS_TRY(Save(tx, *kase, loaded_version, run.events()));
  return kase->id;
}

Expected<int> CaseService::FireDue(int max) {
  const Instant now = clock_();
  std::vector<TaskRow> due;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(due, ListDueSystemTasks(tx, FormatRfc3339(now), max));
    return {};
  }));
  int fired = 0;
  for (const auto& t : due) {
    bool done = false;
    auto status = writer_.Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(done, FireIn(tx, t.id, now));
      return {};
    });
    // One task that cannot go on (say, a destination office not named) must not hold up the
    // others: it is logged and retried on the next sweep.
    if (!status) {
      spdlog::error(R"({{"name":"case_timer_failed","task":{},"error":{}}})", t.id,
                    nlohmann::json(status.error().message + " " + status.error().internal).dump());
      continue;
    }
    if (done) ++fired;
  }
  return fired;
}

Expected<bool> CaseService::FireIn(storage::Tx& tx, std::int64_t task_id, Instant now) {
  JUMYS_ASSIGN_OR_RETURN(auto task, FindTask(tx, task_id));
  if (!task || !task->open()) return false;  // taken meanwhile
  JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, task->case_id));
  if (!kase || !kase->open()) return false;
  JUMYS_ASSIGN_OR_RETURN(auto def, DefinitionOf(kase->process, kase->version));
  const Step* step = def->FindStep(task->step);
  if (!step) return Error::Internal(def->code + " has no step '" + task->step + "'");
  auto office = offices_.Find(kase->office_id);
  if (!office) return Error::Internal("case office " + kase->office_id + " is not loaded");
  const std::int64_t loaded_version = kase->row_version;
  CaseRun run(deps_, tx, *def, *kase, *office, kSystemActor, now);
  static const nlohmann::json kNoData = nlohmann::json::object();

  const Outcome* take = nullptr;
  const Step* body = nullptr;
  switch (task->kind) {
    case StepKind::kTimer:
      take = &step->outcomes.front();
      break;
    case StepKind::kWait:
      take = step->TimeoutOutcome();
      break;
    case StepKind::kRepeat: {
      JUMYS_ASSIGN_OR_RETURN(auto going_on,
                             run.FailingGuard(step->until, &*task, nullptr, kNoData));
      if (going_on) {
        body = def->FindStep(step->body);
      } else {
        take = &step->outcomes.front();
      }
      break;
    }
    case StepKind::kUser:
    case StepKind::kAutomatic:
      break;
  }
  if (!take && !body) return false;
  const std::string outcome = take ? take->id : "repeat";
  JUMYS_ASSIGN_OR_RETURN(const bool completed, CompleteTaskRow(tx, task->id, run.now_text(),
                                                               kSystemActor, outcome, kNoData));
  if (!completed) return false;
  run.events().push_back({run.now_text(),
                          kSystemActor,
                          "task.complete",
                          "case",
                          std::to_string(kase->id),
                          kase->office_id,
                          {{"task", task->id},
                           {"step", step->id},
                           {"ref", step->ref},
                           {"outcome", outcome},
                           {"due_at", task->due_at}}});
  if (take) {
    JUMYS_TRY(run.Take(*step, *take, &*task, kNoData, {}));
  } else {
    JUMYS_TRY(run.Enter(*body));
  }
  run.events().front().data["opened"] = run.opened();
  JUMYS_TRY(Save(tx, *kase, loaded_version, run.events()));
  return true;
}

}  // namespace jumys
