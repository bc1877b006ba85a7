#pragma once
// Named SQL for cases, tasks, result documents and case numbers. Every function runs inside
// the caller's transaction, so a case change, its tasks and its audit events commit together.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/case_model.h"
#include "storage/database.h"

namespace jumys {

// The next number of a per-office yearly sequence ("case", "result"), starting at 1. Safe
// under concurrent writers on both stores (one upsert, no read-then-write).
Expected<std::int64_t> NextCounter(storage::Tx& tx, const std::string& office_id, int year,
                                   const std::string& kind);

// Inserts the case (id ignored, row_version as given) and returns its id.
Expected<std::int64_t> InsertCase(storage::Tx& tx, const CaseRow& c);
// Writes every mutable field and sets row_version = expected_version + 1, only if the stored
// row still has expected_version. false: someone changed the case meanwhile.
Expected<bool> UpdateCase(storage::Tx& tx, const CaseRow& c, std::int64_t expected_version);
Expected<std::optional<CaseRow>> FindCase(storage::Tx& tx, std::int64_t id);
// The cases with the given ids that exist, by id, in one query (no query for none).
Expected<std::vector<CaseRow>> FindCases(storage::Tx& tx, const std::vector<std::int64_t>& ids);

// A case about another case (migration 15: case_subjects): a complaint and its subject.
Status InsertCaseSubject(storage::Tx& tx, std::int64_t case_id, std::int64_t subject_case_id,
                         const std::string& created_at);
// The case `case_id` is about; nullopt when it is about none.
Expected<std::optional<std::int64_t>> FindCaseSubject(storage::Tx& tx, std::int64_t case_id);
// The cases about `subject_case_id`, oldest first.
Expected<std::vector<CaseRow>> ListCasesAbout(storage::Tx& tx, std::int64_t subject_case_id);

struct CaseFilter {
  // Scope: the offices a staff member sees, or one applicant's identifier. Exactly one of
  // office_ids (non-empty) or an applicant identifier is set.
  std::vector<std::string> office_ids;
  std::string applicant_iin;
  std::string applicant_bin;
  // Optional filters (API: number, iin, bin, process, status).
  std::string number, iin, bin, process, status;
  std::int64_t before_id = 0;  // cursor: only cases with id < before_id; 0 = from the newest
  int limit = 50;
};
// Newest first.
Expected<std::vector<CaseRow>> ListCases(storage::Tx& tx, const CaseFilter& filter);

// Inserts the task (id ignored) and returns its id.
Expected<std::int64_t> InsertTask(storage::Tx& tx, const TaskRow& t);
// Completes the task only if it is still open. false: it was completed already.
Expected<bool> CompleteTaskRow(storage::Tx& tx, std::int64_t task_id,
                               const std::string& completed_at, const std::string& completed_by,
                               const std::string& outcome, const nlohmann::json& data);
// Sets an open task's assignee. false: it was completed meanwhile.
Expected<bool> ReassignTaskRow(storage::Tx& tx, std::int64_t task_id, const std::string& assignee);
Expected<std::optional<TaskRow>> FindTask(storage::Tx& tx, std::int64_t id);
// In creation order.
Expected<std::vector<TaskRow>> ListCaseTasks(storage::Tx& tx, std::int64_t case_id);

struct QueueQuery {
  std::string office_id;
  std::vector<Role> roles;
  std::string login;  // tasks assigned to someone else are left out
  int limit = 100;
  // Cursor: tasks after (due_at, id) in queue order.
  std::optional<std::pair<std::string, std::int64_t>> after;
};
// Open tasks by due time, then id: the work queue.
Expected<std::vector<QueueTask>> ListQueue(storage::Tx& tx, const QueueQuery& query);
// Open tasks worked by staff (a role) at one office, by due time then id, at most `limit`:
// the office dashboard.
Expected<std::vector<QueueTask>> ListOpenOfficeTasks(storage::Tx& tx, const std::string& office_id,
                                                     int limit);
// Open timer, wait and repeat tasks whose due time has come, oldest first.
Expected<std::vector<TaskRow>> ListDueSystemTasks(storage::Tx& tx, const std::string& now,
                                                  int limit);

struct DocumentRow {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string kind;
  std::string number;
  std::string office_id;
  std::string issued_at;
  std::string issued_by;
  nlohmann::json data = nlohmann::json::object();  // grounds, missing, expired
  std::optional<std::string> delivered_at;
};
Expected<std::int64_t> InsertDocument(storage::Tx& tx, const DocumentRow& d);
Expected<std::optional<DocumentRow>> FindDocument(storage::Tx& tx, std::int64_t case_id,
                                                  std::int64_t document_id);
Status MarkDocumentDelivered(storage::Tx& tx, std::int64_t document_id, const std::string& at);

// The case's timeline: its audit events (entity "case"), oldest first, reads left out.
struct CaseEventRow {
  std::int64_t seq = 0;
  std::string at, actor, action;
  std::string data;  // the event's JSON object as stored (canonical), passed on unparsed
};
Expected<std::vector<CaseEventRow>> ListCaseEvents(storage::Tx& tx, std::int64_t case_id);

// Completed user tasks for the SLA report.
struct CompletedTaskRow {
  std::string process, version, step, ref, role, office_id, limit;
  std::string created_at, due_at, completed_at;
  std::string completed_by;
  std::int64_t case_id = 0;
  std::string case_number;
};
struct CompletedTaskQuery {
  std::string completed_from;  // inclusive, RFC 3339
  std::string completed_to;    // exclusive
  std::vector<std::string> office_ids;
  std::string process;       // "" = every process
  std::string completed_by;  // a staff login; "" = everyone's
};
Expected<std::vector<CompletedTaskRow>> ListCompletedTasks(storage::Tx& tx,
                                                           const CompletedTaskQuery& q);

}  // namespace jumys
