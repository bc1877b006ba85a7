#include "storage/postgres/pg_database.h"

#include <chrono>
#include <random>
#include <thread>

#include "storage/postgres/pg_connection.h"
#include "storage/storage_internal.h"

namespace jumys::storage::pg {
namespace {

// A transaction on one connection. The first failed statement aborts it; later ones return
// that error without a round trip (the server would answer 25P02 anyway).
class PgTx final : public Tx {
 public:
  explicit PgTx(Connection& conn) : conn_(conn) {}

  Expected<Rows> Query(std::string_view sql, const Params& params) override {
    if (failure_) return internal::AbortedBy(*failure_);
    auto r = conn_.Query(sql, params);
    if (!r) Failed(r.error());
    return r;
  }
  Expected<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    if (failure_) return internal::AbortedBy(*failure_);
    auto r = conn_.Exec(sql, params);
    if (!r) Failed(r.error());
    return r;
  }
  Status ExecScript(std::string_view sql) override {
    if (failure_) return internal::AbortedBy(*failure_);
    auto r = conn_.Script(sql);
    if (!r) {
      Failed(r.error());
      return r;
    }
    if (conn_.TransactionStatus() != PQTRANS_INTRANS) {
      Failed(Error::Internal("script ended the transaction (BEGIN/COMMIT inside a script?)"));
      return *failure_;
    }
    return r;
  }

  const std::optional<Error>& failure() const { return failure_; }
  bool retryable() const { return retryable_; }

 private:
  void Failed(const Error& e) {
    failure_ = e;
    retryable_ = IsRetryableSqlstate(conn_.last_sqlstate());
  }

  Connection& conn_;
  std::optional<Error> failure_;
  bool retryable_ = false;
};

// Opens a transaction. A pooled connection may have died while idle (server restart, idle
// timeout); nothing has run on it yet, so reconnecting and beginning again is safe.
Status Begin(Connection& conn, const char* begin) {
  if (!conn.Broken() && conn.TransactionStatus() != PQTRANS_IDLE) conn.RollbackQuietly();
  if (conn.Broken() || conn.TransactionStatus() != PQTRANS_IDLE) {
    if (auto r = conn.Reconnect(); !r) return r;
  }
  auto s = conn.Command(begin, "BEGIN");
  if (s || !conn.Broken()) return s;
  if (auto r = conn.Reconnect(); !r) return r;
  return conn.Command(begin, "BEGIN");
}

void Backoff(int run) {
  thread_local std::minstd_rand rng(std::random_device{}());
  std::uniform_int_distribution<int> jitter(0, 5 * run);
  std::this_thread::sleep_for(std::chrono::milliseconds(2 * run + jitter(rng)));
}

}  // namespace

Expected<std::unique_ptr<Database>> PgDatabase::Open(const std::string& conninfo,
                                                     const DatabaseOptions& options) {
  if (!PQisthreadsafe()) return Error::Internal("libpq is not built thread-safe");
  std::unique_ptr<PgDatabase> db(new PgDatabase(options));
  for (int i = 0; i < options.readers; ++i) {
    auto conn = Connection::Connect(conninfo);
    if (!conn) return conn.error();
    db->idle_.push_back(conn->get());
    db->connections_.push_back(std::move(*conn));
  }
  return std::unique_ptr<Database>(std::move(db));
}

PgDatabase::PgDatabase(const DatabaseOptions& options) : options_(options) {}

PgDatabase::~PgDatabase() = default;

Connection* PgDatabase::Acquire() {
  std::unique_lock lock(mutex_);
  if (!cv_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                    [&] { return !idle_.empty(); })) {
    return nullptr;
  }
  Connection* conn = idle_.back();
  idle_.pop_back();
  return conn;
}

void PgDatabase::Release(Connection* conn) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(conn);
  }
  cv_.notify_one();
}

Status PgDatabase::Attempt(const char* begin, const std::function<Status(Tx&)>& fn,
                           bool* retryable) {
  *retryable = false;
  Connection* conn = Acquire();
  if (conn == nullptr)
    return internal::Unavailable("timed out waiting for a PostgreSQL connection");
  struct Release {
    PgDatabase* db;
    Connection* conn;
    ~Release() { db->Release(conn); }
  } release{this, conn};

  if (auto b = Begin(*conn, begin); !b) return b;
  PgTx tx(*conn);
  Status result;
  try {
    result = fn(tx);
  } catch (...) {
    conn->RollbackQuietly();
    throw;
  }
  if (!result || tx.failure()) {
    conn->RollbackQuietly();
    *retryable = tx.retryable();
    // A deadlock or serialization failure always surfaces as the driver's kConflict.
    if (result || tx.retryable()) return *tx.failure();
    return result;
  }
  auto c = conn->Command("COMMIT", "COMMIT");
  if (c) return c;
  if (conn->Broken()) {
    // The COMMIT may or may not have reached the server: never rerun fn here.
    Error e = c.error();
    e.internal = "connection lost during COMMIT, outcome unknown: " + e.internal;
    return e;
  }
  *retryable = IsRetryableSqlstate(conn->last_sqlstate());
  conn->RollbackQuietly();
  return c;
}

Status PgDatabase::Read(const std::function<Status(Tx&)>& fn) {
  bool retryable = false;
  // REPEATABLE READ: every statement of fn sees the same snapshot, as SQLite's WAL reads do.
  return Attempt("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn, &retryable);
}

Status PgDatabase::Write(const std::function<Status(Tx&)>& fn) {
  internal::WriteScope scope(this);
  if (scope.nested()) return internal::NestedWriteError();
  for (int run = 1;; ++run) {
    bool retryable = false;
    Status s = Attempt("BEGIN", fn, &retryable);
    if (s || !retryable || run == kMaxWriteRuns) return s;
    Backoff(run);
  }
}

Status PgDatabase::ExecScript(std::string_view sql) {
  return Write([&](Tx& tx) { return tx.ExecScript(sql); });
}

}  // namespace jumys::storage::pg
