#pragma once
// One SQLite connection with its prepared-statement cache. Not thread-safe: the owner (the
// writer mutex or the reader pool) gives it to one thread at a time.
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/string_hash.h"
#include "storage/database.h"

namespace jumys::storage::sqlite {

class Connection {
 public:
  // read_only: opened SQLITE_OPEN_READONLY with query_only; else read-write with WAL,
  // synchronous=FULL and foreign keys on.
  static Expected<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only,
                                                    int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Expected<Rows> Query(std::string_view sql, const Params& params);
  Expected<std::int64_t> Exec(std::string_view sql, const Params& params);
  // sqlite3_exec: several statements, no parameters, not cached.
  Status Script(std::string_view sql);

  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

  // Runs `on_commit(frames in the WAL)` after each commit, in place of SQLite's checkpoint at
  // 1000 frames on the committing connection.
  void OnWalCommit(std::function<void(int frames)> on_commit);
  // A PASSIVE checkpoint: copies the WAL frames no reader still needs into the database file.
  Status Checkpoint();
  // Ends any open transaction; failures are ignored (there may be none left to end).
  void RollbackQuietly();

 private:
  struct Statement {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> slots;  // slots[k] = SQLite parameter index of $k+1
    ~Statement() { sqlite3_finalize(stmt); }
  };
  explicit Connection(sqlite3* db) : db_(db) {}
  Status Pragma(const char* sql, const char* expect);
  // Prepared statement for sql: cached, or owned by `scratch` once the cache is full.
  Expected<Statement*> Prepare(std::string_view sql, std::unique_ptr<Statement>& scratch);
  Status Bind(Statement& st, const Params& params, std::string_view sql);
  // Runs one statement; fills rows (if given) and the number of changed rows (if given).
  Status Run(std::string_view sql, const Params& params, Rows* rows, std::int64_t* changed);

  sqlite3* db_;
  std::function<void(int)> on_wal_commit_;
  std::unordered_map<std::string, std::unique_ptr<Statement>, StringHash, std::equal_to<>> cache_;
};

// Driver result code -> the project's Error (constraint -> kConflict, busy -> kUnavailable).
Error TranslateSqlite(int rc, const char* message, std::string_view sql);

}  // namespace jumys::storage::sqlite
