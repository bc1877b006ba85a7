#pragma once
// A case and its tasks as the engine works on them and the store keeps them (one row each).
// Plain data: the engine decides, engine/case_store.h reads and writes.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/definition.h"

namespace jumys {

// API status of a case: "open" until it ends, then CaseEndName of how it ended.
inline constexpr const char* kCaseOpen = "open";

// Stored instead of NULL for a task without a due time, so the work queue's index orders it
// last on both stores; shown as null.
inline constexpr const char* kNoDueAt = "9999-12-31T23:59:59Z";

// Who completed a task the system took by itself (automatic step, timer, lapsed wait).
inline constexpr const char* kSystemActor = "system";

// The document a case ended with (or will end with, once issued before the end).
struct CaseResult {
  std::string kind;                  // a result kind of the vocabulary
  std::string number;                // the result's registry number
  std::int64_t document_id = 0;      // GET /api/v1/cases/{id}/documents/{document_id}
  std::vector<std::string> grounds;  // refusal grounds cited
  std::vector<std::string> missing;  // intake: required document types not submitted
  std::vector<std::string> expired;  // intake: document types whose validity had run out
};

struct CaseRow {
  std::int64_t id = 0;
  std::string number;  // "KZO-CITY-2026-000042": office, year, sequence
  std::string process;
  std::string version;
  Channel channel = Channel::kOffice;
  std::string office_id;
  std::string applicant_iin;  // exactly one of the two is set
  std::string applicant_bin;
  std::string status = kCaseOpen;
  std::optional<ResultDecision> decided;               // the result settled along the way
  std::vector<std::string> grounds;                    // grounds cited for the decided refusal
  std::map<std::string, std::string> assignees;        // role name -> login appointed for it
  nlohmann::json documents = nlohmann::json::array();  // [{"type", "valid_until"?}]
  nlohmann::json data = nlohmann::json::object();      // the application's data
  std::optional<CaseResult> result;
  std::int64_t row_version = 1;  // optimistic version: every change increments it
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> closed_at;
  // "YYYY-MM-DD": the day the result is due, the filing day plus the channel's service term on
  // the office's calendar; fixed at filing (none without a term). Printed on coupon and receipt.
  std::optional<std::string> result_due_on;
  // RFC 3339: when the provider accepted the request (portal 9.2, effect `mark_accepted`).
  std::optional<std::string> accepted_at;

  bool open() const { return status == kCaseOpen; }
};

struct TaskRow {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string step;
  std::string ref;
  StepKind kind = StepKind::kUser;
  std::optional<Role> role;  // who works it; none for timers and party-only waits
  std::string office_id;     // whose work queue
  std::string assignee;      // "" = anyone of the role at the office
  std::string limit;         // "20min"; "" when the step has none
  std::string created_at;
  std::string due_at = kNoDueAt;
  std::optional<std::string> completed_at;
  std::string completed_by;
  std::string outcome;
  nlohmann::json data = nlohmann::json::object();

  bool open() const { return !completed_at.has_value(); }
  bool has_due() const { return due_at != kNoDueAt; }
};

// How a task stands against its due time, on its office's calendar and hours
// (engine/task_time_left.h).
enum class Urgency : std::uint8_t {
  kOk,
  kNear,     // at most a quarter of the step's working time, from creation to due, is left
  kOverdue,  // the due time has passed
};
const char* UrgencyName(Urgency u);  // "ok" | "near" | "overdue"

struct TaskTimeLeft {
  // Working minutes until the due time, negative once overdue; none without a due time.
  std::optional<std::int64_t> working_minutes;
  Urgency urgency = Urgency::kOk;
};

// A task of the work queue with what the queue shows of its case.
struct QueueTask {
  TaskRow task;
  TaskTimeLeft time_left;  // as of reading the queue
  std::string case_number;
  std::string process;
  std::string version;
  std::optional<std::string> decided_kind;
};

}  // namespace jumys
