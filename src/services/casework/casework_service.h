#pragma once
// Case-management basics for an office's staff (issue 16, item 6; docs/CASEWORK.md): internal
// notes on a case, which the applicant never sees, and the office dashboard of open tasks by
// step and by how near their due time is on the working calendar. (Reassigning a task is the
// engine's: CaseService::Reassign.)
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "core/work_calendar.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/case_model.h"
#include "engine/definition_catalog.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys::casework {

struct CaseNote {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string author, author_name;
  std::string text;
  std::string at;  // RFC 3339
};

// How near a task's due time is, on its office's calendar, seen at `now`.
enum class DueBucket : std::uint8_t {
  kOverdue,  // the due time has passed
  kToday,    // due later today (the office's date)
  kSoon,     // due within the next three working days after today
  kLater,    // due after that
  kNone,     // no due time
};
const char* DueBucketName(DueBucket b);  // overdue | today | soon | later | none
inline constexpr int kSoonWorkingDays = 3;
DueBucket BucketOf(const WorkCalendar& calendar, const Office& office, const std::string& due_at,
                   Instant now);

struct DashboardStep {
  std::string process, version, step, ref, role;
  std::int64_t counts[5] = {0, 0, 0, 0, 0};  // by DueBucket
  std::int64_t total = 0;
};
struct DashboardTask {
  std::int64_t task_id = 0, case_id = 0;
  std::string case_number, process, version, step, ref, role, assignee, due_at;
  DueBucket bucket = DueBucket::kNone;
};
struct Dashboard {
  std::string office_id;
  std::string today;       // the office's date, YYYY-MM-DD
  std::string soon_until;  // the last day counted as "soon"
  std::int64_t counts[5] = {0, 0, 0, 0, 0};
  std::int64_t total = 0;
  std::vector<DashboardStep> steps;  // by process, version, place of the step in its definition
  std::vector<DashboardTask> tasks;  // by due time, at most kMaxTasks
  bool truncated = false;
  static constexpr int kMaxTasks = 2000;
};

class CaseworkService {
 public:
  CaseworkService(storage::Database& db, const OfficeDirectory& offices,
                  const CalendarService& calendar, const ProcessCatalog& catalog,
                  Clock clock = SystemNow);

  // The case's notes, oldest first. Staff of the case's own office only: 403
  // case_note.other_office for others (the router has already answered 404 outside the scope
  // and 403 to applicants); 404 for a missing case.
  Expected<std::vector<CaseNote>> Notes(const Actor& actor, std::int64_t case_id) const;
  // Adds a note (1-2000 characters after trimming; 422 case_note.empty). Audited as
  // case_note.create, without its text: the case's timeline, which the applicant reads, never
  // holds it.
  Expected<CaseNote> AddNote(const Actor& actor, std::int64_t case_id, const std::string& text);

  // The open staff tasks of the actor's office (422 office.unknown without one).
  Expected<Dashboard> OfficeDashboard(const Actor& actor) const;

 private:
  Status MayUseNotes(storage::Tx& tx, const Actor& actor, std::int64_t case_id) const;

  storage::Database& db_;
  const OfficeDirectory& offices_;
  const CalendarService& calendar_;
  const ProcessCatalog& catalog_;
  Clock clock_;
};

}  // namespace jumys::casework
