// Engine benchmarks (issue 3, item 9), each with a baseline measured in the same run:
//   --mode completions  end-to-end task completions per second over HTTP (S1 office cases
//                       worked through all five steps by concurrent clients); baselines: GET
//                       /healthz over the same connections, and bare durable commits/s.
//   --mode queue        the work-queue query's p50/p99 with N open cases in the store (bulk
//                       inserted through the storage layer); baseline: SELECT 1.
// Targets: >= 3,000 durable completions/s on SQLite; queue p99 <= 10 ms.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <thread>

#include "app/logging.h"
#include "bench_http_client.h"
#include "core/base64.h"
#include "engine_bench_common.h"
#include "engine_bench_queue.h"
#include "http/server.h"
#include "security/eds_test_support.h"
#include "storage/audit_log.h"

namespace jumys::bench {
namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Requests/s of GET /healthz with `clients` keep-alive connections for `seconds`.
std::pair<double, double> Healthz(std::uint16_t port, int clients, int seconds) {
  std::atomic<long> done{0};
  std::vector<std::vector<double>> latencies(clients);
  const auto stop = Clock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      HttpConnection conn(port);
      std::string body;
      while (Clock::now() < stop) {
        const auto t0 = Clock::now();
        if (conn.Call("GET", "/healthz", "", "", body) != 200) throw std::runtime_error("healthz");
        latencies[c].push_back(Ms(Clock::now() - t0));
        ++done;
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  return {static_cast<double>(done) / seconds, Percentile(all, 0.99)};
}

// Bare durable commits per second: one writer, one tiny transaction each.
double BareCommits(storage::Database& db) {
  Must(db.ExecScript("CREATE TABLE IF NOT EXISTS bench_commits (n INTEGER)"), "table");
  constexpr int kCommits = 500;
  const auto t0 = Clock::now();
  for (int i = 0; i < kCommits; ++i) {
    Must(db.Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(tx.Exec("INSERT INTO bench_commits (n) VALUES ($1)", {std::int64_t{i}}));
      return {};
    }),
         "commit");
  }
  return kCommits / std::chrono::duration<double>(Clock::now() - t0).count();
}

int Completions(const Options& o) {
  auto rt = OpenRuntime(o);
  const std::map<std::string, std::string> tokens = {{"clerk", Login(*rt, "clerk")},
                                                     {"head", Login(*rt, "head")},
                                                     {"executor", Login(*rt, "executor")}};
  const json start = {{"process", "job-seeker-registration"},
                      {"channel", "office"},
                      {"applicant", {{"iin", "851102400347"}}},
                      {"documents",
                       {{{"type", "application"}},
                        {{"type", "identity_document"}, {"valid_until", "2031-01-01"}}}}};
  const int total_cases = o.clients * o.cases_per_client;
  std::vector<std::int64_t> first_tasks;
  for (int i = 0; i < total_cases; ++i) {
    auto r = Call(*rt, "POST", "/api/v1/cases", start.dump(), tokens.at("clerk"));
    if (r.status != 201) throw std::runtime_error("case: " + r.body);
    first_tasks.push_back(json::parse(r.body)["tasks"][0]["id"]);
  }
  http::ServerOptions so;
  so.port = 0;
  so.worker_threads = o.workers;
  so.access_log = false;
  http::Server server(so, [&](http::HttpRequest& request) { return rt->api().Handle(request); });
  auto port = server.Start();
  if (!port) throw std::runtime_error(port.error().message);

  const auto [health_rps, health_p99] = Healthz(*port, o.clients, o.baseline_seconds);
  const double commits = BareCommits(rt->db());

  struct Turn {
    const char* login;
    const char* outcome;
    const char* data;
  };
  const Turn turns[] = {{"clerk", "accepted", "{}"},
                        {"head", "assigned", R"({"assignee":"executor"})"},
                        {"executor", "approve", "{}"},
                        {"head", "signed", "{}"},
                        {"clerk", "handed_over", "{}"}};
  std::atomic<long> completed{0}, failed{0};
  std::vector<std::vector<double>> latencies(o.clients);
  std::string first_failure;
  std::mutex failure_mutex;
  auto opened = testing::OpenKeyFile(BenchDevCa() / "head.p12", kDevCaPassword);
  if (!opened) throw std::runtime_error("head.p12: " + opened.error().message);
  const testing::OpenedKeyFile head_key = std::move(*opened);
  // Where each case stands: its open task, and the head's signature for 6.5 once made.
  std::vector<std::int64_t> open_task = first_tasks;
  std::vector<std::string> signatures(open_task.size());

  // Runs `fn(client, case index)` for every case, one thread per client.
  auto for_every_case = [&](const std::function<void(HttpConnection&, std::size_t)>& fn) {
    std::vector<std::thread> threads;
    for (int c = 0; c < o.clients; ++c) {
      threads.emplace_back([&, c] {
        HttpConnection conn(*port);
        for (int k = 0; k < o.cases_per_client; ++k) {
          fn(conn, static_cast<std::size_t>(c * o.cases_per_client + k));
        }
      });
    }
    for (auto& t : threads) t.join();
  };
  // Completes turns [from, to) of one case, timing each completion.
  auto complete_turns = [&](HttpConnection& conn, std::size_t i, std::size_t from, std::size_t to) {
    std::string body;
    std::int64_t& task = open_task[i];
    auto& mine = latencies[i / static_cast<std::size_t>(o.cases_per_client)];
    for (std::size_t t = from; t < to && task != 0; ++t) {
      const Turn& turn = turns[t];
      std::string request =
          std::string(R"({"outcome":")") + turn.outcome + R"(","data":)" + turn.data;
      if (std::string_view(turn.outcome) == "signed") {
        request += R"(,"signature":")" + signatures[i] + "\"";
      }
      request += "}";
      const auto s0 = Clock::now();
      const int status = conn.Call("POST", "/api/v1/tasks/" + std::to_string(task) + "/complete",
                                   tokens.at(turn.login), request, body);
      mine.push_back(Ms(Clock::now() - s0));
      if (status != 200) {
        ++failed;
        std::lock_guard lock(failure_mutex);
        if (first_failure.empty()) {
          first_failure = std::string(turn.outcome) + " of task " + std::to_string(task) + " by " +
                          turn.login + ": " + std::to_string(status) + " " + body;
        }
        task = 0;
        return;
      }
      ++completed;
      // The next task: the open one (keys are sorted, so its "id" comes before "open").
      // Found by search: a full parse here would load the client, not the server.
      const auto open = body.find("\"open\":true");
      task =
          open == std::string::npos ? 0 : std::stoll(body.substr(body.rfind("\"id\":", open) + 5));
    }
  };

  // Timed: 6.2-6.4. Then the head reads each draft PDF and signs it with the key file, as the
  // app does: a read that renders the document, timed on its own. Timed again: 6.5 (the
  // signature verified, the signed document stored) and 6.6.
  const double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  for_every_case([&](HttpConnection& conn, std::size_t i) { complete_turns(conn, i, 0, 3); });
  double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  double cpu = CpuSeconds() - cpu0;
  const long before_signing = completed;
  const double before_signing_seconds = seconds;

  const auto d0 = Clock::now();
  std::atomic<long> drafts{0};
  for_every_case([&](HttpConnection& conn, std::size_t i) {
    if (open_task[i] == 0) return;
    std::string pdf;
    if (conn.Call("GET", "/api/v1/tasks/" + std::to_string(open_task[i]) + "/document",
                  tokens.at("head"), "", pdf) != 200) {
      throw std::runtime_error("draft: " + pdf.substr(0, 200));
    }
    auto signature = testing::SignWithKey(head_key, pdf);
    if (!signature) throw std::runtime_error("sign: " + signature.error().message);
    signatures[i] = Base64Encode(*signature);
    ++drafts;
  });
  const double draft_seconds = std::chrono::duration<double>(Clock::now() - d0).count();

  const double cpu1 = CpuSeconds();
  t0 = Clock::now();
  for_every_case(
      [&](HttpConnection& conn, std::size_t i) { complete_turns(conn, i, 3, std::size(turns)); });
  const double signing_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  seconds += signing_seconds;
  cpu += CpuSeconds() - cpu1;
  server.Stop();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::int64_t closed = 0;
  Must(rt->db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows,
                           tx.Query("SELECT COUNT(*) FROM cases WHERE status = 'completed'"));
    closed = rows.Int(0, 0);
    return {};
  }),
       "count");
  auto audit = storage::VerifyAudit(rt->db());
  const double rate = completed / seconds;
  const char* store = rt->db().dialect() == storage::Dialect::kSqlite ? "SQLite" : "PostgreSQL";
  std::printf("%-48s%12s%10s%10s\n", "engine completions", "per second", "p50 ms", "p99 ms");
  std::printf("%-48s%12.0f%10s%10.2f\n", "GET /healthz (baseline)", health_rps, "", health_p99);
  std::printf("%-48s%12.0f\n", "bare durable commit, 1 writer (baseline)", commits);
  std::printf("%-48s%12.0f%10.2f%10.2f\n",
              (std::string("POST /tasks/{id}/complete, ") + store).c_str(), rate,
              Percentile(all, 0.5), Percentile(all, 0.99));
  std::printf(
      "completions: %ld in %.2f s by %d clients, %ld failed%s%s; %lld of %d cases completed; "
      "audit chain %s\n",
      completed.load(), seconds, o.clients, failed.load(), first_failure.empty() ? "" : ": ",
      first_failure.substr(0, 200).c_str(), static_cast<long long>(closed), total_cases,
      audit && audit->ok ? "intact" : "BROKEN");
  std::printf("ratio completions / healthz: %.3f; completions / bare commits: %.1f\n",
              rate / health_rps, rate / commits);
  // The machine may be shared: CPU time per completion (server and client threads together)
  // says what the rate would be with the cores to ourselves.
  std::printf("CPU per completion (server + client): %.0f us; %.1f of %u cores busy on average\n",
              1e6 * cpu / static_cast<double>(completed), cpu / seconds,
              std::thread::hardware_concurrency());
  std::printf(
      "by phase: 6.2-6.4 %.0f completions/s; 6.5-6.6 (signature verified, document "
      "stored) %.0f completions/s\n",
      before_signing / before_signing_seconds, (completed - before_signing) / signing_seconds);
  std::printf(
      "head's draft PDFs rendered, downloaded and signed (between the timed phases): "
      "%ld at %.0f per second\n",
      drafts.load(), drafts / draft_seconds);
  if (rt->db().dialect() == storage::Dialect::kSqlite) {
    std::printf("target >= 3000 durable completions/s on SQLite: %s\n",
                rate >= 3000 ? "met" : "NOT met");
  }
  return failed == 0 && closed == total_cases && audit && audit->ok ? 0 : 1;
}

}  // namespace
}  // namespace jumys::bench

int main(int argc, char** argv) {
  jumys::bench::Options o;
  CLI::App app{"engine benchmarks"};
  app.add_option("--db", o.db, "sqlite:PATH or postgresql://...")->required();
  app.add_option("--mode", o.mode, "completions | queue")
      ->check(CLI::IsMember({"completions", "queue"}));
  app.add_option("--clients", o.clients);
  app.add_option("--workers", o.workers);
  app.add_option("--cases-per-client", o.cases_per_client);
  app.add_option("--baseline-seconds", o.baseline_seconds);
  app.add_option("--queue-cases", o.queue_cases);
  app.add_option("--queries", o.queries);
  CLI11_PARSE(app, argc, argv);
  jumys::SetupLogging("error");
  try {
    return o.mode == "completions" ? jumys::bench::Completions(o) : jumys::bench::Queue(o);
  } catch (const std::exception& e) {
    std::cerr << "engine_bench: " << e.what() << "\n";
    return 1;
  }
}
