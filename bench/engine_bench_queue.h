#pragma once
// The work-queue benchmark: N open cases, each with one open task spread over two offices,
// three roles and a month of due times, bulk-inserted through the storage layer; then the
// queue of each demo account is asked for again and again.
#include <cstdio>

#include "engine_bench_common.h"

namespace jumys::bench {

namespace {

constexpr int kRowsPerStatement = 250;
constexpr int kRowsPerTransaction = 10'000;

struct Seed {
  const char* step;
  const char* ref;
  const char* role;
  const char* limit;
  int minutes;
};

// Inserts cases [first, last) and one open task each.
Status InsertRange(storage::Tx& tx, int first, int last, Instant base) {
  static constexpr Seed kSeeds[] = {{"register", "6.2", "office_clerk", "20min", 20},
                                    {"register", "6.2", "office_clerk", "20min", 20},
                                    {"assign", "6.3", "head", "20min", 20},
                                    {"review", "6.4", "executor", "30min", 30},
                                    {"review", "6.4", "executor", "30min", 30}};
  for (int from = first; from < last; from += kRowsPerStatement) {
    const int to = std::min(last, from + kRowsPerStatement);
    std::string cases =
        "INSERT INTO cases (id, number, process, version, channel, office_id, applicant_iin, "
        "status, grounds, assignees, documents, data, row_version, created_by, created_at, "
        "updated_at) VALUES ";
    std::string tasks =
        "INSERT INTO tasks (case_id, step, ref, kind, role, office_id, assignee, limit_text, "
        "created_at, due_at, data) VALUES ";
    storage::Params cp, tp;
    for (int i = from; i < to; ++i) {
      const bool city = (i / 5) % 10 < 7;  // independent of the role, which follows i % 5
      const Seed& seed = kSeeds[i % 5];
      const Instant created = base + std::chrono::minutes(i % 43'200);
      const std::string at = FormatRfc3339(created);
      const std::string due = FormatRfc3339(created + std::chrono::minutes(seed.minutes));
      const std::string office = city ? "kzo-city" : "kzo-aral";
      auto p = [](storage::Params& params) { return "$" + std::to_string(params.size() + 1); };
      if (i != from) {
        cases += ',';
        tasks += ',';
      }
      cases += "(" + p(cp);
      cp.push_back(std::int64_t{i});
      cases += "," + p(cp);
      cp.push_back("BENCH-" + std::to_string(i));
      cases += ",'job-seeker-registration','kzo-2018-1057','office'," + p(cp);
      cp.push_back(office);
      cases += ",'851102400347','open','[]','{}','[]','{}',1,'bench'," + p(cp);
      cp.push_back(at);
      cases += "," + p(cp) + ")";
      cp.push_back(at);
      tasks += "(" + p(tp);
      tp.push_back(std::int64_t{i});
      tasks += "," + p(tp);
      tp.push_back(std::string(seed.step));
      tasks += "," + p(tp);
      tp.push_back(std::string(seed.ref));
      tasks += ",'user'," + p(tp);
      tp.push_back(std::string(seed.role));
      tasks += "," + p(tp);
      tp.push_back(office);
      tasks += "," + p(tp);
      if (std::string(seed.role) == "executor" && i % 2 == 0) {
        tp.push_back(std::string(city ? "executor" : "executor2"));
      } else {
        tp.push_back(nullptr);
      }
      tasks += "," + p(tp);
      tp.push_back(std::string(seed.limit));
      tasks += "," + p(tp);
      tp.push_back(at);
      tasks += "," + p(tp) + ",'{}')";
      tp.push_back(due);
    }
    JUMYS_TRY(tx.Exec(cases, cp));
    JUMYS_TRY(tx.Exec(tasks, tp));
  }
  return {};
}

Actor Staff(const char* login, Role role, const char* office) {
  Actor a;
  a.user_id = 1;
  a.login = login;
  a.roles.Add(role);
  a.office_id = office;
  return a;
}

}  // namespace

inline int Queue(const Options& o) {
  auto rt = OpenRuntime(o);
  storage::Database& db = rt->db();
  const Instant base = *ParseRfc3339("2026-11-01T04:00:00Z");
  const auto t0 = Clock::now();
  for (int first = 1; first <= o.queue_cases; first += kRowsPerTransaction) {
    const int last = std::min(o.queue_cases + 1, first + kRowsPerTransaction);
    Must(db.Write([&](storage::Tx& tx) { return InsertRange(tx, first, last, base); }), "insert");
  }
  Must(db.ExecScript("ANALYZE"), "analyze");
  const double load_seconds = std::chrono::duration<double>(Clock::now() - t0).count();

  std::vector<double> baseline, service, api;
  for (int i = 0; i < o.queries; ++i) {
    const auto s0 = Clock::now();
    Must(db.Read([](storage::Tx& tx) -> Status {
      JUMYS_TRY(tx.Query("SELECT 1"));
      return {};
    }),
         "baseline");
    baseline.push_back(Ms(Clock::now() - s0));
  }
  const std::vector<Actor> actors = {Staff("clerk", Role::kOfficeClerk, "kzo-city"),
                                     Staff("head", Role::kHead, "kzo-city"),
                                     Staff("executor", Role::kExecutor, "kzo-city"),
                                     Staff("clerk2", Role::kOfficeClerk, "kzo-aral"),
                                     Staff("head2", Role::kHead, "kzo-aral"),
                                     Staff("executor2", Role::kExecutor, "kzo-aral")};
  std::size_t rows = 0;
  for (int i = 0; i < o.queries; ++i) {
    const auto s0 = Clock::now();
    auto q =
        rt->cases().Queue(actors[static_cast<std::size_t>(i) % actors.size()], 100, std::nullopt);
    service.push_back(Ms(Clock::now() - s0));
    if (!q) throw std::runtime_error("queue: " + q.error().message + " " + q.error().internal);
    rows += q->size();
  }
  std::vector<std::string> tokens;
  for (const auto& a : actors) tokens.push_back(Login(*rt, a.login));
  for (int i = 0; i < o.queries; ++i) {
    const auto s0 = Clock::now();
    auto r =
        Call(*rt, "GET", "/api/v1/tasks", "", tokens[static_cast<std::size_t>(i) % tokens.size()]);
    api.push_back(Ms(Clock::now() - s0));
    if (r.status != 200) throw std::runtime_error("GET /tasks: " + r.body);
  }
  const char* store = db.dialect() == storage::Dialect::kSqlite ? "SQLite" : "PostgreSQL";
  std::printf("work queue with %d open cases on %s (loaded in %.1f s), %d queries each\n",
              o.queue_cases, store, load_seconds, o.queries);
  std::printf("%-52s%10s%10s\n", "query", "p50 ms", "p99 ms");
  std::printf("%-52s%10.3f%10.3f\n", "SELECT 1 (baseline)", Percentile(baseline, 0.5),
              Percentile(baseline, 0.99));
  std::printf("%-52s%10.3f%10.3f\n", "work queue, first 100 by due time (CaseService)",
              Percentile(service, 0.5), Percentile(service, 0.99));
  std::printf("%-52s%10.3f%10.3f\n", "GET /api/v1/tasks in-process (session, JSON)",
              Percentile(api, 0.5), Percentile(api, 0.99));
  std::printf("ratio queue p99 / baseline p99: %.1f; tasks per answer: %.0f\n",
              Percentile(service, 0.99) / Percentile(baseline, 0.99),
              static_cast<double>(rows) / o.queries);
  const bool met = Percentile(service, 0.99) <= 10.0;
  std::printf("target queue p99 <= 10 ms: %s\n", met ? "met" : "NOT met");
  return rows > 0 ? 0 : 1;
}

}  // namespace jumys::bench
