#include "storage/sqlite/sqlite_connection.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "core/text_fold.h"
#include "storage/storage_internal.h"

namespace jumys::storage::sqlite {
namespace {

// Statements beyond this many distinct texts per connection are prepared per call, so SQL
// built at run time cannot grow the cache without bound.
constexpr std::size_t kMaxCachedStatements = 512;

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "$7" -> 7; anything else (?, :name, $01, $x) -> 0.
int PlaceholderNumber(const char* name) {
  if (name == nullptr || name[0] != '$' || name[1] < '1' || name[1] > '9') return 0;
  std::string_view digits(name + 1);
  int n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return 0;
  return n;
}

std::optional<std::string> CellText(sqlite3_stmt* stmt, int col) {
  switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_INTEGER: {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, sqlite3_column_int64(stmt, col));
      return std::string(buf, end);
    }
    case SQLITE_FLOAT:
      // sqlite3_column_text would keep only 15 digits; this keeps the exact double.
      return internal::FormatDouble(sqlite3_column_double(stmt, col));
    case SQLITE_BLOB: {
      const void* p = sqlite3_column_blob(stmt, col);
      const int n = sqlite3_column_bytes(stmt, col);
      return std::string(static_cast<const char*>(p), static_cast<std::size_t>(n));
    }
    default: {
      const unsigned char* p = sqlite3_column_text(stmt, col);
      const int n = sqlite3_column_bytes(stmt, col);
      return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    }
  }
}

// Resets a statement after use: drops its read lock and the bindings that point into params.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetOnExit() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace

Error TranslateSqlite(int rc, const char* message, std::string_view sql) {
  std::string detail = fmt::format("sqlite {} ({}): {}; sql: {}", rc, sqlite3_errstr(rc),
                                   message ? message : "", internal::Abbreviate(sql));
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      return internal::Conflict("store.already_exists"_msg, "already exists", std::move(detail));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return internal::Conflict("store.related_records"_msg, "conflicts with related records",
                                std::move(detail));
    default:
      break;
  }
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return internal::Unavailable(std::move(detail));
  }
  return Error::Internal(std::move(detail));
}

namespace {

void LowerFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const int size = sqlite3_value_bytes(argv[0]);
  const std::string lower = LowerUtf8(std::string_view(text ? text : "", text ? size : 0));
  sqlite3_result_text(ctx, lower.data(), static_cast<int>(lower.size()), SQLITE_TRANSIENT);
}

}  // namespace

Expected<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool read_only,
                                                       int busy_timeout_ms) {
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // The handle is allocated even when opening fails; the Connection closes it either way.
  std::unique_ptr<Connection> conn(new Connection(db));
  if (rc != SQLITE_OK) {
    return Error::Internal(fmt::format("cannot open SQLite database {}: {}", path,
                                       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  // SQLite's lower() knows only ASCII: lower-case as PostgreSQL does, Cyrillic and Kazakh
  // letters too, so a search by name finds the same on both stores.
  if (sqlite3_create_function_v2(db, "lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                 &LowerFunction, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error::Internal(fmt::format("cannot register lower(): {}", sqlite3_errmsg(db)));
  }
  if (read_only) {
    if (auto s = conn->Pragma("PRAGMA query_only = ON", nullptr); !s) return s.error();
    // Reports read hundreds of thousands of rows: mapped pages spare a pread and a copy of each.
    if (auto s = conn->Pragma("PRAGMA mmap_size = 268435456", nullptr); !s) return s.error();
  } else {
    // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so an
    // acknowledged write survives power loss.
    if (auto s = conn->Pragma("PRAGMA journal_mode = WAL", "wal"); !s) return s.error();
    if (auto s = conn->Pragma("PRAGMA synchronous = FULL", nullptr); !s) return s.error();
    if (auto s = conn->Pragma("PRAGMA foreign_keys = ON", nullptr); !s) return s.error();
    // Each grouped write runs in a savepoint (storage/write_batcher.h), whose journal of the pages
    // it touches would otherwise spill to a temporary file: a few hundred KB per batch.
    if (auto s = conn->Pragma("PRAGMA temp_store = MEMORY", nullptr); !s) return s.error();
  }
  return conn;
}

Connection::~Connection() {
  cache_.clear();  // finalize before closing
  sqlite3_close_v2(db_);
}

Status Connection::Pragma(const char* sql, const char* expect) {
  auto rows = Query(sql, {});
  if (!rows) return rows.error();
  if (expect != nullptr && (rows->empty() || rows->Text(0, 0) != expect)) {
    return Error::Internal(fmt::format("{} answered '{}', wanted '{}'", sql,
                                       rows->empty() ? "" : rows->Text(0, 0), expect));
  }
  return {};
}

Expected<Connection::Statement*> Connection::Prepare(std::string_view sql,
                                                     std::unique_ptr<Statement>& scratch) {
  if (auto it = cache_.find(sql); it != cache_.end()) return it->second.get();

  const bool cache = cache_.size() < kMaxCachedStatements;
  auto st = std::make_unique<Statement>();
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              cache ? SQLITE_PREPARE_PERSISTENT : 0, &st->stmt, &tail);
  if (rc != SQLITE_OK) return TranslateSqlite(rc, sqlite3_errmsg(db_), sql);
  if (st->stmt == nullptr) return Error::Internal("empty SQL statement");

  std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (!IsBlank(rest)) {
    sqlite3_stmt* extra = nullptr;
    rc = sqlite3_prepare_v3(db_, rest.data(), static_cast<int>(rest.size()), 0, &extra, nullptr);
    sqlite3_finalize(extra);
    if (rc != SQLITE_OK || extra != nullptr) {
      return Error::Internal("Query/Exec take one statement; use ExecScript for scripts: " +
                             internal::Abbreviate(sql));
    }
  }

  // Map $k to SQLite's parameter index once; both dialects then see the same $1..$N text.
  const int count = sqlite3_bind_parameter_count(st->stmt);
  for (int j = 1; j <= count; ++j) {
    const int n = PlaceholderNumber(sqlite3_bind_parameter_name(st->stmt, j));
    if (n == 0) {
      return Error::Internal("placeholders must be $1..$N: " + internal::Abbreviate(sql));
    }
    if (static_cast<std::size_t>(n) > st->slots.size()) st->slots.resize(n, 0);
    st->slots[n - 1] = j;
  }
  for (std::size_t k = 0; k < st->slots.size(); ++k) {
    if (st->slots[k] == 0) {
      return Error::Internal(
          fmt::format("parameter ${} is never used (PostgreSQL rejects that): {}", k + 1,
                      internal::Abbreviate(sql)));
    }
  }

  Statement* raw = st.get();
  if (cache) {
    cache_.emplace(std::string(sql), std::move(st));
  } else {
    scratch = std::move(st);
  }
  return raw;
}

Status Connection::Bind(Statement& st, const Params& params, std::string_view sql) {
  if (params.size() != st.slots.size()) {
    return Error::Internal(fmt::format("statement takes {} parameters, {} given: {}",
                                       st.slots.size(), params.size(), internal::Abbreviate(sql)));
  }
  for (std::size_t k = 0; k < params.size(); ++k) {
    const int index = st.slots[k];
    const Value& v = params[k];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(v)) {
      rc = sqlite3_bind_null(st.stmt, index);
    } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(st.stmt, index, *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      if (auto bad = internal::CheckStorable(nullptr, d)) return *bad;
      rc = sqlite3_bind_double(st.stmt, index, *d);
    } else {
      const auto& s = std::get<std::string>(v);
      if (auto bad = internal::CheckStorable(&s, nullptr)) return *bad;
      // STATIC: params outlive the statement's use; bindings are cleared on reset.
      rc = sqlite3_bind_text64(st.stmt, index, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) return TranslateSqlite(rc, sqlite3_errmsg(db_), sql);
  }
  return {};
}

Status Connection::Run(std::string_view sql, const Params& params, Rows* rows,
                       std::int64_t* changed) {
  std::unique_ptr<Statement> scratch;
  auto prepared = Prepare(sql, scratch);
  if (!prepared) return prepared.error();
  Statement& st = **prepared;
  ResetOnExit reset(st.stmt);
  if (auto b = Bind(st, params, sql); !b) return b;

  const int ncol = sqlite3_column_count(st.stmt);
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> cells;
  if (rows != nullptr) {
    columns.reserve(ncol);
    for (int c = 0; c < ncol; ++c) columns.emplace_back(sqlite3_column_name(st.stmt, c));
  }
  const sqlite3_int64 total_before = sqlite3_total_changes64(db_);
  std::int64_t stepped = 0;
  for (;;) {
    const int rc = sqlite3_step(st.stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return TranslateSqlite(rc, sqlite3_errmsg(db_), sql);
    ++stepped;
    if (rows != nullptr) {
      auto& row = cells.emplace_back();
      row.reserve(ncol);
      for (int c = 0; c < ncol; ++c) row.push_back(CellText(st.stmt, c));
    }
  }
  if (rows != nullptr) *rows = Rows(std::move(columns), std::move(cells));
  if (changed != nullptr) {
    // sqlite3_changes keeps the last DML count across DDL; PostgreSQL reports 0 for DDL and
    // the row count for SELECT, so mirror that.
    if (sqlite3_total_changes64(db_) != total_before) {
      *changed = sqlite3_changes64(db_);
    } else {
      *changed = sqlite3_stmt_readonly(st.stmt) ? stepped : 0;
    }
  }
  return {};
}

Expected<Rows> Connection::Query(std::string_view sql, const Params& params) {
  Rows rows;
  if (auto s = Run(sql, params, &rows, nullptr); !s) return s.error();
  return rows;
}

Expected<std::int64_t> Connection::Exec(std::string_view sql, const Params& params) {
  std::int64_t changed = 0;
  if (auto s = Run(sql, params, nullptr, &changed); !s) return s.error();
  return changed;
}

Status Connection::Script(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  Error e = TranslateSqlite(rc, message, sql);
  sqlite3_free(message);
  return e;
}

void Connection::OnWalCommit(std::function<void(int frames)> on_commit) {
  on_wal_commit_ = std::move(on_commit);
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int frames) {
        static_cast<Connection*>(self)->on_wal_commit_(frames);
        return SQLITE_OK;
      },
      this);
}

Status Connection::Checkpoint() {
  const int rc =
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK) return TranslateSqlite(rc, sqlite3_errmsg(db_), "checkpoint");
  return {};
}

void Connection::RollbackQuietly() {
  if (!InTransaction()) return;
  (void)Exec("ROLLBACK", {});
}

}  // namespace jumys::storage::sqlite
