#include "engine/sla_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "core/csv.h"
#include "engine/case_model.h"
#include "engine/case_results.h"
#include "engine/sla_working_minutes.h"
#include "engine/task_durations.h"
#include "rendering/xlsx_workbook.h"
#include "storage/database.h"

namespace jumys {

namespace {

struct Group {
  SlaStepRow row;
  std::size_t step_index = 0;
  std::vector<std::int64_t> minutes;
};

std::size_t StepIndex(const ProcessCatalog& catalog, const std::string& process,
                      const std::string& version, const std::string& step) {
  auto def = catalog.Find(process, version);
  if (!def) return SIZE_MAX;
  const auto& steps = (*def)->steps;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].id == step) return i;
  }
  return SIZE_MAX;
}

// The groups' percentiles, in the order of the steps in their definitions.
std::vector<SlaStepRow> Ordered(std::vector<Group*> groups) {
  for (Group* g : groups) {
    std::sort(g->minutes.begin(), g->minutes.end());
    g->row.median_minutes = NearestRank(g->minutes, 0.5);
    g->row.p90_minutes = NearestRank(g->minutes, 0.9);
  }
  std::sort(groups.begin(), groups.end(), [](const Group* a, const Group* b) {
    return std::tie(a->row.process, a->row.version, a->step_index, a->row.step) <
           std::tie(b->row.process, b->row.version, b->step_index, b->row.step);
  });
  std::vector<SlaStepRow> out;
  out.reserve(groups.size());
  for (const Group* g : groups) out.push_back(g->row);
  return out;
}

}  // namespace

std::int64_t NearestRank(const std::vector<std::int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

std::vector<SlaStepRow> BuildSlaReport(const std::vector<CompletedTaskRow>& tasks,
                                       const ProcessCatalog& catalog,
                                       const OfficeDirectory& offices,
                                       const CalendarService& calendar) {
  auto cal = calendar.Current();
  std::map<std::tuple<std::string, std::string, std::string>, Group> groups;
  for (const auto& t : tasks) {
    auto office = offices.Find(t.office_id);
    auto created = ParseRfc3339(t.created_at);
    auto completed = ParseRfc3339(t.completed_at);
    if (!office || !created || !completed) continue;
    Group& g = groups[{t.process, t.version, t.step}];
    if (g.row.count == 0) {
      g.row = {t.process, t.version, t.step, t.ref, t.role, t.limit, 0, 0, 0, 0};
      g.step_index = StepIndex(catalog, t.process, t.version, t.step);
    }
    ++g.row.count;
    if (t.due_at != kNoDueAt && t.completed_at > t.due_at) ++g.row.breaches;
    g.minutes.push_back(
        WorkingMinutesBetween(*cal, office->hours, office->time_zone, *created, *completed));
  }
  std::vector<Group*> all;
  for (auto& [key, g] : groups) all.push_back(&g);
  return Ordered(std::move(all));
}

std::string SlaCsv(const std::vector<SlaStepRow>& rows) {
  std::string out =
      "process,version,step,ref,role,limit,count,median_minutes,p90_minutes,breaches\r\n";
  for (const auto& r : rows) {
    out += CsvField(r.process) + ',' + CsvField(r.version) + ',' + CsvField(r.step) + ',' +
           CsvField(r.ref) + ',' + CsvField(r.role) + ',' + CsvField(r.limit) + ',' +
           std::to_string(r.count) + ',' + std::to_string(r.median_minutes) + ',' +
           std::to_string(r.p90_minutes) + ',' + std::to_string(r.breaches) + "\r\n";
  }
  return out;
}

std::vector<SlaLateTask> LateTasks(const std::vector<CompletedTaskRow>& tasks,
                                   const OfficeDirectory& offices,
                                   const CalendarService& calendar) {
  auto cal = calendar.Current();
  std::vector<SlaLateTask> out;
  for (const auto& t : tasks) {
    if (t.due_at == kNoDueAt || t.completed_at <= t.due_at) continue;
    auto office = offices.Find(t.office_id);
    auto due = ParseRfc3339(t.due_at);
    auto completed = ParseRfc3339(t.completed_at);
    if (!office || !due || !completed) continue;
    out.push_back(
        {t.case_id, t.case_number, t.process, t.version, t.step, t.ref, t.office_id, t.completed_by,
         t.due_at, t.completed_at,
         WorkingMinutesBetween(*cal, office->hours, office->time_zone, *due, *completed)});
  }
  std::stable_sort(out.begin(), out.end(), [](const SlaLateTask& a, const SlaLateTask& b) {
    return a.completed_at < b.completed_at;
  });
  return out;
}

std::string SlaLateCsv(const std::vector<SlaLateTask>& rows) {
  std::string out =
      "case_number,process,version,step,ref,office,completed_by,due_at,completed_at,"
      "overrun_minutes\r\n";
  for (const auto& r : rows) {
    out += CsvField(r.case_number) + ',' + CsvField(r.process) + ',' + CsvField(r.version) + ',' +
           CsvField(r.step) + ',' + CsvField(r.ref) + ',' + CsvField(r.office_id) + ',' +
           CsvField(r.completed_by) + ',' + CsvField(r.due_at) + ',' + CsvField(r.completed_at) +
           ',' + std::to_string(r.overrun_minutes) + "\r\n";
  }
  return out;
}

Expected<std::string> SlaXlsx(const SlaReportResult& report) {
  rendering::XlsxSheet steps{"SLA",
                             {"process", "version", "step", "ref", "role", "limit", "count",
                              "median_minutes", "p90_minutes", "breaches"},
                             {}};
  for (const auto& r : report.steps) {
    steps.rows.push_back({r.process, r.version, r.step, r.ref, r.role, r.limit, r.count,
                          r.median_minutes, r.p90_minutes, r.breaches});
  }
  rendering::XlsxSheet late{"Late cases",
                            {"case_number", "process", "version", "step", "ref", "office",
                             "completed_by", "due_at", "completed_at", "overrun_minutes"},
                            {}};
  for (const auto& r : report.late) {
    late.rows.push_back({r.case_number, r.process, r.version, r.step, r.ref, r.office_id,
                         r.completed_by, r.due_at, r.completed_at, r.overrun_minutes});
  }
  return rendering::XlsxWorkbook({steps, late});
}

Status CheckReportPeriod(Date from, Date to, int max_days) {
  using std::chrono::sys_days;
  if (sys_days{to} < sys_days{from}) {
    return FieldError(ErrorCode::kUnprocessable, "to", "period.to_before_from"_msg,
                      "is before 'from'");
  }
  if ((sys_days{to} - sys_days{from}).count() >= max_days) {
    return Error::Unprocessable("period.too_long"_msg, "at most {days} days at a time",
                                {{"days", std::to_string(max_days)}});
  }
  return {};
}

SlaReports::SlaReports(storage::Database& db, const ProcessCatalog& catalog,
                       const OfficeDirectory& offices, const CalendarService& calendar)
    : db_(db), catalog_(catalog), offices_(offices), calendar_(calendar) {}

Status SlaReports::CheckProcess(const std::string& process) const {
  if (process.empty()) return {};
  const auto& all = catalog_.All();
  if (std::any_of(all.begin(), all.end(), [&](const auto& d) { return d->code == process; })) {
    return {};
  }
  return FieldError(ErrorCode::kUnprocessable, "process", "process.unknown"_msg,
                    "unknown process '{process}'", {{"process", process}});
}

Expected<std::vector<CompletedTaskRow>> SlaReports::Completed(const SlaReportQuery& in,
                                                              CompletedTaskQuery& q) const {
  using std::chrono::days;
  using std::chrono::sys_days;
  JUMYS_TRY(CheckReportPeriod(in.from, in.to, kMaxDays));
  if (!in.office.empty()) {
    const auto& visible = in.visible_offices;
    if (std::find(visible.begin(), visible.end(), in.office) == visible.end()) {
      return Error::NotFound("office.not_found"_msg, "no such office");
    }
    q.office_ids = {in.office};
  } else {
    q.office_ids = in.visible_offices;
  }
  q.process = in.process;
  q.completed_by = in.employee;
  JUMYS_TRY(CheckProcess(q.process));
  // A day's margin on both sides in UTC; each task is then kept by its office's own date.
  q.completed_from = FormatRfc3339(Instant{sys_days{in.from} - days(1)});
  q.completed_to = FormatRfc3339(Instant{sys_days{in.to} + days(2)});
  std::vector<CompletedTaskRow> rows;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(rows, ListCompletedTasks(tx, q));
    return {};
  }));
  std::vector<CompletedTaskRow> kept;
  for (auto& r : rows) {
    auto office = offices_.Find(r.office_id);
    auto completed = ParseRfc3339(r.completed_at);
    if (!office || !completed) continue;
    const Date day = OfficeDate(*office, *completed);
    if (in.from <= day && day <= in.to) kept.push_back(std::move(r));
  }
  return kept;
}

Expected<SlaReportResult> SlaReports::Build(const SlaReportQuery& in) const {
  CompletedTaskQuery q;
  JUMYS_ASSIGN_OR_RETURN(auto kept, Completed(in, q));
  SlaReportResult out;
  out.steps = BuildSlaReport(kept, catalog_, offices_, calendar_);
  out.late = LateTasks(kept, offices_, calendar_);
  out.office_ids = std::move(q.office_ids);
  return out;
}

Expected<std::vector<std::pair<std::string, std::vector<SlaStepRow>>>> SlaReports::StepsByOffice(
    const SlaSummaryQuery& in) const {
  JUMYS_TRY(CheckReportPeriod(in.from, in.to, kMaxDays));
  JUMYS_TRY(CheckProcess(in.process));
  std::vector<StepDurations> steps;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        steps, ListStepDurations(tx, db_.dialect(), {in.from, in.to, in.office_ids, in.process}));
    return {};
  }));
  std::map<std::string, std::vector<Group>> by_office;
  for (auto& s : steps) {
    Group g;
    g.row.process = std::move(s.process);
    g.row.version = std::move(s.version);
    g.row.step = std::move(s.step);
    g.row.count = static_cast<std::int64_t>(s.minutes.size());
    g.row.breaches = s.late;
    g.step_index = StepIndex(catalog_, g.row.process, g.row.version, g.row.step);
    if (auto def = catalog_.Find(g.row.process, g.row.version)) {
      if (const Step* step = (*def)->FindStep(g.row.step)) g.row.ref = step->ref;
    }
    g.minutes = std::move(s.minutes);
    by_office[s.office_id].push_back(std::move(g));
  }
  std::vector<std::pair<std::string, std::vector<SlaStepRow>>> out;
  for (auto& [office, groups] : by_office) {
    std::vector<Group*> all;
    for (auto& g : groups) all.push_back(&g);
    out.emplace_back(office, Ordered(std::move(all)));
  }
  return out;
}

}  // namespace jumys
