#include "services/analytics/dashboards.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>

#include "core/csv.h"
#include "engine/case_results.h"
#include "rendering/xlsx_workbook.h"
#include "storage/sql_params.h"

namespace jumys::analytics {

namespace {

using storage::SqlParams;
using storage::Tx;

constexpr const char* kProgrammes[] = {"voluntary-relocation", "subsidised-jobs",
                                       "special-workplaces"};
constexpr const char* kMeasures[] = {"referral_employment", "referral_youth_practice",
                                     "referral_social_jobs", "referral_public_works", "refusal"};

Column Label(const char* id, ColumnType type = ColumnType::kLabel) { return {id, type}; }
Column Count(const char* id) { return {id, ColumnType::kCount}; }
Column Money(const char* id) { return {id, ColumnType::kMoney}; }

// The offices sharing one UTC window for the period: in practice every office of the country,
// but an office on another clock gets its own window rather than a wrong day.
struct Window {
  std::string from, to;  // RFC 3339, [from, to)
  std::vector<std::string> offices;
};

std::vector<Window> Windows(const OfficeDirectory& directory, const std::vector<std::string>& ids,
                            Date from, Date to) {
  using std::chrono::days;
  using std::chrono::sys_days;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> by_bounds;
  for (const auto& id : ids) {
    auto office = directory.Find(id);
    if (!office) continue;
    const auto start = office->time_zone.ToUtc(LocalTime{sys_days{from}.time_since_epoch()});
    const auto end =
        office->time_zone.ToUtc(LocalTime{(sys_days{to} + days(1)).time_since_epoch()});
    by_bounds[{FormatRfc3339(start), FormatRfc3339(end)}].push_back(id);
  }
  std::vector<Window> out;
  for (auto& [bounds, offices] : by_bounds) out.push_back({bounds.first, bounds.second, offices});
  return out;
}

// Rows keyed by their label cells, summed across windows.
class Accumulator {
 public:
  explicit Accumulator(std::size_t counts) : counts_(counts) {}
  std::vector<std::int64_t>& At(const std::vector<std::string>& key) {
    auto [it, added] = rows_.try_emplace(key, std::vector<std::int64_t>(counts_, 0));
    return it->second;
  }
  void Add(const std::vector<std::string>& key, const storage::Rows& rows, std::size_t r,
           std::size_t first) {
    auto& sums = At(key);
    for (std::size_t i = 0; i < counts_; ++i) sums[i] += rows.Int(r, first + i);
  }
  // In key order, or in `order` of the first key cell where given.
  void Emit(Table& table, const std::vector<std::string>& order = {}) const {
    std::vector<const std::pair<const std::vector<std::string>, std::vector<std::int64_t>>*> sorted;
    for (const auto& entry : rows_) sorted.push_back(&entry);
    auto rank = [&](const std::string& label) {
      auto it = std::find(order.begin(), order.end(), label);
      return it == order.end() ? order.size() : static_cast<std::size_t>(it - order.begin());
    };
    std::stable_sort(sorted.begin(), sorted.end(), [&](auto* a, auto* b) {
      return rank(a->first.front()) < rank(b->first.front());
    });
    for (const auto* entry : sorted) {
      std::vector<Cell> row;
      for (const auto& label : entry->first) row.emplace_back(label);
      for (auto n : entry->second) row.emplace_back(n);
      table.rows.push_back(std::move(row));
    }
  }

 private:
  std::size_t counts_;
  std::map<std::vector<std::string>, std::vector<std::int64_t>> rows_;
};

// 1 when `condition` holds, for SUM in both dialects.
std::string When(const std::string& condition) {
  return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
}

Expected<storage::Rows> Run(Tx& tx, const std::string& sql, const SqlParams& p) {
  return tx.Query(sql, p.params());
}

// Runs the query `sql` makes for each window and adds up its rows: a label, then the counts.
Status SumPerWindow(Tx& tx, const std::vector<Window>& windows, Accumulator& acc,
                    const std::function<std::string(SqlParams&, const Window&)>& sql) {
  for (const auto& w : windows) {
    SqlParams p;
    const std::string text = sql(p, w);
    JUMYS_ASSIGN_OR_RETURN(auto rows, Run(tx, text, p));
    for (std::size_t r = 0; r < rows.size(); ++r) acc.Add({rows.Text(r, 0)}, rows, r, 1);
  }
  return {};
}

Status Registrations(Tx& tx, const std::vector<Window>& windows, Table& t) {
  t = {"registrations",
       {Label("office", ColumnType::kOffice), Count("job_seekers_registered"),
        Count("unemployed_registered"), Count("deregistered")},
       {"office"},
       {"job_seekers_registered", "unemployed_registered", "deregistered"},
       {}};
  Accumulator acc(3);
  // A card made, or made again by a registration, is a registration; marking someone already
  // unemployed changes nothing and is not counted.
  JUMYS_TRY(SumPerWindow(tx, windows, acc, [](SqlParams& p, const Window& w) {
    return "SELECT c.office_id, " +
           When(
               "h.action = 'created' OR (h.action = 'updated' AND c.process = "
               "'job-seeker-registration')") +
           ", " + When("h.action = 'marked_unemployed' AND h.data NOT LIKE '%\"already_since\"%'") +
           ", " + When("h.action = 'deregistered'") +
           " FROM employment_card_history h JOIN cases c ON c.id = h.case_id"
           " WHERE h.at >= " +
           p.Bind(w.from) + " AND h.at < " + p.Bind(w.to) + " AND c.office_id IN (" +
           p.BindAll(w.offices) + ") GROUP BY c.office_id";
  }));
  acc.Emit(t);
  return {};
}

Status Referrals(Tx& tx, const std::vector<Window>& windows, Table& t) {
  t = {"referrals",
       {Label("measure"), Count("decided"), Count("hired"), Count("not_hired"), Count("awaiting")},
       {"measure"},
       {"decided", "hired", "not_hired", "awaiting"},
       {}};
  Accumulator acc(4);
  // A refusal at intake and one on review are both refusals; a referral to employment may have
  // recorded a placement, whose answer is its outcome.
  JUMYS_TRY(SumPerWindow(tx, windows, acc, [](SqlParams& p, const Window& w) {
    return "SELECT CASE WHEN c.status = 'completed' THEN c.decided_kind ELSE 'refusal' END, "
           "COUNT(*), " +
           When("p.status = 'hired'") + ", " + When("p.status = 'not_hired'") + ", " +
           When("p.status = 'referred'") +
           " FROM cases c LEFT JOIN placements p ON p.case_id = c.id"
           " WHERE c.process = 'active-measures-referral' AND c.status IN ('completed', 'refused')"
           " AND c.closed_at >= " +
           p.Bind(w.from) + " AND c.closed_at < " + p.Bind(w.to) + " AND c.office_id IN (" +
           p.BindAll(w.offices) + ") GROUP BY 1";
  }));
  acc.Emit(t, {std::begin(kMeasures), std::end(kMeasures)});
  return {};
}

Status Placements(Tx& tx, const std::vector<Window>& windows, Table& t) {
  t = {
      "placements",
      {Label("office", ColumnType::kOffice), Count("referred"), Count("hired"), Count("not_hired")},
      {"office"},
      {"referred", "hired", "not_hired"},
      {}};
  Accumulator acc(3);
  JUMYS_TRY(SumPerWindow(tx, windows, acc, [](SqlParams& p, const Window& w) {
    return "SELECT office_id, COUNT(*), " + When("status = 'hired'") + ", " +
           When("status = 'not_hired'") + " FROM placements WHERE created_at >= " + p.Bind(w.from) +
           " AND created_at < " + p.Bind(w.to) + " AND office_id IN (" + p.BindAll(w.offices) +
           ") GROUP BY office_id";
  }));
  acc.Emit(t);
  return {};
}

// The vacancies created by the period's end, in the state they are in now.
Status Vacancies(Tx& tx, const std::vector<Window>& windows, Table& t) {
  t = {"vacancies",
       {Label("office", ColumnType::kOffice), Count("published"), Count("stale"), Count("closed"),
        Count("workplaces_open"), Count("workplaces_filled")},
       {"office"},
       {"workplaces_open", "workplaces_filled"},
       {}};
  Accumulator acc(5);
  JUMYS_TRY(SumPerWindow(tx, windows, acc, [](SqlParams& p, const Window& w) {
    return "SELECT office_id, " + When("status = 'published'") + ", " + When("status = 'stale'") +
           ", " + When("status = 'closed'") +
           ", SUM(CASE WHEN status IN ('published', 'stale') THEN workplaces - workplaces_filled "
           "ELSE 0 END), SUM(workplaces_filled) FROM vacancies WHERE status <> 'draft'"
           " AND created_at < " +
           p.Bind(w.to) + " AND office_id IN (" + p.BindAll(w.offices) + ") GROUP BY office_id";
  }));
  acc.Emit(t);
  return {};
}

// First permits issued in the period (not reissues or extensions) and the year's quota.
Status Permits(Tx& tx, const std::vector<Window>& windows, int year, Table& t) {
  t = {"permits",
       {Label("category"), Count("issued"), Count("workers"), Count("quota"), Count("quota_used")},
       {"category"},
       {"issued", "quota", "quota_used"},
       {}};
  Accumulator acc(4);
  std::set<std::string> all_offices;
  for (const auto& w : windows) {
    all_offices.insert(w.offices.begin(), w.offices.end());
    SqlParams p;
    const std::string sql =
        "SELECT CAST(category AS TEXT), COUNT(*), SUM(workers) FROM permits"
        " WHERE previous_id IS NULL AND created_at >= " +
        p.Bind(w.from) + " AND created_at < " + p.Bind(w.to) + " AND office_id IN (" +
        p.BindAll(w.offices) + ") GROUP BY category";
    JUMYS_ASSIGN_OR_RETURN(auto rows, Run(tx, sql, p));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      auto& sums = acc.At({rows.Text(r, 0)});
      sums[0] += rows.Int(r, 1);
      sums[1] += rows.Int(r, 2);
    }
  }
  if (!all_offices.empty()) {
    SqlParams p;
    const std::string sql =
        "SELECT CAST(category AS TEXT), SUM(quota), SUM(used) FROM permit_quotas WHERE year = " +
        p.Bind(std::int64_t{year}) + " AND office_id IN (" +
        p.BindAll({all_offices.begin(), all_offices.end()}) + ") GROUP BY category";
    JUMYS_ASSIGN_OR_RETURN(auto rows, Run(tx, sql, p));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      auto& sums = acc.At({rows.Text(r, 0)});
      sums[2] += rows.Int(r, 1);
      sums[3] += rows.Int(r, 2);
    }
  }
  acc.Emit(t);
  return {};
}

std::vector<std::string> ProgrammesOf(const std::string& process) {
  std::vector<std::string> out;
  for (const char* code : kProgrammes) {
    if (process.empty() || process == code) out.emplace_back(code);
  }
  return out;
}

// Applications made in the period and what became of them; the contracts in force and the late
// monthly reports of the programmes' offices.
Status Programmes(Tx& tx, const std::vector<Window>& windows, Date from, Date to,
                  const std::string& process, Table& t) {
  t = {"programmes",
       {Label("programme", ColumnType::kProcess), Count("applications"), Count("approved"),
        Count("refused"), Count("contracts_in_force"), Count("reports_late")},
       {"programme"},
       {"applications", "approved", "refused", "contracts_in_force", "reports_late"},
       {}};
  const auto programmes = ProgrammesOf(process);
  Accumulator acc(5);
  if (programmes.empty()) return {};
  for (const auto& w : windows) {
    SqlParams p;
    // Approved: a contract was drawn up after the positive decision and not refused.
    const std::string cases =
        "SELECT c.process, COUNT(*), " +
        When(
            "EXISTS (SELECT 1 FROM contracts k WHERE k.case_id = c.id AND k.status <> "
            "'refused') OR EXISTS (SELECT 1 FROM social_contracts s WHERE s.case_id = c.id AND "
            "s.status <> 'refused')") +
        ", " + When("c.status = 'refused'") + " FROM cases c WHERE c.process IN (" +
        p.BindAll(programmes) + ") AND c.created_at >= " + p.Bind(w.from) + " AND c.created_at < " +
        p.Bind(w.to) + " AND c.office_id IN (" + p.BindAll(w.offices) + ") GROUP BY c.process";
    JUMYS_ASSIGN_OR_RETURN(auto rows, Run(tx, cases, p));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      auto& sums = acc.At({rows.Text(r, 0)});
      for (std::size_t i = 0; i < 3; ++i) sums[i] += rows.Int(r, 1 + i);
    }

    SqlParams q;
    const std::string in_force =
        "SELECT programme, COUNT(*) FROM contracts WHERE status = 'in_force' AND programme IN (" +
        q.BindAll(programmes) + ") AND office_id IN (" + q.BindAll(w.offices) +
        ") GROUP BY programme UNION ALL SELECT 'voluntary-relocation', COUNT(*) FROM "
        "social_contracts WHERE status = 'in_force' AND office_id IN (" +
        q.BindAll(w.offices) + ")";
    JUMYS_ASSIGN_OR_RETURN(rows, Run(tx, in_force, q));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const std::string& code = rows.Text(r, 0);
      if (rows.Int(r, 1) == 0 ||
          std::find(programmes.begin(), programmes.end(), code) == programmes.end()) {
        continue;
      }
      acc.At({code})[3] += rows.Int(r, 1);
    }

    SqlParams l;
    const std::string late =
        "SELECT c.process, COUNT(*) FROM monthly_reports m JOIN cases c ON c.id = m.case_id"
        " WHERE m.late = 1 AND m.status <> 'returned' AND m.due_on >= " +
        l.Bind(FormatDate(from)) + " AND m.due_on <= " + l.Bind(FormatDate(to)) +
        " AND c.process IN (" + l.BindAll(programmes) + ") AND c.office_id IN (" +
        l.BindAll(w.offices) + ") GROUP BY c.process";
    JUMYS_ASSIGN_OR_RETURN(rows, Run(tx, late, l));
    for (std::size_t r = 0; r < rows.size(); ++r) acc.At({rows.Text(r, 0)})[4] += rows.Int(r, 1);
  }
  acc.Emit(t, programmes);
  return {};
}

// Orders by the month they pay for, against the year's budget; returned orders are not counted
// (their reissue is).
Status Payments(Tx& tx, const std::vector<std::string>& offices, Date from, Date to, Table& t) {
  t = {
      "payments",
      {Label("programme", ColumnType::kProcess), Label("month", ColumnType::kMonth),
       Count("orders"), Money("ordered"), Money("paid"), Money("budget"), Money("ordered_to_date")},
      {"programme", "month"},
      {"ordered", "paid"},
      {}};
  if (offices.empty()) return {};
  const int first_year = static_cast<int>(from.year());
  // From the first year's January, so that the running total starts where the budget does.
  const Date january{from.year(), std::chrono::January, std::chrono::day{1}};
  SqlParams p;
  const std::string sql =
      "SELECT programme, substr(period_from, 1, 7), COUNT(*), SUM(amount), "
      "SUM(CASE WHEN status = 'paid' THEN amount ELSE 0 END) FROM payment_orders"
      " WHERE status <> 'returned' AND period_from >= " +
      p.Bind(FormatDate(january)) + " AND period_from <= " + p.Bind(FormatDate(to)) +
      " AND office_id IN (" + p.BindAll(offices) + ") GROUP BY 1, 2 ORDER BY 1, 2";
  JUMYS_ASSIGN_OR_RETURN(auto rows, Run(tx, sql, p));
  SqlParams b;
  const std::string budgets =
      "SELECT programme, year, SUM(allocated) FROM payment_budgets WHERE year >= " +
      b.Bind(std::int64_t{first_year}) + " AND office_id IN (" + b.BindAll(offices) +
      ") GROUP BY programme, year";
  JUMYS_ASSIGN_OR_RETURN(auto budget_rows, Run(tx, budgets, b));
  std::map<std::pair<std::string, std::string>, std::int64_t> budget;
  for (std::size_t r = 0; r < budget_rows.size(); ++r) {
    budget[{budget_rows.Text(r, 0), budget_rows.Text(r, 1)}] = budget_rows.Int(r, 2);
  }
  const std::string first_month = FormatDate(from).substr(0, 7);
  std::map<std::pair<std::string, std::string>, std::int64_t> to_date;  // programme, year
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string& programme = rows.Text(r, 0);
    const std::string& month = rows.Text(r, 1);
    const std::string year = month.substr(0, 4);
    const std::int64_t running = to_date[{programme, year}] += rows.Int(r, 3);
    if (month < first_month) continue;
    t.rows.push_back({programme, month, rows.Int(r, 2), rows.Int(r, 3), rows.Int(r, 4),
                      budget[{programme, year}], running});
  }
  return {};
}

// Participants by route and regions: the region left is the oblast of the office that handed
// the case on (route A), else of the case's own office.
Status Relocation(Tx& tx, const OfficeDirectory& directory, const std::vector<std::string>& offices,
                  Date from, Date to, Table& t) {
  t = {"relocation",
       {Label("route"), Label("departure", ColumnType::kRegion),
        Label("arrival", ColumnType::kRegion), Count("participants"), Count("persons"),
        Count("contracts_in_force")},
       {"route", "departure", "arrival"},
       {"participants", "persons", "contracts_in_force"},
       {}};
  if (offices.empty()) return {};
  SqlParams p;
  const std::string list = p.BindAll(offices);
  const std::string sql =
      "SELECT r.route, COALESCE(h.from_office, c.office_id), r.arrival_oblast, COUNT(*), "
      "SUM(r.persons), " +
      When("s.status = 'in_force'") +
      " FROM relocation_participants r JOIN cases c ON c.id = r.case_id"
      " LEFT JOIN case_handoffs h ON h.case_id = r.case_id AND h.seq = 1"
      " LEFT JOIN social_contracts s ON s.case_id = r.case_id"
      " WHERE r.decided_on >= " +
      p.Bind(FormatDate(from)) + " AND r.decided_on <= " + p.Bind(FormatDate(to)) +
      " AND (c.office_id IN (" + list + ") OR h.from_office IN (" + list + ")) GROUP BY 1, 2, 3";
  JUMYS_ASSIGN_OR_RETURN(auto rows, Run(tx, sql, p));
  Accumulator acc(3);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto office = directory.Find(rows.Text(r, 1));
    const std::string departure = office ? office->oblast_kato : "";
    acc.Add({rows.Text(r, 0), departure, rows.Text(r, 2)}, rows, r, 3);
  }
  acc.Emit(t);
  return {};
}

// The SLA of each office apart, from the durations recorded as the tasks were completed.
Expected<Table> Sla(const SlaReports& reports, const DashboardQuery& q) {
  Table t{"sla",
          {Label("office", ColumnType::kOffice),
           Label("process", ColumnType::kProcess),
           Label("step"),
           Label("ref"),
           Count("completed"),
           Count("on_time"),
           Count("breaches"),
           {"median_minutes", ColumnType::kMinutes},
           {"p90_minutes", ColumnType::kMinutes}},
          {"office", "process", "step"},
          {"on_time", "breaches"},
          {}};
  JUMYS_ASSIGN_OR_RETURN(const auto all,
                         reports.StepsByOffice({q.from, q.to, q.offices, q.process}));
  for (const auto& [office, steps] : all) {
    for (const auto& s : steps) {
      t.rows.push_back({office, s.process, s.step, s.ref, s.count, s.count - s.breaches, s.breaches,
                        s.median_minutes, s.p90_minutes});
    }
  }
  return t;
}

}  // namespace

const char* ColumnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kOffice:
      return "office";
    case ColumnType::kRegion:
      return "region";
    case ColumnType::kProcess:
      return "process";
    case ColumnType::kLabel:
      return "label";
    case ColumnType::kMonth:
      return "month";
    case ColumnType::kCount:
      return "count";
    case ColumnType::kMoney:
      return "money";
    case ColumnType::kMinutes:
      return "minutes";
  }
  return "label";
}

Expected<std::vector<std::string>> ReportedOffices(const OfficeDirectory& directory,
                                                   const std::vector<std::string>& visible,
                                                   const std::string& office,
                                                   const std::string& oblast) {
  if (!office.empty()) {
    if (std::find(visible.begin(), visible.end(), office) == visible.end()) {
      return Error::NotFound("office.not_found"_msg, "no such office");
    }
    return std::vector<std::string>{office};
  }
  if (oblast.empty()) return visible;
  std::vector<std::string> out;
  for (const auto& id : visible) {
    auto o = directory.Find(id);
    if (o && o->oblast_kato == oblast) out.push_back(id);
  }
  if (out.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "oblast", "analytics.oblast_unknown"_msg,
                      "no office of yours is in the oblast '{oblast}'", {{"oblast", oblast}});
  }
  return out;
}

Dashboards::Dashboards(storage::Database& db, const OfficeDirectory& offices, const SlaReports& sla)
    : db_(db), offices_(offices), sla_(sla) {}

Expected<std::vector<Table>> Dashboards::Build(const DashboardQuery& q) const {
  JUMYS_TRY(CheckReportPeriod(q.from, q.to, kMaxDays));
  const auto windows = Windows(offices_, q.offices, q.from, q.to);
  std::vector<Table> tables(8);
  JUMYS_TRY(db_.Read([&](Tx& tx) -> Status {
    JUMYS_TRY(Registrations(tx, windows, tables[0]));
    JUMYS_TRY(Referrals(tx, windows, tables[1]));
    JUMYS_TRY(Placements(tx, windows, tables[2]));
    JUMYS_TRY(Vacancies(tx, windows, tables[3]));
    JUMYS_TRY(Permits(tx, windows, static_cast<int>(q.to.year()), tables[4]));
    JUMYS_TRY(Programmes(tx, windows, q.from, q.to, q.process, tables[5]));
    JUMYS_TRY(Payments(tx, q.offices, q.from, q.to, tables[6]));
    return Relocation(tx, offices_, q.offices, q.from, q.to, tables[7]);
  }));
  if (q.with_sla) {
    JUMYS_ASSIGN_OR_RETURN(auto sla, Sla(sla_, q));
    tables.push_back(std::move(sla));
  }
  return tables;
}

void SuppressSmallCells(std::vector<Table>& tables, std::int64_t min_count) {
  for (auto& table : tables) {
    for (auto& row : table.rows) {
      bool small = false;
      for (std::size_t c = 0; c < row.size(); ++c) {
        const auto* n = std::get_if<std::int64_t>(&row[c]);
        if (table.columns[c].type == ColumnType::kCount && n && *n > 0 && *n < min_count) {
          row[c] = nullptr;
          small = true;
        }
      }
      if (!small) continue;
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (table.columns[c].type == ColumnType::kMoney) row[c] = nullptr;
      }
    }
  }
}

namespace {

std::string CellText(const Cell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&cell)) return std::to_string(*n);
  return "";
}

}  // namespace

std::string TableCsv(const Table& table, const Preamble& preamble) {
  std::string out;
  for (const auto& [name, value] : preamble) out += CsvField(name) + ',' + CsvField(value) + "\r\n";
  if (!preamble.empty()) out += "\r\n";
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    out += (c ? "," : "") + CsvField(table.columns[c].id);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + CsvField(CellText(row[c]));
    out += "\r\n";
  }
  return out;
}

Expected<std::string> TablesXlsx(const std::vector<Table>& tables, const Preamble& preamble) {
  std::vector<rendering::XlsxSheet> sheets;
  for (const auto& table : tables) {
    rendering::XlsxSheet sheet{table.id, {}, {}};
    for (const auto& [name, value] : preamble) sheet.preamble.push_back({name, value});
    for (const auto& c : table.columns) sheet.header.push_back(c.id);
    for (const auto& row : table.rows) {
      std::vector<rendering::XlsxCell> cells;
      for (const auto& cell : row) {
        if (const auto* n = std::get_if<std::int64_t>(&cell)) {
          cells.emplace_back(*n);
        } else {
          cells.emplace_back(CellText(cell));
        }
      }
      sheet.rows.push_back(std::move(cells));
    }
    sheets.push_back(std::move(sheet));
  }
  return rendering::XlsxWorkbook(sheets);
}

}  // namespace jumys::analytics
