#pragma once
// The SLA report (issue 3, item 6): for each step, how many tasks were completed, the median
// and 90th percentile of the working time they took, and how many overran the legal limit.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/case_store.h"
#include "engine/definition_catalog.h"

namespace jumys::storage {
class Database;
}

namespace jumys {

struct SlaStepRow {
  std::string process, version, step, ref, role, limit;
  std::int64_t count = 0;
  std::int64_t median_minutes = 0;  // working minutes, nearest-rank percentiles
  std::int64_t p90_minutes = 0;
  std::int64_t breaches = 0;  // completed after the due time
};

// Groups completed tasks by (process, version, step), ordered by process, version and the
// step's place in its definition. Working time is counted on each task's office calendar.
std::vector<SlaStepRow> BuildSlaReport(const std::vector<CompletedTaskRow>& tasks,
                                       const ProcessCatalog& catalog,
                                       const OfficeDirectory& offices,
                                       const CalendarService& calendar);

// The p-th percentile (0 < p <= 1) of sorted values by the nearest-rank method; 0 if empty.
std::int64_t NearestRank(const std::vector<std::int64_t>& sorted, double p);

// "process,version,step,ref,role,limit,count,median_minutes,p90_minutes,breaches" + a row each.
std::string SlaCsv(const std::vector<SlaStepRow>& rows);

// A task completed after its due time: the drill-down from a step's breaches to the cases.
struct SlaLateTask {
  std::int64_t case_id = 0;
  std::string case_number, process, version, step, ref, office_id, completed_by;
  std::string due_at, completed_at;
  std::int64_t overrun_minutes = 0;  // working minutes past the due time
};
// The late tasks among `tasks`, by completion time, oldest first.
std::vector<SlaLateTask> LateTasks(const std::vector<CompletedTaskRow>& tasks,
                                   const OfficeDirectory& offices, const CalendarService& calendar);
// "case_number,process,version,step,ref,office,completed_by,due_at,completed_at,overrun_minutes".
std::string SlaLateCsv(const std::vector<SlaLateTask>& rows);

struct SlaReportQuery {
  Date from, to;       // completion dates on each office's own clock, both included
  std::string office;  // one office of `visible_offices`; "" all of them
  std::vector<std::string> visible_offices;  // the caller's scope
  std::string process;                       // a process code; "" every process
  std::string employee;                      // who completed the tasks (login); "" everyone
};

struct SlaSummaryQuery {
  Date from, to;                        // completion dates on each office's own clock
  std::vector<std::string> office_ids;  // checked by the caller
  std::string process;                  // "" every process
};

struct SlaReportResult {
  std::vector<std::string> office_ids;  // the offices reported on
  std::vector<SlaStepRow> steps;
  std::vector<SlaLateTask> late;
};

// The report as an XLSX workbook: a sheet of steps and a sheet of the late cases.
Expected<std::string> SlaXlsx(const SlaReportResult& report);

// 422 when `to` is before `from` or the period is longer than `max_days`.
Status CheckReportPeriod(Date from, Date to, int max_days);

// The SLA report read from the store: the period, office and process are checked here.
class SlaReports {
 public:
  static constexpr int kMaxDays = 366;

  SlaReports(storage::Database& db, const ProcessCatalog& catalog, const OfficeDirectory& offices,
             const CalendarService& calendar);

  // 422 when `to` is before `from`, the period is longer than kMaxDays or the process is
  // unknown; 404 when the office is not in the caller's scope.
  Expected<SlaReportResult> Build(const SlaReportQuery& q) const;
  // The steps of each office apart, in office order (the analyst's dashboards), from the
  // durations recorded at completion (engine/task_durations.h): the report's figures as long as
  // no working day of the period was changed afterwards. Role and limit are left empty.
  Expected<std::vector<std::pair<std::string, std::vector<SlaStepRow>>>> StepsByOffice(
      const SlaSummaryQuery& q) const;

 private:
  // 422 for a process code no definition has.
  Status CheckProcess(const std::string& process) const;
  // The tasks completed in the period on their office's own clock; q.office_ids is set to the
  // offices reported on.
  Expected<std::vector<CompletedTaskRow>> Completed(const SlaReportQuery& in,
                                                    CompletedTaskQuery& q) const;

  storage::Database& db_;
  const ProcessCatalog& catalog_;
  const OfficeDirectory& offices_;
  const CalendarService& calendar_;
};

}  // namespace jumys
