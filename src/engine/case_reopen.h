#pragma once
// Reopening a case that has ended, because a case about it (a complaint upheld) says so: the
// case goes back to one of its own user steps with a new task and a fresh deadline on the
// office's calendar. Its result stays as it was issued (annulling a result is another act).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/case_model.h"
#include "engine/case_run.h"
#include "engine/definition_vocabulary.h"
#include "storage/audit_log.h"

namespace jumys {

// The completion field naming the subject's step to reopen at (optional).
inline constexpr const char* kReopenStepField = "reopen_step";

struct ReopenRequest {
  std::int64_t subject_case_id = 0;
  // A user step of the subject's definition in its channel; "" = the last user step whose
  // completed outcome decided the result (where the decision was taken), else the last user
  // step completed.
  std::string step;
  // The case that reopens it (the complaint), named in the subject's timeline.
  std::int64_t by_case_id = 0;
  std::string by_case_number;
  std::string actor;
  Instant now{};
};

struct Reopened {
  std::int64_t case_id = 0;
  std::string number;
  std::string step;
  nlohmann::json opened;  // the tasks opened, as CaseRun::opened()
};

// Reopens the subject inside `tx` and writes it with its own audit event ("case.reopen").
// 422 when the subject is still open (nothing to reopen) or the step named is not one of its
// user steps in its channel; 404 when it does not exist.
Expected<Reopened> ReopenCase(const CaseRunDeps& deps, storage::Tx& tx,
                              const ReopenRequest& request);

// The step a reopened case goes back to (see ReopenRequest::step).
Expected<const Step*> ReopenStep(const ProcessDefinition& def, const CaseRow& kase,
                                 const std::vector<TaskRow>& tasks, const std::string& named);

}  // namespace jumys
