#pragma once
// Each user task's working time, written in the transaction that completes it: its office, the
// office's date of completion, the process, version and step, the working minutes on the
// office's calendar and hours, and whether it overran its due time. The analyst's SLA table
// (docs/ANALYTICS.md) reads these few columns instead of every task of a year.
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/case_model.h"
#include "storage/database.h"

namespace jumys {

// The row of a user task of `process`/`version` completed at `completed` by its own office.
Status RecordTaskDuration(storage::Tx& tx, const TaskRow& task, const std::string& process,
                          const std::string& version, const Office& office,
                          const WorkCalendar& calendar, Instant completed);

// Writes the rows of completed user tasks that have none (those completed before the table
// existed), a batch per transaction; returns how many it wrote.
Expected<std::int64_t> FillMissingTaskDurations(storage::Database& db,
                                                const OfficeDirectory& offices,
                                                const CalendarService& calendar);
// The same once per store: at the first start after the migration that made the table.
Expected<std::int64_t> FillTaskDurationsOnce(storage::Database& db, const OfficeDirectory& offices,
                                             const CalendarService& calendar, Instant now);

// The completed tasks of one step of one office in a period.
struct StepDurations {
  std::string office_id, process, version, step;
  std::int64_t late = 0;
  std::vector<std::int64_t> minutes;  // working minutes, ascending; one per task
};
struct StepDurationQuery {
  Date from, to;  // the office's dates of completion, both included
  std::vector<std::string> office_ids;
  std::string process;  // "" every process
};
Expected<std::vector<StepDurations>> ListStepDurations(storage::Tx& tx, storage::Dialect dialect,
                                                       const StepDurationQuery& q);

}  // namespace jumys
