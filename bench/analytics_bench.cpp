// The analyst's dashboards over a year of one oblast (issue 21, item 3): a year of Kyzylorda's
// work bulk-loaded into a fresh store — registrations with their card history, referrals with
// placements, the programmes' cases with contracts, late reports and monthly payment orders,
// permits, vacancies, every case's tasks — then every table of the dashboards for the year and
// the oblast, median and worst of R runs, beside two baselines measured in the same run: the
// SLA report the product already had, for the same year and offices, and a bare count of the
// cases and tasks of the year (the least any figure over them must read). Target: <= 1000 ms.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "app/logging.h"
#include "engine/task_durations.h"
#include "engine_bench_common.h"
#include "services/demo/demo_data.h"

namespace {

using namespace jumys;
using SteadyClock = std::chrono::steady_clock;
using storage::Value;

constexpr int kRowsPerStatement = 400;

// Rows of one table written in multi-row INSERTs inside the caller's transaction; the rows of
// `parent` (the cases a task refers to) are written first.
class BulkInsert {
 public:
  BulkInsert(storage::Tx& tx, std::string table, std::vector<std::string> columns,
             BulkInsert* parent = nullptr)
      : tx_(tx), table_(std::move(table)), columns_(std::move(columns)), parent_(parent) {}
  Status Add(std::vector<Value> row) {
    rows_.push_back(std::move(row));
    return rows_.size() == kRowsPerStatement ? Flush() : Status{};
  }
  Status Flush() {
    if (rows_.empty()) return {};
    if (parent_) JUMYS_TRY(parent_->Flush());
    std::string sql = "INSERT INTO " + table_ + " (";
    for (std::size_t c = 0; c < columns_.size(); ++c) sql += (c ? ", " : "") + columns_[c];
    sql += ") VALUES ";
    storage::Params params;
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        params.push_back(std::move(rows_[r][c]));
        sql += (c ? ", $" : "$") + std::to_string(params.size());
      }
      sql += ")";
    }
    rows_.clear();
    JUMYS_TRY(tx_.Exec(sql, params));
    return {};
  }

 private:
  storage::Tx& tx_;
  std::string table_;
  std::vector<std::string> columns_;
  BulkInsert* parent_;
  std::vector<std::vector<Value>> rows_;
};

std::string At(int day, int minute) {
  // Day 0 is 2025-12-01 (UTC), the first of the year loaded.
  const auto t = std::chrono::sys_days{std::chrono::year{2025} / 12 / 1} + std::chrono::days(day) +
                 std::chrono::minutes(minute);
  return FormatRfc3339(std::chrono::time_point_cast<std::chrono::seconds>(t));
}

std::string Day(int day) { return At(day, 0).substr(0, 10); }

struct Loaded {
  std::int64_t cases = 0, tasks = 0;
};

// A year of the oblast's offices: `cases` cases spread over 365 days.
Expected<Loaded> LoadYear(storage::Database& db, const std::vector<std::string>& offices,
                          int cases) {
  Loaded out;
  std::mt19937 rng(21);
  std::int64_t vacancy_first = 0;
  const int vacancies = std::max(1, cases / 10);
  JUMYS_TRY(db.Write([&](storage::Tx& tx) -> Status {
    BulkInsert v(
        tx, "vacancies",
        {"employer_bin", "office_id", "title", "description", "nkz", "kato", "wage_tiyn",
         "working_time", "workplaces", "workplaces_filled", "requirements", "disability_suitable",
         "status", "relevant_since", "created_by", "created_at", "updated_at"});
    const char* statuses[] = {"published", "stale", "closed"};
    for (int i = 0; i < vacancies; ++i) {
      const std::string at = At(static_cast<int>(rng() % 365), 300);
      JUMYS_TRY(v.Add({demo::kDemoEmployerBin, offices[i % offices.size()], "Дәнекерлеуші", "", "7",
                       "431010000", std::int64_t{30000000}, "full_time", std::int64_t{3},
                       std::int64_t{i % 3}, "{}", std::int64_t{0}, statuses[i % 3], at, "bench", at,
                       at}));
    }
    JUMYS_TRY(v.Flush());
    JUMYS_ASSIGN_OR_RETURN(auto first, tx.Query("SELECT MIN(id) FROM vacancies"));
    vacancy_first = first.Int(0, 0);
    BulkInsert p(
        tx, "permits",
        {"number", "kind", "employer_bin", "office_id", "category", "workers", "occupation",
         "region", "valid_from", "valid_until", "status", "created_at", "updated_at"});
    for (int i = 0; i < cases / 50; ++i) {
      const std::string at = At(static_cast<int>(rng() % 365), 300);
      JUMYS_TRY(p.Add({"B-" + std::to_string(i), "standard", demo::kDemoEmployerBin, "kzo-oblast",
                       std::int64_t{1 + i % 4}, std::int64_t{1 + i % 5}, "7", "431010000",
                       at.substr(0, 10), "2027-12-31", "valid", at, at}));
    }
    return p.Flush();
  }));

  // Cases in transactions of 20,000, each with its five tasks and what its process records.
  const char* processes[] = {"job-seeker-registration",  "job-seeker-registration",
                             "unemployed-registration",  "active-measures-referral",
                             "active-measures-referral", "active-measures-referral",
                             "subsidised-jobs",          "special-workplaces",
                             "voluntary-relocation",     "job-seeker-registration"};
  const char* measures[] = {"referral_employment", "referral_youth_practice",
                            "referral_social_jobs", "referral_public_works", "refusal"};
  constexpr int kBatch = 20'000;
  std::int64_t contract = 0;
  for (int start = 0; start < cases; start += kBatch) {
    JUMYS_TRY(db.Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto last, tx.Query("SELECT COALESCE(MAX(id), 0) FROM cases"));
      std::int64_t id = last.Int(0, 0);
      BulkInsert c(tx, "cases",
                   {"id", "number", "process", "version", "channel", "office_id", "applicant_iin",
                    "status", "decided_kind", "grounds", "assignees", "documents", "data",
                    "row_version", "created_by", "created_at", "updated_at", "closed_at"});
      BulkInsert t(tx, "tasks",
                   {"case_id", "step", "ref", "kind", "role", "office_id", "limit_text",
                    "created_at", "due_at", "completed_at", "completed_by", "outcome", "data"},
                   &c);
      BulkInsert h(tx, "employment_card_history",
                   {"iin", "at", "actor", "action", "case_id", "data"}, &c);
      BulkInsert pl(
          tx, "placements",
          {"case_id", "vacancy_id", "person_iin", "employer_bin", "office_id", "vacancy_office_id",
           "status", "hired_on", "reason", "created_by", "created_at", "updated_at"},
          &c);
      BulkInsert k(
          tx, "contracts",
          {"case_id", "number", "programme", "office_id", "contractor_bin", "contractor_name",
           "amount", "proposed_amount", "amount_reason", "starts_on", "ends_on", "status",
           "return_reasons", "refusal_reason", "created_at", "updated_at"},
          &c);
      std::vector<std::pair<std::int64_t, std::string>> contracts;  // case, office
      for (int i = start; i < std::min(cases, start + kBatch); ++i) {
        ++id;
        const std::string process = processes[i % 10];
        const std::string& office = offices[i % offices.size()];
        const int day = static_cast<int>(rng() % 365);
        const std::string created = At(day, 240 + static_cast<int>(rng() % 480));
        const std::string closed = At(day, 720);
        const std::string iin = std::to_string(900000000000LL + i);
        const std::string decided =
            process == "active-measures-referral" ? measures[rng() % 5] : "";
        JUMYS_TRY(c.Add({id, "B-" + std::to_string(id), process, "v", "office", office, iin,
                         "completed", decided.empty() ? Value(nullptr) : Value(decided), "[]", "{}",
                         "[]", "{}", std::int64_t{1}, "bench", created, closed, closed}));
        for (int s = 0; s < 5; ++s) {
          const std::string done = At(day, 250 + static_cast<int>(rng() % 400) + s * 60);
          const std::string due = At(day, 300 + s * 60);
          JUMYS_TRY(t.Add({id, "step" + std::to_string(s), std::to_string(s + 1), "user",
                           "executor", office, "1wd", created, due, done, "bench", "done", "{}"}));
          ++out.tasks;
        }
        if (process == "job-seeker-registration" || process == "unemployed-registration") {
          const char* action =
              process == "job-seeker-registration" ? "created" : "marked_unemployed";
          JUMYS_TRY(h.Add({iin, closed, "bench", action, id, "{}"}));
          if (i % 30 == 0) JUMYS_TRY(h.Add({iin, closed, "bench", "deregistered", id, "{}"}));
        }
        if (decided == "referral_employment") {
          const bool hired = rng() % 2 == 0;
          const std::int64_t vacancy = vacancy_first + static_cast<std::int64_t>(rng() % vacancies);
          JUMYS_TRY(pl.Add(
              {id, vacancy, iin, demo::kDemoEmployerBin, office, office,
               hired ? "hired" : "not_hired", hired ? Value(closed.substr(0, 10)) : Value(nullptr),
               hired ? Value(nullptr) : Value("did_not_come"), "bench", closed, closed}));
        }
        if (process == "subsidised-jobs" || process == "special-workplaces") {
          JUMYS_TRY(k.Add({id, "K-" + std::to_string(id), process, office, demo::kDemoEmployerBin,
                           "Bench", std::int64_t{100}, std::int64_t{100}, "", Day(day),
                           "2027-12-31", "in_force", "[]", "", closed, closed}));
          contracts.emplace_back(id, office);
        }
        ++out.cases;
      }
      for (auto* b : {&c, &t, &h, &pl, &k}) JUMYS_TRY(b->Flush());
      // Each contract's monthly reports and orders from its start to the year's end.
      BulkInsert m(tx, "monthly_reports",
                   {"case_id", "contract_id", "period", "employed", "days_worked", "wages_paid",
                    "due_on", "late", "status", "remarks", "filed_by", "filed_at", "updated_at"});
      BulkInsert o(tx, "payment_orders",
                   {"number", "kind", "programme", "office_id", "payee_iin", "payee_bin",
                    "payee_name", "iban", "amount", "period_from", "period_to", "basis",
                    "budget_code", "status", "return_reason", "created_at", "created_by"});
      JUMYS_ASSIGN_OR_RETURN(
          auto ids, tx.Query("SELECT id, case_id, programme, starts_on FROM contracts WHERE id > " +
                             std::to_string(contract) + " ORDER BY id"));
      for (std::size_t r = 0; r < ids.size(); ++r) {
        contract = ids.Int(r, 0);
        const std::string month0 = ids.Text(r, 3).substr(0, 7);
        for (int mth = 0; mth < 12; ++mth) {
          const int y = 2025 + (11 + mth) / 12;
          const int mo = (11 + mth) % 12 + 1;
          char period[8];
          std::snprintf(period, sizeof period, "%04d-%02d", y, mo);
          if (std::string(period) < month0) continue;
          const std::string from = std::string(period) + "-01";
          JUMYS_TRY(m.Add({ids.Int(r, 1), contract, std::string(period), "[]", std::int64_t{20},
                           std::int64_t{100}, from, std::int64_t{mth % 7 == 0 ? 1 : 0}, "accepted",
                           "", "bench", from + "T05:00:00Z", from + "T05:00:00Z"}));
          JUMYS_TRY(
              o.Add({"O-" + std::to_string(contract) + "-" + period, "wage_subsidy", ids.Text(r, 2),
                     offices[r % offices.size()], "", demo::kDemoEmployerBin, "Bench",
                     "KZ86125KZT5004100100", std::int64_t{8500000}, from, from.substr(0, 8) + "28",
                     "contract:" + std::to_string(contract), "254-100",
                     mth % 3 == 0 ? "approved" : "paid", "", from + "T05:00:00Z", "bench"}));
        }
      }
      JUMYS_TRY(m.Flush());
      return o.Flush();
    }));
  }
  if (db.dialect() == storage::Dialect::kPostgres) {
    // The cases were given their ids; the sequence goes on after them.
    JUMYS_TRY(
        db.ExecScript("SELECT setval(pg_get_serial_sequence('cases', 'id'), "
                      "(SELECT MAX(id) FROM cases))"));
  }
  JUMYS_TRY(db.ExecScript("ANALYZE"));
  return out;
}

struct Timing {
  double median_ms = 0, worst_ms = 0;
};

template <typename F>
Timing Time(int runs, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = SteadyClock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms.back()};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The analyst's dashboards over a year of one oblast"};
  jumys::bench::Options o;
  int cases = 100'000;
  int runs = 5;
  bool reuse = false;
  app.add_option("--db", o.db, "sqlite:PATH or postgresql://...")->required();
  app.add_option("--cases", cases, "cases in the oblast's year");
  app.add_option("--runs", runs, "runs of each measurement");
  app.add_flag("--reuse", reuse, "measure the store as it is, loading nothing (profiling)");
  CLI11_PARSE(app, argc, argv);
  jumys::SetupLogging("error");
  try {
    auto rt = jumys::bench::OpenRuntime(o);
    std::vector<std::string> offices;
    for (const auto& office : rt->offices().All()) {
      if (office->oblast_kato == "430000000") offices.push_back(office->id);
    }
    const auto load_start = SteadyClock::now();
    auto loaded = reuse ? jumys::Expected<Loaded>(Loaded{}) : LoadYear(rt->db(), offices, cases);
    if (!loaded) throw std::runtime_error(loaded.error().message + " " + loaded.error().internal);
    const double load_s = std::chrono::duration<double>(SteadyClock::now() - load_start).count();
    std::printf("loaded %lld cases, %lld tasks over %zu offices in %.1f s\n",
                static_cast<long long>(loaded->cases), static_cast<long long>(loaded->tasks),
                offices.size(), load_s);
    // The tasks were written directly, as before an upgrade: measured once, as at a start.
    const auto fill_start = SteadyClock::now();
    auto measured = jumys::FillMissingTaskDurations(rt->db(), rt->offices(), rt->calendar());
    if (!measured) {
      throw std::runtime_error(measured.error().message + " " + measured.error().internal);
    }
    std::printf("measured %lld tasks' working time once in %.1f s\n",
                static_cast<long long>(*measured),
                std::chrono::duration<double>(SteadyClock::now() - fill_start).count());

    const jumys::Date from{std::chrono::year{2025}, std::chrono::December, std::chrono::day{1}};
    const jumys::Date to{std::chrono::year{2026}, std::chrono::November, std::chrono::day{30}};
    std::size_t rows = 0;
    const auto dashboards = Time(runs, [&] {
      auto tables = rt->dashboards().Build({from, to, offices, "", true});
      if (!tables) throw std::runtime_error(tables.error().message + " " + tables.error().internal);
      rows = 0;
      for (const auto& t : *tables) rows += t.rows.size();
    });
    const auto without_sla = Time(runs, [&] {
      auto tables = rt->dashboards().Build({from, to, offices, "", false});
      if (!tables) throw std::runtime_error(tables.error().message + " " + tables.error().internal);
    });
    std::int64_t report_completed = 0, report_breaches = 0;
    const auto sla = Time(runs, [&] {
      auto report = rt->sla_reports().Build({from, to, "", offices, "", ""});
      if (!report) throw std::runtime_error(report.error().message);
      report_completed = report_breaches = 0;
      for (const auto& step : report->steps) {
        report_completed += step.count;
        report_breaches += step.breaches;
      }
    });
    // The dashboards' SLA table must count what the report counts.
    auto tables = rt->dashboards().Build({from, to, offices, "", true});
    if (!tables) throw std::runtime_error(tables.error().message);
    std::int64_t table_completed = 0, table_breaches = 0;
    for (const auto& row : tables->back().rows) {
      table_completed += std::get<std::int64_t>(row[4]);
      table_breaches += std::get<std::int64_t>(row[6]);
    }
    if (table_completed != report_completed || table_breaches != report_breaches) {
      throw std::runtime_error("the SLA table counts " + std::to_string(table_completed) + "/" +
                               std::to_string(table_breaches) + ", the report " +
                               std::to_string(report_completed) + "/" +
                               std::to_string(report_breaches));
    }
    const auto scan = Time(runs, [&] {
      auto counted = rt->db().Read([&](jumys::storage::Tx& tx) -> jumys::Status {
        JUMYS_TRY(tx.Query("SELECT COUNT(*) FROM cases WHERE created_at >= '2025-11-30'"));
        JUMYS_TRY(tx.Query("SELECT COUNT(*) FROM tasks WHERE completed_at >= '2025-11-30'"));
        return {};
      });
      if (!counted) throw std::runtime_error(counted.error().message);
    });
    std::printf("%-50s %10s %10s %8s\n", "measurement", "median ms", "worst ms", "ratio");
    std::printf("%-50s %10.1f %10.1f %8s\n", "baseline: count the year's cases and tasks",
                scan.median_ms, scan.worst_ms, "1.00");
    std::printf("%-50s %10.1f %10.1f %8.2f\n", "baseline: the SLA report, same year and offices",
                sla.median_ms, sla.worst_ms, sla.median_ms / scan.median_ms);
    std::printf("%-50s %10.1f %10.1f %8.2f\n", "dashboards: the eight tables besides SLA",
                without_sla.median_ms, without_sla.worst_ms,
                without_sla.median_ms / scan.median_ms);
    std::printf("%-50s %10.1f %10.1f %8.2f\n", "dashboards: every table (target <= 1000 ms)",
                dashboards.median_ms, dashboards.worst_ms, dashboards.median_ms / scan.median_ms);
    std::printf("dashboards / SLA report: %.2f; %zu rows in the tables; target %s\n",
                dashboards.median_ms / sla.median_ms, rows,
                dashboards.worst_ms <= 1000 ? "met" : "NOT met");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "analytics_bench: " << e.what() << "\n";
    return 1;
  }
}
