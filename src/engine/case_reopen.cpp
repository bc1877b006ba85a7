#include "engine/case_reopen.h"

#include "engine/case_store.h"

namespace jumys {

Expected<const Step*> ReopenStep(const ProcessDefinition& def, const CaseRow& kase,
                                 const std::vector<TaskRow>& tasks, const std::string& named) {
  auto usable = [&](const Step* s) {
    return s && s->kind == StepKind::kUser && s->InChannel(kase.channel);
  };
  if (!named.empty()) {
    const Step* step = def.FindStep(named);
    if (!usable(step)) {
      return FieldError(ErrorCode::kUnprocessable, std::string("data.") + kReopenStepField,
                        "case.reopen_step_unknown"_msg,
                        "'{step}' is not a step of case {number} that staff work",
                        {{"step", named}, {"number", kase.number}});
    }
    return step;
  }
  // The last staff step whose outcome decided the result is where the decision complained
  // about was taken; failing one, the last staff step worked.
  for (const bool deciding : {true, false}) {
    for (auto t = tasks.rbegin(); t != tasks.rend(); ++t) {
      if (t->open() || t->kind != StepKind::kUser) continue;
      const Step* step = def.FindStep(t->step);
      if (!usable(step)) continue;
      const Outcome* outcome = step->FindOutcome(t->outcome);
      if (!deciding || (outcome && outcome->decides)) return step;
    }
  }
  return Error::Unprocessable("case.reopen_no_step"_msg,
                              "case {number} has no step worked by staff to go back to",
                              {{"number", kase.number}});
}

Expected<Reopened> ReopenCase(const CaseRunDeps& deps, storage::Tx& tx,
                              const ReopenRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto found, FindCase(tx, request.subject_case_id));
  if (!found) return Error::NotFound("case.not_found"_msg, "no such case");
  CaseRow subject = std::move(*found);
  if (subject.open()) {
    return Error::Unprocessable("case.reopen_open"_msg,
                                "case {number} is still open: there is nothing to reopen",
                                {{"number", subject.number}});
  }
  if (!deps.catalog) return Error::Internal("reopen with no catalog of definitions");
  auto def_ptr = deps.catalog->Find(subject.process, subject.version);
  if (!def_ptr) {
    return Error::Internal("case runs under " + subject.process + "/" + subject.version +
                           ", not loaded");
  }
  const ProcessDefinition& def = **def_ptr;
  auto office = deps.offices.Find(subject.office_id);
  if (!office) return Error::Internal("case office " + subject.office_id + " is not loaded");
  JUMYS_ASSIGN_OR_RETURN(auto tasks, ListCaseTasks(tx, subject.id));
  JUMYS_ASSIGN_OR_RETURN(const Step* step, ReopenStep(def, subject, tasks, request.step));

  const std::string was = subject.status;
  const std::optional<std::string> closed_at = subject.closed_at;
  // Open again; the decided result and the issued result stay as they are, so the steps
  // after this one run as they did and a new result is issued only if it differs.
  subject.status = kCaseOpen;
  subject.closed_at.reset();
  const std::int64_t loaded_version = subject.row_version;
  CaseRun run(deps, tx, def, subject, *office, request.actor, request.now);
  JUMYS_TRY(run.Enter(*step));
  nlohmann::json data = {{"by", {{"case", request.by_case_id}, {"number", request.by_case_number}}},
                         {"step", step->id},
                         {"ref", step->ref},
                         {"was", was},
                         {"opened", run.opened()}};
  if (closed_at) data["closed_at"] = *closed_at;
  if (subject.result)
    data["result"] = {{"kind", subject.result->kind}, {"number", subject.result->number}};
  // First in the subject's events, before what entering the step wrote.
  run.events().insert(
      run.events().begin(),
      storage::AuditEvent{run.now_text(), request.actor, "case.reopen", "case",
                          std::to_string(subject.id), subject.office_id, std::move(data)});
  subject.updated_at = run.now_text();
  JUMYS_ASSIGN_OR_RETURN(const bool saved, UpdateCase(tx, subject, loaded_version));
  if (!saved) {
    return Error::Conflict("case.changed_meanwhile"_msg,
                           "the case changed meanwhile; reload it and try again");
  }
  JUMYS_TRY(storage::AppendAudit(tx, run.events()));
  return Reopened{subject.id, subject.number, step->id, run.opened()};
}

}  // namespace jumys
