// Matching (issue 17, item 5; docs/MATCHING.md): the demo job seeker's top-20 suitable vacancies
// with N published vacancies (1,000,000 by default) on SQLite or PostgreSQL, p50/p99 in
// process (MatchingService) and through the API (session, JSON), beside a baseline measured in
// the same run (the seeker's profile read by its key). Prints the process's RSS, and the
// PostgreSQL backend's when it runs on this machine. Target: top-20 p99 <= 20 ms.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>

#include "app/logging.h"
#include "bulk_load.h"
#include "engine_bench_common.h"
#include "services/demo/demo_data.h"

namespace jumys::bench {
namespace {

constexpr int kRowsPerStatement = 500;
constexpr int kRowsPerTransaction = 20'000;

// Oblast prefixes of Kazakhstan's KATO (17 regions and 3 cities of republican significance).
constexpr const char* kOblasts[] = {"10", "11", "15", "19", "23", "27", "31", "35", "39", "43",
                                    "47", "51", "55", "59", "63", "71", "75", "79", "61", "33"};
constexpr const char* kTimes[] = {"full_time", "part_time", "shift", "rotation", "remote"};

Status InsertRange(storage::Tx& tx, int first, int last, std::mt19937& rng) {
  for (int from = first; from < last; from += kRowsPerStatement) {
    const int to = std::min(last, from + kRowsPerStatement);
    std::string sql =
        "INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, "
        "wage_tiyn, working_time, workplaces, requirements, disability_suitable, status, "
        "created_by, created_at, updated_at) VALUES ";
    for (int i = from; i < to; ++i) {
      const std::string nkz = std::to_string(1000 + rng() % 9000);  // 4 digits, groups 1-9
      const char* oblast = kOblasts[rng() % std::size(kOblasts)];
      const std::string kato = std::string(oblast) + std::to_string(10 + rng() % 40) + "10000";
      const std::string wage = std::to_string((85'000 + rng() % 600'000) * 100);
      const char* must = rng() % 3 == 0 ? R"({"must":[{"kind":"driving_licence","value":"C"}]})"
                                        : R"({"must":[{"kind":"language","value":"kk"}]})";
      if (i != from) sql += ',';
      sql += "('080540001238','kzo-city','Vacancy " + std::to_string(i) + "','','" + nkz + "','" +
             kato + "'," + wage + ",'" + kTimes[rng() % 5] + "',1,'" + must + "'," +
             (rng() % 10 == 0 ? "1" : "0") +
             ",'published','bench','2026-11-01T00:00:00Z','2026-11-01T00:00:00Z')";
    }
    JUMYS_TRY(tx.Exec(sql, {}));
  }
  return {};
}

std::string RssOf(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return line.substr(6);
  }
  return " (not on this machine)";
}

int Run(const Options& o, int vacancies) {
  auto rt = OpenRuntime(o);
  storage::Database& db = rt->db();
  std::mt19937 rng(17);
  const auto t0 = Clock::now();
  Must(bench::LoadVacancies(db,
                            [&]() -> Status {
                              for (int first = 0; first < vacancies; first += kRowsPerTransaction) {
                                const int last = std::min(vacancies, first + kRowsPerTransaction);
                                JUMYS_TRY(db.Write([&](storage::Tx& tx) {
                                  return InsertRange(tx, first, last, rng);
                                }));
                              }
                              return {};
                            }),
       "load");
  const double load_seconds = std::chrono::duration<double>(Clock::now() - t0).count();

  const std::string iin = demo::kDemoSeekerIin;
  const std::string token = Login(*rt, "seeker");
  std::vector<double> baseline, api;
  std::size_t found = 0;
  for (int q = 0; q < o.queries; ++q) {
    auto s0 = Clock::now();
    Must(db.Read([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(tx.Query("SELECT document FROM seeker_profiles WHERE iin = $1", {iin}));
      return {};
    }),
         "baseline");
    baseline.push_back(Ms(Clock::now() - s0));
    s0 = Clock::now();
    auto m = Call(*rt, "GET", "/api/v1/people/" + iin + "/matches", "", token);
    api.push_back(Ms(Clock::now() - s0));
    if (m.status != 200) throw std::runtime_error("matches: " + m.body);
    found = json::parse(m.body)["items"].size();
  }
  std::printf("matching with %d published vacancies on %s (loaded in %.1f s), %d queries each\n",
              vacancies, db.dialect() == storage::Dialect::kSqlite ? "SQLite" : "PostgreSQL",
              load_seconds, o.queries);
  std::printf("%-52s%10s%10s\n", "query", "p50 ms", "p99 ms");
  std::printf("%-52s%10.3f%10.3f\n", "profile by key (baseline)", Percentile(baseline, 0.5),
              Percentile(baseline, 0.99));
  std::printf("%-52s%10.3f%10.3f\n", "GET /people/{iin}/matches top 20 in-process",
              Percentile(api, 0.5), Percentile(api, 0.99));
  std::printf("ratio matches p99 / baseline p99: %.1f; vacancies per answer: %zu\n",
              Percentile(api, 0.99) / Percentile(baseline, 0.99), found);
  std::printf("process RSS:%s\n", RssOf("self").c_str());
  if (db.dialect() == storage::Dialect::kPostgres) {
    std::string backend;
    Must(db.Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT pg_backend_pid()::text", {}));
      backend = rows.Text(0, 0);
      return {};
    }),
         "backend pid");
    std::printf("PostgreSQL backend RSS:%s\n", RssOf(backend).c_str());
  }
  const bool met = Percentile(api, 0.99) <= 20.0;
  std::printf("target top-20 p99 <= 20 ms: %s\n", met ? "met" : "NOT met");
  return 0;
}

}  // namespace
}  // namespace jumys::bench

int main(int argc, char** argv) {
  jumys::bench::Options o;
  o.queries = 200;
  int vacancies = 1'000'000;
  CLI::App app{"matching benchmark"};
  app.add_option("--db", o.db, "sqlite:PATH or postgresql://...")->required();
  app.add_option("--vacancies", vacancies);
  app.add_option("--queries", o.queries);
  CLI11_PARSE(app, argc, argv);
  jumys::SetupLogging("error");
  try {
    return jumys::bench::Run(o, vacancies);
  } catch (const std::exception& e) {
    std::cerr << "matching_bench: " << e.what() << "\n";
    return 1;
  }
}
