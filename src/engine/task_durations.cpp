#include "engine/task_durations.h"

#include <algorithm>
#include <charconv>

#include "engine/case_results.h"
#include "engine/sla_working_minutes.h"

namespace jumys {

namespace {

// 4 000 parameters a statement: libpq (15) refuses a parameter description over 30 000 bytes.
constexpr int kFillBatch = 500;
constexpr const char* kFillName = "task_durations";

struct Measured {
  std::int64_t task_id = 0;
  std::string office_id;
  Date day;
  std::string process, version, step;
  std::int64_t minutes = 0;
  bool late = false;
};

// One multi-row INSERT: an upgraded store measures its past tasks in few round trips.
Expected<std::int64_t> Insert(storage::Tx& tx, const std::vector<Measured>& rows,
                              const char* on_conflict) {
  if (rows.empty()) return 0;
  std::string sql =
      "INSERT INTO task_durations (task_id, office_id, office_day, process, version, step, "
      "working_minutes, late) VALUES ";
  storage::Params params;
  for (const Measured& m : rows) {
    sql += params.empty() ? "(" : ", (";
    for (storage::Value v : std::initializer_list<storage::Value>{
             m.task_id, m.office_id, FormatDate(m.day), m.process, m.version, m.step, m.minutes,
             std::int64_t{m.late ? 1 : 0}}) {
      params.push_back(std::move(v));
      sql += (sql.back() == '(' ? "$" : ", $") + std::to_string(params.size());
    }
    sql += ")";
  }
  return tx.Exec(sql + on_conflict, params);
}

// A task is late when it has a due time and was completed after it (RFC 3339 in UTC order).
bool Late(const std::string& due_at, const std::string& completed_at) {
  return due_at != kNoDueAt && completed_at > due_at;
}

}  // namespace

Status RecordTaskDuration(storage::Tx& tx, const TaskRow& task, const std::string& process,
                          const std::string& version, const Office& office,
                          const WorkCalendar& calendar, Instant completed) {
  JUMYS_ASSIGN_OR_RETURN(const Instant created, ParseRfc3339(task.created_at));
  JUMYS_TRY(
      Insert(tx,
             {{task.id, office.id, OfficeDate(office, completed), process, version, task.step,
               WorkingMinutesBetween(calendar, office.hours, office.time_zone, created, completed),
               Late(task.due_at, FormatRfc3339(completed))}},
             ""));
  return {};
}

Expected<std::int64_t> FillMissingTaskDurations(storage::Database& db,
                                                const OfficeDirectory& offices,
                                                const CalendarService& calendar) {
  const auto cal = calendar.Current();
  std::int64_t written = 0;
  std::int64_t after = 0;
  for (;;) {
    storage::Rows rows;
    JUMYS_TRY(db.Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(
          rows, tx.Query("SELECT t.id, t.office_id, c.process, c.version, t.step, t.created_at, "
                         "t.due_at, t.completed_at FROM tasks t JOIN cases c ON c.id = t.case_id "
                         "WHERE t.id > $1 AND t.completed_at IS NOT NULL AND t.kind = 'user' AND "
                         "NOT EXISTS (SELECT 1 FROM task_durations d WHERE d.task_id = t.id AND "
                         "d.task_id > $1) "
                         "ORDER BY t.id LIMIT " +
                             std::to_string(kFillBatch),
                         {after}));
      return {};
    }));
    if (rows.empty()) return written;
    std::vector<Measured> measured;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto office = offices.Find(rows.Text(r, 1));
      const auto created = ParseRfc3339(rows.Text(r, 5));
      const auto completed = ParseRfc3339(rows.Text(r, 7));
      if (!office || !created || !completed) continue;  // the SLA report skips them too
      measured.push_back(
          {rows.Int(r, 0), office->id, OfficeDate(*office, *completed), rows.Text(r, 2),
           rows.Text(r, 3), rows.Text(r, 4),
           WorkingMinutesBetween(*cal, office->hours, office->time_zone, *created, *completed),
           Late(rows.Text(r, 6), rows.Text(r, 7))});
    }
    // Another node starting beside this one may have written some of the rows meanwhile.
    std::int64_t inserted = 0;
    JUMYS_TRY(db.Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(inserted, Insert(tx, measured, " ON CONFLICT (task_id) DO NOTHING"));
      return {};
    }));
    written += inserted;
    after = rows.Int(rows.size() - 1, 0);
  }
}

Expected<std::int64_t> FillTaskDurationsOnce(storage::Database& db, const OfficeDirectory& offices,
                                             const CalendarService& calendar, Instant now) {
  bool pending = false;
  JUMYS_TRY(db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT 1 FROM data_fills WHERE name = $1 AND done_at IS NULL", {kFillName}));
    pending = !rows.empty();
    return {};
  }));
  if (!pending) return 0;
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t written,
                         FillMissingTaskDurations(db, offices, calendar));
  JUMYS_TRY(db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(tx.Exec("UPDATE data_fills SET done_at = $2 WHERE name = $1",
                      {kFillName, FormatRfc3339(now)}));
    return {};
  }));
  return written;
}

Expected<std::vector<StepDurations>> ListStepDurations(storage::Tx& tx, storage::Dialect dialect,
                                                       const StepDurationQuery& q) {
  if (q.office_ids.empty()) return std::vector<StepDurations>{};
  // One row a step with its minutes as a list: half a million tasks become a few hundred rows.
  storage::Params params{FormatDate(q.from), FormatDate(q.to)};
  std::string offices;
  for (const auto& o : q.office_ids) {
    params.push_back(o);
    offices += (offices.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  std::string sql =
      std::string("SELECT office_id, process, version, step, SUM(late), ") +
      (dialect == storage::Dialect::kPostgres ? "string_agg(working_minutes::text, ',')"
                                              : "group_concat(working_minutes, ',')") +
      " FROM task_durations WHERE office_id IN (" + offices +
      ") AND office_day >= $1 AND office_day <= $2";
  if (!q.process.empty()) {
    params.push_back(q.process);
    sql += " AND process = $" + std::to_string(params.size());
  }
  sql += " GROUP BY office_id, process, version, step";
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<StepDurations> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    StepDurations s{rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2),
                    rows.Text(r, 3), rows.Int(r, 4),  {}};
    const std::string& list = rows.Text(r, 5);
    for (const char *p = list.data(), *end = p + list.size(); p < end;) {
      std::int64_t v = 0;
      auto [next, ec] = std::from_chars(p, end, v);
      if (ec != std::errc()) return Error::Internal("task_durations: bad minutes list");
      s.minutes.push_back(v);
      p = next + 1;  // past the comma
    }
    std::sort(s.minutes.begin(), s.minutes.end());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace jumys
