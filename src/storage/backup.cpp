#include "storage/backup.h"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "storage/database.h"

extern char** environ;

namespace jumys::storage {

namespace {

namespace fs = std::filesystem;

constexpr int kBusyMs = 5000;
constexpr int kBusyRetries = 200;  // a writer's commit holds the lock for milliseconds

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

Expected<SqliteHandle> OpenSqlite(const fs::path& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_EXRESCODE, nullptr);
  SqliteHandle db(raw);
  if (rc != SQLITE_OK) {
    return Error::Invalid(
        "backup.cannot_open"_msg, "cannot open {path}: {reason}",
        {{"path", path.string()}, {"reason", raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)}});
  }
  sqlite3_busy_timeout(raw, kBusyMs);
  return db;
}

// The first column of the first row of `sql`, as text ("" when there is none).
Expected<std::string> Scalar(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    return Error::Internal(std::string("backup: ") + sqlite3_errmsg(db));
  }
  std::string out;
  const int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    return Error::Internal(std::string("backup: ") + sqlite3_errmsg(db));
  }
  return out;
}

// A store this program made: whole, and with its migrations table.
Status CheckSqliteStore(sqlite3* db, const fs::path& path) {
  JUMYS_ASSIGN_OR_RETURN(const std::string integrity, Scalar(db, "PRAGMA integrity_check"));
  JUMYS_ASSIGN_OR_RETURN(const std::string migrations,
                         Scalar(db,
                                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = "
                                "'schema_migrations'"));
  if (integrity != "ok" || migrations.empty()) {
    return Error::Invalid("backup.not_a_store"_msg,
                          "{path} is not a whole jumys store (integrity: {integrity})",
                          {{"path", path.string()}, {"integrity", integrity}});
  }
  return {};
}

// Copies every page of `from` into `to` as one consistent snapshot, retrying while a writer
// holds the lock.
Status CopyPages(sqlite3* from, sqlite3* to) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return Error::Internal(std::string("backup: ") + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  for (int tries = 0; tries < kBusyRetries; ++tries) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    return Error::Make(ErrorCode::kUnavailable, "backup.busy"_msg,
                       "the store stayed locked; try again");
  }
  return {};
}

Status SyncFile(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return Error::Internal("backup: cannot sync " + path.string());
  }
  ::close(fd);
  return {};
}

// `part` renamed to `out`, durable: the file, then the directory entry.
Status Publish(const fs::path& part, const fs::path& out) {
  JUMYS_TRY(SyncFile(part));
  std::error_code ec;
  fs::rename(part, out, ec);
  if (ec) return Error::Internal("backup: cannot rename to " + out.string() + ": " + ec.message());
  return SyncFile(out.parent_path().empty() ? fs::path(".") : out.parent_path());
}

// `from` copied page by page into a new single-file database `part`, checked, then `out`.
Status CopySqlite(const fs::path& from, const fs::path& out) {
  const fs::path part = out.string() + ".part";
  std::error_code ec;
  fs::remove(part, ec);
  JUMYS_ASSIGN_OR_RETURN(auto source, OpenSqlite(from, SQLITE_OPEN_READONLY));
  JUMYS_TRY(CheckSqliteStore(source.get(), from));
  {
    JUMYS_ASSIGN_OR_RETURN(auto target,
                           OpenSqlite(part, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    Status copied = CopyPages(source.get(), target.get());
    // One file, no WAL beside it: a copy that can be moved and opened anywhere.
    if (copied) {
      auto mode = Scalar(target.get(), "PRAGMA journal_mode = DELETE");
      if (!mode) copied = mode.error();
    }
    if (copied) copied = CheckSqliteStore(target.get(), part);
    if (!copied) {
      target.reset();
      fs::remove(part, ec);
      return copied.error();
    }
  }
  return Publish(part, out);
}

// Runs `argv` and waits; its output goes to this process's stdout and stderr.
Status Run(const std::vector<std::string>& argv, const char* what) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) {
    return Error::Make(ErrorCode::kUnavailable, "backup.tool_missing"_msg,
                       "{tool} is not installed (the postgresql-client package)",
                       {{"tool", argv[0]}});
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Error::Internal(std::string(what) + " failed (exit " +
                           std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  }
  return {};
}

// pg_dump and pg_restore take a libpq URI or keyword string as the database name.
std::string PgConninfo(const std::string& url) {
  return StartsWith(url, "pg:") ? url.substr(3) : url;
}

bool IsSqlite(const std::string& url) { return StartsWith(url, "sqlite:"); }

Status RestorePostgres(const fs::path& in, const std::string& url) {
  JUMYS_ASSIGN_OR_RETURN(auto db, OpenDatabase(url, {1, kBusyMs, 30000}));
  std::int64_t tables = 0;
  JUMYS_TRY(db->Read([&](Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM information_schema.tables "
                                               "WHERE table_schema = current_schema()"));
    tables = rows.Int(0, 0);
    return {};
  }));
  db.reset();
  if (tables > 0) {
    return Error::Conflict("backup.target_not_empty"_msg,
                           "the target database already has tables: restore into a fresh one");
  }
  return Run({"pg_restore", "--exit-on-error", "--single-transaction", "--no-owner",
              "--no-privileges", "--dbname=" + PgConninfo(url), in.string()},
             "pg_restore");
}

}  // namespace

Expected<BackupResult> BackupStore(const std::string& url, const fs::path& out) {
  BackupResult result;
  if (IsSqlite(url)) {
    // Opened read-only: a mistyped path is refused, not made into an empty store.
    JUMYS_TRY(CopySqlite(url.substr(7), out));
    result.format = "sqlite";
  } else {
    JUMYS_TRY(OpenDatabase(url, {1, kBusyMs, 30000}));
    const fs::path part = out.string() + ".part";
    JUMYS_TRY(Run(
        {"pg_dump", "--format=custom", "--file=" + part.string(), "--dbname=" + PgConninfo(url)},
        "pg_dump"));
    JUMYS_TRY(Publish(part, out));
    result.format = "pg_dump-custom";
  }
  std::error_code ec;
  result.bytes = fs::file_size(out, ec);
  return result;
}

Status RestoreStore(const fs::path& in, const std::string& url) {
  std::error_code ec;
  if (!fs::is_regular_file(in, ec)) {
    return Error::Invalid("backup.no_file"_msg, "no backup file {path}", {{"path", in.string()}});
  }
  if (!IsSqlite(url)) return RestorePostgres(in, url);
  const fs::path target = url.substr(7);
  for (const char* suffix : {"", "-wal", "-journal"}) {
    if (fs::exists(target.string() + suffix, ec)) {
      return Error::Conflict("backup.target_exists"_msg,
                             "{path} exists: restore into a fresh store",
                             {{"path", target.string() + suffix}});
    }
  }
  return CopySqlite(in, target);
}

}  // namespace jumys::storage
