#include "storage/sqlite/sqlite_database.h"

#include <chrono>
#include <filesystem>
#include <system_error>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/storage_internal.h"

namespace jumys::storage::sqlite {
namespace {

// WAL frames (pages) past the last checkpoint that start the next one; SQLite's default.
constexpr int kCheckpointFrames = 1000;
// Past this many the checkpoint thread has fallen behind, and the writer checkpoints itself.
constexpr int kWriterCheckpointFrames = 20 * kCheckpointFrames;

// A transaction on one connection. The first failed statement aborts it, as in PostgreSQL.
class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}

  Expected<Rows> Query(std::string_view sql, const Params& params) override {
    if (auto s = Check(); !s) return s.error();
    auto r = conn_.Query(sql, params);
    if (!r) failure_ = r.error();
    return r;
  }
  Expected<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    if (auto s = Check(); !s) return s.error();
    auto r = conn_.Exec(sql, params);
    if (!r) failure_ = r.error();
    return r;
  }
  Status ExecScript(std::string_view sql) override {
    if (auto s = Check(); !s) return s;
    auto r = conn_.Script(sql);
    if (!r) {
      failure_ = r.error();
    } else if (!conn_.InTransaction()) {
      failure_ = Error::Internal("script ended the transaction (BEGIN/COMMIT inside a script?)");
      return *failure_;
    }
    return r;
  }

  const std::optional<Error>& failure() const { return failure_; }

 private:
  Status Check() {
    if (failure_) return internal::AbortedBy(*failure_);
    // Some errors (I/O, full disk) make SQLite roll back by itself; running on would then
    // commit statement by statement.
    if (!conn_.InTransaction()) {
      failure_ = Error::Internal("transaction was rolled back by SQLite");
      return *failure_;
    }
    return {};
  }

  Connection& conn_;
  std::optional<Error> failure_;
};

// Runs fn in tx, then commits, or rolls back on any failure or exception.
Status RunTransaction(Connection& conn, const char* begin, const std::function<Status(Tx&)>& fn) {
  if (conn.InTransaction()) conn.RollbackQuietly();  // left over from a failed rollback
  if (auto b = conn.Exec(begin, {}); !b) return b.error();
  SqliteTx tx(conn);
  Status result;
  try {
    result = fn(tx);
  } catch (...) {
    conn.RollbackQuietly();
    throw;
  }
  if (!result || tx.failure()) {
    conn.RollbackQuietly();
    return result ? Status(*tx.failure()) : result;
  }
  if (auto c = conn.Exec("COMMIT", {}); !c) {
    conn.RollbackQuietly();
    return c.error();
  }
  return {};
}

}  // namespace

Expected<std::unique_ptr<Database>> SqliteDatabase::Open(const std::string& path,
                                                         const DatabaseOptions& options) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Error::Internal("cannot create directory " + parent.string() + ": " + ec.message());
    }
  }
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(options));
  // The writer first: it creates the file and switches it to WAL before readers attach.
  auto writer = Connection::Open(path, false, options.busy_timeout_ms);
  if (!writer) return writer.error();
  db->writer_ = std::move(*writer);
  for (int i = 0; i < options.readers; ++i) {
    auto reader = Connection::Open(path, true, options.busy_timeout_ms);
    if (!reader) return reader.error();
    db->idle_readers_.push_back(reader->get());
    db->readers_.push_back(std::move(*reader));
  }
  auto checkpointer = Connection::Open(path, false, options.busy_timeout_ms);
  if (!checkpointer) return checkpointer.error();
  db->checkpointer_ = std::move(*checkpointer);
  SqliteDatabase* self = db.get();
  db->writer_->OnWalCommit([self](int frames) { self->AfterCommit(frames); });
  db->checkpoint_thread_ = std::thread([self] { self->RunCheckpoints(); });
  return std::unique_ptr<Database>(std::move(db));
}

void SqliteDatabase::AfterCommit(int wal_frames) {
  // On the writer's thread. A WAL that started over since the last commit counts as crossing.
  const bool crossed = wal_frames >= kCheckpointFrames &&
                       wal_frames / kCheckpointFrames != wal_frames_seen_ / kCheckpointFrames;
  wal_frames_seen_ = wal_frames;
  if (wal_frames >= kWriterCheckpointFrames) {
    (void)writer_->Checkpoint();  // what SQLite would do; a failure is retried on the next commit
    return;
  }
  if (!crossed) return;
  {
    std::lock_guard lock(checkpoint_mutex_);
    checkpoint_due_ = true;
  }
  checkpoint_cv_.notify_one();
}

void SqliteDatabase::RunCheckpoints() {
  std::unique_lock lock(checkpoint_mutex_);
  for (;;) {
    checkpoint_cv_.wait(lock, [&] { return checkpoint_due_ || stopping_; });
    if (stopping_) return;
    checkpoint_due_ = false;
    lock.unlock();
    // Busy (another checkpoint running) or failed: the next thousand frames ask again.
    (void)checkpointer_->Checkpoint();
    lock.lock();
  }
}

SqliteDatabase::SqliteDatabase(const DatabaseOptions& options) : options_(options) {}

SqliteDatabase::~SqliteDatabase() {
  if (checkpoint_thread_.joinable()) {
    {
      std::lock_guard lock(checkpoint_mutex_);
      stopping_ = true;
    }
    checkpoint_cv_.notify_one();
    checkpoint_thread_.join();
  }
  checkpointer_.reset();
  // Readers go first so the writer, closing last, checkpoints and removes the WAL.
  idle_readers_.clear();
  readers_.clear();
  writer_.reset();
}

Connection* SqliteDatabase::AcquireReader() {
  std::unique_lock lock(pool_mutex_);
  if (!pool_cv_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                         [&] { return !idle_readers_.empty(); })) {
    return nullptr;
  }
  Connection* conn = idle_readers_.back();
  idle_readers_.pop_back();
  return conn;
}

void SqliteDatabase::ReleaseReader(Connection* conn) {
  {
    std::lock_guard lock(pool_mutex_);
    idle_readers_.push_back(conn);
  }
  pool_cv_.notify_one();
}

Status SqliteDatabase::Read(const std::function<Status(Tx&)>& fn) {
  Connection* conn = AcquireReader();
  if (conn == nullptr) return internal::Unavailable("timed out waiting for a SQLite reader");
  struct Release {
    SqliteDatabase* db;
    Connection* conn;
    ~Release() { db->ReleaseReader(conn); }
  } release{this, conn};
  // BEGIN (deferred) + the first SELECT pin one WAL snapshot until COMMIT.
  return RunTransaction(*conn, "BEGIN", fn);
}

Status SqliteDatabase::Write(const std::function<Status(Tx&)>& fn) {
  internal::WriteScope scope(this);
  if (scope.nested()) return internal::NestedWriteError();
  {
    std::unique_lock lock(writer_mutex_);
    if (!writer_cv_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                             [&] { return !writer_busy_; })) {
      return internal::Unavailable("timed out waiting for the SQLite writer");
    }
    writer_busy_ = true;
  }
  struct Release {
    SqliteDatabase* db;
    ~Release() {
      {
        std::lock_guard lock(db->writer_mutex_);
        db->writer_busy_ = false;
      }
      db->writer_cv_.notify_one();
    }
  } release{this};
  // IMMEDIATE takes the write lock up front (waiting up to busy_timeout for other processes),
  // so a transaction never fails half-way for want of it.
  return RunTransaction(*writer_, "BEGIN IMMEDIATE", fn);
}

Status SqliteDatabase::ExecScript(std::string_view sql) {
  return Write([&](Tx& tx) { return tx.ExecScript(sql); });
}

}  // namespace jumys::storage::sqlite
