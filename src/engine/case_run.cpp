#include "engine/case_run.h"

#include <optional>

#include "engine/applicant_steps.h"
#include "engine/case_engine.h"
#include "engine/case_relations.h"
#include "engine/case_reopen.h"
#include "engine/case_results.h"
#include "engine/case_store.h"
#include "engine/definition_vocabulary.h"
#include "engine/notifier.h"

namespace jumys {

namespace {

// Automatic steps that lead only to automatic steps would spin forever; no regulation chains
// anywhere near this many.
constexpr int kMaxAutomaticSteps = 100;

const nlohmann::json& EmptyData() {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  return kEmpty;
}

}  // namespace

CaseRun::CaseRun(const CaseRunDeps& deps, storage::Tx& tx, const ProcessDefinition& def,
                 CaseRow& kase, const Office& office, std::string actor, Instant now)
    : deps_(deps),
      tx_(tx),
      def_(def),
      kase_(kase),
      office_(office),
      actor_(std::move(actor)),
      now_(now),
      now_text_(FormatRfc3339(now)) {}

HookContext CaseRun::Context(const TaskRow* task, const Outcome* outcome,
                             const nlohmann::json& data) {
  return HookContext{def_, kase_,   task, outcome, data,         actor_,
                     now_, office_, tx_,  events_, &deps_.hooks, signatures_};
}

Status CaseRun::CheckSignature(const TaskRow& task, const nlohmann::json& data,
                               const TaskSignatures& signatures) {
  const auto& check = deps_.hooks.documents().check_signature;
  if (!check) return {};
  if (signatures.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "signature", "task.needs_signature"_msg,
                      "step {step} must be signed with EDS (GET /api/v1/tasks/{task}/document is "
                      "what is signed)",
                      {{"step", task.ref}, {"task", std::to_string(task.id)}});
  }
  signatures_ = &signatures;
  HookContext ctx = Context(&task, nullptr, data);
  return check(ctx);
}

Expected<const GuardEntry*> CaseRun::BlockingGuard(const std::vector<std::string>& guards,
                                                   const TaskRow* task, const Outcome* outcome,
                                                   const nlohmann::json& data) {
  for (const auto& name : guards) {
    const GuardEntry* guard = deps_.hooks.FindGuard(name);
    if (!guard) return Error::Internal("guard '" + name + "' has no implementation");
    HookContext ctx = Context(task, outcome, data);
    JUMYS_ASSIGN_OR_RETURN(const bool holds, guard->fn(ctx));
    if (!holds) return guard;
  }
  return static_cast<const GuardEntry*>(nullptr);
}

Expected<std::optional<std::string>> CaseRun::FailingGuard(const std::vector<std::string>& guards,
                                                           const TaskRow* task,
                                                           const Outcome* outcome,
                                                           const nlohmann::json& data) {
  JUMYS_ASSIGN_OR_RETURN(const GuardEntry* guard, BlockingGuard(guards, task, outcome, data));
  if (!guard) return std::optional<std::string>{};
  return std::optional<std::string>{guard->failure};
}

Error CaseRun::Blocked(MessageKey key, std::string_view english, MessageParams params,
                       const GuardEntry& guard) {
  ErrorDetail why;
  why.key = guard.failure_key.str();
  why.message = guard.failure;
  Error e = Error::Unprocessable(key, english, std::move(params), {std::move(why)});
  e.message += ": " + guard.failure;
  return e;
}

Status CaseRun::RunEffects(const std::vector<std::string>& effects, const TaskRow* task,
                           const Outcome* outcome, const nlohmann::json& data) {
  for (const auto& name : effects) {
    if (ArgumentPattern(name) == std::string(kStartCaseEffect) + ":*") {
      JUMYS_TRY(StartFollowUp(NameArgument(name)));
      continue;
    }
    if (name == kReopenSubjectEffect) {
      JUMYS_TRY(ReopenSubject(data));
      continue;
    }
    const EffectFn* effect = deps_.hooks.FindEffect(name);
    if (!effect) return Error::Internal("effect '" + name + "' has no implementation");
    HookContext ctx = Context(task, outcome, data);
    JUMYS_TRY((*effect)(ctx));
  }
  return {};
}

// Every check runs: a filing refused for its content (422) names each condition that failed,
// the first's error carrying every check's details, so the applicant learns all of them at
// once. Any other error (a conflict, a broken store) answers at once.
Status CaseRun::RunChecks(const std::vector<std::string>& checks, const nlohmann::json& data) {
  std::optional<Error> refused;
  for (const auto& name : checks) {
    const CheckFn* check = deps_.hooks.FindCheck(name);
    if (!check) return Error::Internal("check '" + name + "' has no implementation");
    HookContext ctx = Context(nullptr, nullptr, data);
    Status st = (*check)(ctx);
    if (st) continue;
    if (st.error().code != ErrorCode::kUnprocessable) return st;
    if (!refused) {
      refused = st.error();
    } else {
      refused->details.insert(refused->details.end(), st.error().details.begin(),
                              st.error().details.end());
    }
  }
  if (refused) return *refused;
  return {};
}

Status CaseRun::Take(const Step& step, const Outcome& outcome, const TaskRow* task,
                     const nlohmann::json& data, const std::vector<std::string>& grounds) {
  if (outcome.decides) {
    kase_.decided = *outcome.decides;
    kase_.grounds = grounds;
  }
  if (step.hand_off && task) JUMYS_TRY(HandOff(step, *task));
  JUMYS_TRY(RunEffects(step.effects, task, &outcome, data));
  JUMYS_TRY(RunEffects(outcome.effects, task, &outcome, data));
  const Target& target = outcome.TargetFor(kase_.channel);
  if (target.is_end()) {
    if (!kase_.decided) {
      return Error::Internal(def_.code + ": step '" + step.id + "' ends with no result decided");
    }
    JUMYS_TRY(End(*kase_.decided, kase_.grounds, {}, {}));
  } else {
    const Step* next = def_.FindStep(target.step);
    if (!next) return Error::Internal(def_.code + ": unknown step '" + target.step + "'");
    JUMYS_TRY(Enter(*next));
  }
  // After the end or the next step, so a message can link the result just issued.
  return NotifyApplicant(outcome.notify, step, task);
}

Status CaseRun::NotifyApplicant(const std::vector<jumys::Notify>& entries, const Step& step,
                                const TaskRow* task) {
  if (!deps_.notifier) return {};
  for (const auto& n : entries) {
    if (n.before_due) continue;
    if (n.to == NotifyRecipient::kEmployers) {
      JUMYS_ASSIGN_OR_RETURN(auto parties, CaseParties(tx_, kase_.id));
      for (const auto& p : parties) {
        if (p.party != kEmployerParty || p.bin.empty()) continue;
        JUMYS_TRY(deps_.notifier->ToEmployer(tx_, p.bin, n.template_name,
                                             {def_, kase_, task, &step}, now_));
      }
      continue;
    }
    JUMYS_TRY(deps_.notifier->ToApplicant(tx_, n.template_name, {def_, kase_, task, &step}, now_));
  }
  return {};
}

// The office that worked `task` becomes the case's own (route A's arrival centre at 6.1); the
// hand-off is kept so that the office that had it still reads it (docs/CASEWORK.md).
Status CaseRun::HandOff(const Step& step, const TaskRow& task) {
  if (task.office_id.empty() || task.office_id == kase_.office_id) return {};
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx_.Query("SELECT COUNT(*) FROM case_handoffs WHERE case_id = $1", {kase_.id}));
  JUMYS_TRY(tx_.Exec(
      "INSERT INTO case_handoffs (case_id, seq, from_office, to_office, step, handed_by, "
      "handed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {kase_.id, rows.Int(0, 0) + 1, kase_.office_id, task.office_id, step.id, actor_, now_text_}));
  events_.push_back({now_text_,
                     actor_,
                     "case.hand_off",
                     "case",
                     std::to_string(kase_.id),
                     task.office_id,
                     {{"from", kase_.office_id}, {"to", task.office_id}, {"step", step.ref}}});
  kase_.office_id = task.office_id;
  return {};
}

Status CaseRun::StartChannel(const ChannelEntry& entry) {
  for (const auto& route : entry.starts) {
    JUMYS_ASSIGN_OR_RETURN(auto failing, FailingGuard(route.guards, nullptr, nullptr, EmptyData()));
    if (failing) continue;
    const Step* step = def_.FindStep(route.step);
    if (!step) return Error::Internal(def_.code + ": unknown start step '" + route.step + "'");
    return Enter(*step);
  }
  return Error::Internal(def_.code + ": no start route holds");
}

Status CaseRun::End(const ResultDecision& decision, std::vector<std::string> grounds,
                    std::vector<std::string> missing, std::vector<std::string> expired) {
  if (!kase_.result || kase_.result->kind != decision.kind) {
    HookContext ctx = Context(nullptr, nullptr, EmptyData());
    JUMYS_TRY(IssueResult(ctx, decision.kind, std::move(grounds), std::move(missing),
                          std::move(expired)));
  }
  kase_.status = CaseEndName(decision.status);
  kase_.closed_at = now_text_;
  events_.push_back({now_text_,
                     actor_,
                     "case.close",
                     "case",
                     std::to_string(kase_.id),
                     kase_.office_id,
                     {{"status", kase_.status},
                      {"result",
                       {{"kind", kase_.result->kind},
                        {"number", kase_.result->number},
                        {"grounds", kase_.result->grounds},
                        {"missing", kase_.result->missing},
                        {"expired", kase_.result->expired}}}}});
  return {};
}

Status CaseRun::Enter(const Step& step) {
  if (!step.InChannel(kase_.channel)) {
    return Error::Internal(def_.code + ": step '" + step.id + "' is not in the case's channel");
  }
  if (step.kind != StepKind::kAutomatic) return OpenTask(step);
  if (++automatic_steps_ > kMaxAutomaticSteps) {
    return Error::Internal(def_.code + ": automatic steps loop at '" + step.id + "'");
  }
  JUMYS_ASSIGN_OR_RETURN(const GuardEntry* blocked,
                         BlockingGuard(step.guards, nullptr, nullptr, EmptyData()));
  if (blocked) {
    return Blocked("case.step_blocked"_msg, "step {step} cannot go on", {{"step", step.ref}},
                   *blocked);
  }
  for (const auto& outcome : step.outcomes) {
    JUMYS_ASSIGN_OR_RETURN(auto failing,
                           FailingGuard(outcome.guards, nullptr, &outcome, EmptyData()));
    if (failing) continue;
    events_.push_back({now_text_,
                       kSystemActor,
                       "step.automatic",
                       "case",
                       std::to_string(kase_.id),
                       kase_.office_id,
                       {{"step", step.id}, {"ref", step.ref}, {"outcome", outcome.id}}});
    JUMYS_TRY(NotifyApplicant(step.notify, step, nullptr));
    return Take(step, outcome, nullptr, EmptyData(), {});
  }
  return Error::Internal(def_.code + ": automatic step '" + step.id + "' has no outcome to take");
}

Status CaseRun::OpenTask(const Step& step) {
  JUMYS_ASSIGN_OR_RETURN(auto office, StepOffice(step, kase_, deps_.offices));
  TaskRow t;
  t.case_id = kase_.id;
  t.step = step.id;
  t.ref = step.ref;
  t.kind = step.kind;
  t.role = step.role;
  t.office_id = office->id;
  t.limit = step.limit ? FormatLimit(*step.limit) : "";
  t.created_at = now_text_;
  if (step.kind == StepKind::kRepeat) {
    t.due_at = FormatRfc3339(AddPeriod(*office, now_, *step.every));
  } else if (step.limit) {
    t.due_at = FormatRfc3339(deps_.calendar.Deadline(*office, now_, *step.limit));
  } else if (step.due_day) {
    t.due_at = FormatRfc3339(deps_.calendar.DueOnDay(*office, now_, *step.due_day));
  }
  if (t.role) {
    auto it = kase_.assignees.find(RoleName(*t.role));
    if (it != kase_.assignees.end()) t.assignee = it->second;
  }
  JUMYS_ASSIGN_OR_RETURN(t.id, InsertTask(tx_, t));
  JUMYS_TRY(NotifyApplicant(step.notify, step, &t));
  if (deps_.notifier && t.kind == StepKind::kUser && t.role && IsApplicantRole(*t.role)) {
    // A step the applicant works: their cabinet inbox (and e-mail) says it awaits them.
    JUMYS_TRY(deps_.notifier->ToApplicant(tx_, kApplicantStepTemplate, {def_, kase_, &t, &step},
                                          now_, "task:" + std::to_string(t.id) + ":awaits"));
  }
  if (deps_.notifier && !t.assignee.empty()) {
    JUMYS_TRY(deps_.notifier->ToStaff(tx_, t.assignee, "task_assigned", {def_, kase_, &t, &step},
                                      now_, "task:" + std::to_string(t.id) + ":assigned"));
  }
  nlohmann::json opened = {
      {"task", t.id}, {"step", t.step}, {"ref", t.ref}, {"office", t.office_id}};
  if (t.role) opened["role"] = RoleName(*t.role);
  if (!t.assignee.empty()) opened["assignee"] = t.assignee;
  if (t.has_due()) opened["due_at"] = t.due_at;
  opened_.push_back(std::move(opened));
  return {};
}

Status CaseRun::ReopenSubject(const nlohmann::json& data) {
  JUMYS_ASSIGN_OR_RETURN(auto subject, FindCaseSubject(tx_, kase_.id));
  if (!subject) {
    return Error::Internal(def_.code + ": case " + kase_.number + " is about no other case");
  }
  ReopenRequest r;
  r.subject_case_id = *subject;
  if (auto it = data.find(kReopenStepField); it != data.end() && it->is_string()) {
    r.step = it->get<std::string>();
  }
  r.by_case_id = kase_.id;
  r.by_case_number = kase_.number;
  r.actor = actor_;
  r.now = now_;
  JUMYS_ASSIGN_OR_RETURN(auto reopened, ReopenCase(deps_, tx_, r));
  events_.push_back({now_text_,
                     actor_,
                     "case.reopened_subject",
                     "case",
                     std::to_string(kase_.id),
                     kase_.office_id,
                     {{"case", reopened.case_id},
                      {"number", reopened.number},
                      {"step", reopened.step},
                      {"opened", reopened.opened}}});
  return {};
}

Status CaseRun::StartFollowUp(const std::string& code) {
  // A follow-up follows a granted result: a case decided as refused or cancelled starts none.
  if (kase_.decided && kase_.decided->status != CaseEnd::kCompleted) return {};
  if (!deps_.catalog)
    return Error::Internal("start_case:" + code + " with no catalog to start from");
  auto found = deps_.catalog->VersionInForce(code, OfficeDate(office_, now_));
  if (!found) return found.error();
  const ProcessDefinition& def = **found;
  if (!def.runnable()) return Error::Internal("start_case: " + code + " is not runnable");
  JUMYS_TRY(deps_.hooks.Covers(def));
  const ChannelEntry* entry = def.FindChannel(Channel::kOffice);
  if (!entry) return Error::Internal("start_case: " + code + " has no office channel");
  CaseRow child;
  child.process = def.code;
  child.version = def.version;
  child.channel = Channel::kOffice;
  child.office_id = kase_.office_id;
  child.applicant_iin = kase_.applicant_iin;
  child.applicant_bin = kase_.applicant_bin;
  child.documents = nlohmann::json::array();
  child.data = nlohmann::json::object();
  child.created_by = actor_;
  child.created_at = child.updated_at = now_text_;
  JUMYS_ASSIGN_OR_RETURN(child.number, NextCaseNumber(tx_, office_, now_));
  JUMYS_ASSIGN_OR_RETURN(child.id, InsertCase(tx_, child));
  CaseRun run(deps_, tx_, def, child, office_, actor_, now_);
  run.events().push_back({now_text_,
                          actor_,
                          "case.create",
                          "case",
                          std::to_string(child.id),
                          child.office_id,
                          {{"number", child.number},
                           {"process", def.code},
                           {"version", def.version},
                           {"channel", ChannelName(child.channel)},
                           {"follows", {{"case", kase_.id}, {"number", kase_.number}}}}});
  JUMYS_TRY(run.StartChannel(*entry));
  run.events().front().data["opened"] = run.opened();
  child.updated_at = now_text_;
  JUMYS_ASSIGN_OR_RETURN(const bool saved, UpdateCase(tx_, child, child.row_version));
  if (!saved) return Error::Internal("follow-up case " + child.number + " changed while starting");
  JUMYS_TRY(storage::AppendAudit(tx_, run.events()));
  events_.push_back({now_text_,
                     actor_,
                     "case.follow_up",
                     "case",
                     std::to_string(kase_.id),
                     kase_.office_id,
                     {{"case", child.id}, {"number", child.number}, {"process", def.code}}});
  return {};
}

}  // namespace jumys
