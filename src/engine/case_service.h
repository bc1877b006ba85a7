#pragma once
// The case engine as a service: starts cases, completes tasks, fires timers, and reads cases
// and work queues back. Each change runs in one write transaction (grouped with concurrent
// ones, see storage/write_batcher.h) that writes the case, its tasks and its audit events
// together; a stale change gets kConflict.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/case_engine.h"
#include "engine/case_hooks.h"
#include "engine/case_model.h"
#include "engine/case_relations.h"
#include "engine/case_run.h"
#include "engine/case_store.h"
#include "engine/definition_catalog.h"
#include "storage/database.h"
#include "storage/write_batcher.h"

namespace jumys {

using Clock = std::function<Instant()>;

class CaseService {
 public:
  CaseService(storage::Database& db, const ProcessCatalog& catalog, const OfficeDirectory& offices,
              const CalendarService& calendar, const CaseHooks& hooks, Clock clock);

  struct StartRequest {
    std::string process;
    Channel channel = Channel::kOffice;
    std::string office_id;      // portal: the office the applicant chose; office: "" (the clerk's)
    std::string applicant_iin;  // portal: "" = the signed-in applicant's own
    std::string applicant_bin;
    std::vector<SubmittedDocument> documents;
    nlohmann::json data = nlohmann::json::object();
    // Portal: the verified EDS signature of the request, kept on the case.create audit event.
    nlohmann::json signed_request;
    // Runs first inside the case's write transaction; its error creates nothing. A portal
    // request uses its signed challenge here, so a replayed body creates no second case.
    std::function<Status(storage::Tx&)> within;
    // The case this one is about (a process with `concerns: case`, e.g. a complaint); 0 none.
    // It is filed at the subject's office for the subject's applicant: 404 when the subject
    // does not exist or is not the signed-in applicant's.
    std::int64_t subject_case_id = 0;
    // Only check: everything Start checks, the intake checks included, runs inside a write
    // transaction that is then rolled back; nothing is stored and Start returns 0.
    bool dry_run = false;
  };
  // Starts a case under the version in force today and returns its id. An incomplete or
  // expired document set still makes a case, ended at once as refused. 403 when the actor may
  // not file in this channel (office: clerks; portal: the applicant themself); 422 for an
  // unknown process or one not in force, a channel it lacks, an office that does not provide
  // it, bad identifiers or documents, missing consent.
  Expected<std::int64_t> Start(const Actor& actor, const StartRequest& request);
  // Whether the actor may file (and sign) an application at all: 403 for an employer's drafter
  // (engine/acting.h). Start checks it; a portal route checks it before verifying a signature.
  Status MayFile(const Actor& actor) const;
  // Changes write their definitions' `notify` messages and staff alerts through `notifier`
  // from now on (set once at start-up, before serving).
  void SetNotifier(const Notifier* notifier) { deps_.notifier = notifier; }

  struct CaseDetail {
    CaseRow kase;
    std::vector<TaskRow> tasks;
    std::vector<TaskTimeLeft> time_left;  // of each task, as of loading
    std::vector<CaseEventRow> events;
    std::vector<CaseParty> parties;  // besides the applicant (engine/case_relations.h)
    std::vector<CaseLink> links;
  };

  // Completes a task with an outcome and returns the case as it stands after the change.
  // The roles delegated to a staff actor in force today count as theirs (engine/acting.h).
  // 404 no such task (or not the applicant's), 403 role/office/appointee or an employer's drafter,
  // 409 no longer open or the case changed meanwhile, 422 outcome not offered, data rejected, a
  // guard that does not hold or a signing step's signature that does not verify (see
  // DocumentHooks). `signature`: one for a step signing one document, else one per kind.
  Expected<CaseDetail> Complete(const Actor& actor, std::int64_t task_id,
                                const std::string& outcome, const nlohmann::json& data,
                                const TaskSignatures& signature = {});

  // Casework (engine/case_reassign.cpp): the head of a task's office, or an acting head by a
  // delegation in force, hands an open task to another active holder of its role there. The
  // task's open check: 404 no such task, 403 task.reassign_by_head (not the head of the task's
  // office), 409 task.not_open, 422 task.not_reassignable (no role: timers, party waits).
  Expected<TaskRow> ReassignableTask(const Actor& actor, std::int64_t task_id);
  // Reassigns and returns the case. The case's appointee for the role, if it has one, follows
  // (later steps of that role go to the new holder too). 422 task.assignee_not_staff, 409
  // task.already_assigned; audited as task.reassign on the case.
  Expected<CaseDetail> Reassign(const Actor& actor, std::int64_t task_id, const std::string& login,
                                const std::string& reason);

  // Fires the timer, wait and repeat tasks due by now (at most `max`); returns how many fired.
  Expected<int> FireDue(int max = 100);

  Expected<CaseDetail> Load(std::int64_t case_id);
  // Who a case belongs to (its office, its tasks' offices, its applicant), and a task (its
  // office, its case's applicant): the router's scope check. nullopt when there is none.
  Expected<std::optional<RecordOwner>> CaseOwner(std::int64_t case_id);
  Expected<std::optional<RecordOwner>> TaskOwner(std::int64_t task_id);
  Expected<std::vector<CaseRow>> List(const CaseFilter& filter);
  // The cases about `subject_case_id` (its complaints), oldest first, with their tasks.
  Expected<std::vector<CaseDetail>> ListAbout(std::int64_t subject_case_id);
  Expected<std::vector<QueueTask>> Queue(const Actor& actor, int limit,
                                         std::optional<std::pair<std::string, std::int64_t>> after);
  // A task's time left at `now` (a completed task: at its completion), on the calendar and
  // hours of the office whose queue holds it.
  TaskTimeLeft TimeLeft(const TaskRow& task, Instant now) const;

  // Whether new cases may start under `def`: runnable, with every guard and effect it names
  // implemented (422 naming the first missing one otherwise).
  Status Offered(const ProcessDefinition& def) const;
  // The definition a case runs under (kept for its whole life).
  Expected<ProcessCatalog::DefinitionPtr> DefinitionOf(const std::string& process,
                                                       const std::string& version) const;
  const ProcessCatalog& catalog() const { return catalog_; }
  const OfficeDirectory& offices() const { return offices_; }
  Instant Now() const { return clock_(); }

 private:
  struct Filing {
    std::shared_ptr<const Office> office;
    std::string iin, bin;
  };
  Expected<Filing> CheckFiling(const Actor& actor, const StartRequest& request) const;
  // The subject of a filing about a case, with the request's office and applicant set to its.
  Expected<std::optional<CaseRow>> Subject(const Actor& actor, StartRequest& request) const;
  // `via_list`: the number of the decision list recording its outcome (decision_lists.h);
  // without it an outcome that a list decides is refused (409 task.decided_on_list).
  Expected<std::int64_t> CompleteIn(storage::Tx& tx, const Actor& actor, std::int64_t task_id,
                                    const std::string& outcome, const nlohmann::json& data,
                                    const TaskSignatures& signature, Instant now,
                                    const std::string* via_list = nullptr);
  Status CheckAssignee(storage::Tx& tx, const std::string& login, const TaskRow& task,
                       Role role) const;
  Expected<bool> FireIn(storage::Tx& tx, std::int64_t task_id, Instant now);
  struct Reassignable {
    TaskRow task;
    CaseRow kase;
    nlohmann::json capacity;  // {acting_for, delegation} when acting, else empty
  };
  Expected<Reassignable> CheckReassign(storage::Tx& tx, const Actor& actor, std::int64_t task_id,
                                       Instant now) const;
  Status Save(storage::Tx& tx, CaseRow& kase, std::int64_t loaded_version,
              std::vector<storage::AuditEvent>& events);

  // Decides and records over lists of cases in this service's transactions.
  friend class DecisionListService;

  storage::Database& db_;
  const ProcessCatalog& catalog_;
  const OfficeDirectory& offices_;
  CaseRunDeps deps_;
  Clock clock_;
  storage::WriteBatcher writer_;
};

}  // namespace jumys
