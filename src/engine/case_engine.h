#pragma once
// The engine's rules as pure functions over a definition, a case and its tasks: intake,
// which outcomes a task offers, who may complete it, what a completion must carry, where a
// step's task is worked. No store and no clock: case_service.h runs them in a transaction.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/case_model.h"
#include "engine/definition.h"

namespace jumys {

struct SubmittedDocument {
  std::string type;
  std::optional<Date> valid_until;
};

struct IntakeCheck {
  std::vector<std::string> missing;  // required types not submitted, in checklist order
  std::vector<std::string> expired;  // types that must be valid but ran out before `today`
  bool accepted() const { return missing.empty() && expired.empty(); }
};

// Checks a submitted set against the checklist of `channel`. A type the process does not ask
// for, or one given twice, is invalid input (422), not a reason to refuse the application.
Expected<IntakeCheck> CheckIntake(const ProcessDefinition& def, Channel channel,
                                  const std::vector<SubmittedDocument>& documents, Date today);

// The outcomes a task of `step` offers now, in the definition's order (the positive one
// first): those whose when_result matches the decided result; a wait's timeout is left to the
// system.
std::vector<const Outcome*> OfferedOutcomes(const Step& step,
                                            const std::optional<std::string>& decided_kind);

// Who may complete a task: staff of the task's role and office (the appointee only, once the
// head named one); for a wait on the applicant, the applicant. 403 otherwise; 404 for an
// applicant asking about someone else's case. Timers are the system's (403).
// `employer_parties`: the BINs of the case's employer parties, who work its employer steps.
Status MayComplete(const Actor& actor, const CaseRow& kase, const TaskRow& task, const Step& step,
                   const std::vector<std::string>& employer_parties = {});

// Whether an applicant account is the case's applicant.
bool IsApplicantOf(const Actor& actor, const CaseRow& kase);

struct ValidatedCompletion {
  const Outcome* outcome = nullptr;
  std::vector<std::string> grounds;  // requires_grounds: the codes cited
  std::string assignee;              // the step appoints: the login named
};

// Checks a completion against the step: an offered outcome, refusal grounds (a non-empty list
// of codes from the process's list for the result refused with), an appointee when the step
// appoints. 422 naming what is wrong; the appointee's account is checked by the caller.
Expected<ValidatedCompletion> ValidateCompletion(const ProcessDefinition& def, const Step& step,
                                                 const CaseRow& kase, const std::string& outcome,
                                                 const nlohmann::json& data);

// The office whose queue gets a step's task: the case's office, its oblast department, or the
// destination office named in the application (data.destination_office). 422 if there is none.
Expected<std::shared_ptr<const Office>> StepOffice(const Step& step, const CaseRow& kase,
                                                   const OfficeDirectory& offices);

// One period later on the office's wall clock (repeat steps); a month from the 31st ends on
// the last day of the shorter month.
Instant AddPeriod(const Office& office, Instant from, RepeatPeriod period);

}  // namespace jumys
