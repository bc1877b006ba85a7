#pragma once
// One change of one case inside a write transaction: takes outcomes, runs guards and effects,
// opens the next tasks with their deadlines, runs automatic steps at once, and ends the case
// with its result. Collects the audit events; the caller writes the case and the events.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/case_hooks.h"
#include "engine/case_model.h"
#include "engine/definition.h"
#include "engine/definition_catalog.h"
#include "storage/audit_log.h"

namespace jumys {

class Notifier;

struct CaseRunDeps {
  const OfficeDirectory& offices;
  const CalendarService& calendar;
  const CaseHooks& hooks;
  const Notifier* notifier = nullptr;  // none: changes write no notifications (engine tests)
  // The definitions a `start_case:<code>` effect starts a follow-up case from; none: such an
  // effect fails.
  const ProcessCatalog* catalog = nullptr;
};

class CaseRun {
 public:
  CaseRun(const CaseRunDeps& deps, storage::Tx& tx, const ProcessDefinition& def, CaseRow& kase,
          const Office& office, std::string actor, Instant now);

  // The first guard that does not hold (its failure_key and failure say why), or nullptr when
  // all hold.
  Expected<const GuardEntry*> BlockingGuard(const std::vector<std::string>& guards,
                                            const TaskRow* task, const Outcome* outcome,
                                            const nlohmann::json& data);
  // The English failure message of BlockingGuard, or nullopt when all hold.
  Expected<std::optional<std::string>> FailingGuard(const std::vector<std::string>& guards,
                                                    const TaskRow* task, const Outcome* outcome,
                                                    const nlohmann::json& data);
  // Why a step or an outcome cannot go on: the guard's message is the error's detail, and ends
  // the English message.
  static Error Blocked(MessageKey key, std::string_view english, MessageParams params,
                       const GuardEntry& guard);
  Status RunEffects(const std::vector<std::string>& effects, const TaskRow* task,
                    const Outcome* outcome, const nlohmann::json& data);
  // The intake checks of a filing: the first error refuses it.
  Status RunChecks(const std::vector<std::string>& checks, const nlohmann::json& data);

  // Takes `outcome` of `step` (its task, if any, already completed): settles the result it
  // decides (with the grounds cited), runs the step's and the outcome's effects, and follows
  // it to the next step or to the end of the case.
  Status Take(const Step& step, const Outcome& outcome, const TaskRow* task,
              const nlohmann::json& data, const std::vector<std::string>& grounds);
  // Enters a channel's start step (the first route whose guards hold).
  Status StartChannel(const ChannelEntry& entry);
  // Ends the case at once with `decision` (intake refusal): issues its result.
  Status End(const ResultDecision& decision, std::vector<std::string> grounds,
             std::vector<std::string> missing, std::vector<std::string> expired);

  // A signing step's completion: the document hooks verify `signatures` over the step's drafts
  // (kept for the effects that issue the signed documents). Nothing to check without them.
  Status CheckSignature(const TaskRow& task, const nlohmann::json& data,
                        const TaskSignatures& signatures);

  // Enters a step: opens its task, or runs it at once when automatic.
  Status Enter(const Step& step);

  std::vector<storage::AuditEvent>& events() { return events_; }
  // The tasks opened by this change: [{"task", "step", "role", "office", "due_at"}].
  const nlohmann::json& opened() const { return opened_; }
  const std::string& now_text() const { return now_text_; }

 private:
  Status OpenTask(const Step& step);
  Status HandOff(const Step& step, const TaskRow& task);
  // `start_case:<code>`: unless this case's decided result is a refusal or a cancellation,
  // starts a case of `code` (the version in force today) for the same
  // applicant at the same office in the office channel, in this transaction, written at once
  // with its own audit events; this case's events name it ("case.follow_up").
  Status StartFollowUp(const std::string& code);
  // `reopen_subject_case`: reopens the case this one is about (engine/case_reopen.h) at the
  // step the completion's `reopen_step` names, or at its last step staff decided on.
  Status ReopenSubject(const nlohmann::json& data);
  // The step's or outcome's `notify` entries that are sent at once (not `before_due`).
  Status NotifyApplicant(const std::vector<jumys::Notify>& entries, const Step& step,
                         const TaskRow* task);
  HookContext Context(const TaskRow* task, const Outcome* outcome, const nlohmann::json& data);

  const CaseRunDeps& deps_;
  storage::Tx& tx_;
  const ProcessDefinition& def_;
  CaseRow& kase_;
  const Office& office_;
  std::string actor_;
  Instant now_;
  std::string now_text_;
  std::vector<storage::AuditEvent> events_;
  nlohmann::json opened_ = nlohmann::json::array();
  int automatic_steps_ = 0;
  const TaskSignatures* signatures_ = nullptr;
};

}  // namespace jumys
