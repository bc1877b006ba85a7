#pragma once
// One database interface, two backends (SQLite, PostgreSQL). SQL uses $1..$N placeholders in
// both dialects; values travel as text/int/real/null and rows come back as text.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"

namespace jumys::storage {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

enum class Dialect { kSqlite, kPostgres };

// A materialised result: every cell as text, NULL as nullopt.
class Rows {
 public:
  Rows() = default;
  Rows(std::vector<std::string> columns, std::vector<std::vector<std::optional<std::string>>> cells)
      : columns_(std::move(columns)), cells_(std::move(cells)) {}

  std::size_t size() const { return cells_.size(); }
  bool empty() const { return cells_.empty(); }
  const std::vector<std::string>& columns() const { return columns_; }
  bool IsNull(std::size_t row, std::size_t col) const {
    return !cells_.at(row).at(col).has_value();
  }
  // Text of a cell; "" for NULL.
  const std::string& Text(std::size_t row, std::size_t col) const;
  std::optional<std::string> Optional(std::size_t row, std::size_t col) const {
    return cells_.at(row).at(col);
  }
  std::int64_t Int(std::size_t row, std::size_t col) const;  // 0 for NULL
  double Real(std::size_t row, std::size_t col) const;
  // "t"/"true"/"1" or "f"/"false"/"0" (PostgreSQL booleans, SQLite integers); false for NULL.
  bool Bool(std::size_t row, std::size_t col) const;

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<std::optional<std::string>>> cells_;
};

// A transaction (write) or a consistent snapshot (read). Valid only inside Read/Write.
// Query/Exec take exactly one statement whose placeholders are $1..$N with N == params.size().
// The first failed statement aborts the transaction on both backends: later statements fail
// with the same error, and Read/Write return an error even if fn swallowed it.
// Text containing NUL and NaN doubles are refused (kInvalidInput): a backend would alter them.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Expected<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual Expected<std::int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a multi-statement script without parameters inside this transaction (migrations).
  // The script must not contain BEGIN/COMMIT/ROLLBACK.
  virtual Status ExecScript(std::string_view sql) = 0;
};

struct DatabaseOptions {
  int readers = 4;                 // SQLite reader connections / PostgreSQL pool size
  int busy_timeout_ms = 5000;      // SQLite busy timeout
  int acquire_timeout_ms = 30000;  // longest wait for a pooled connection or the writer, then
                                   // kUnavailable
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // fn runs in a read-only snapshot on a pooled connection (PostgreSQL: REPEATABLE READ).
  virtual Status Read(const std::function<Status(Tx&)>& fn) = 0;
  // fn runs in one write transaction: committed if fn succeeds, rolled back otherwise (also when
  // fn throws; the exception propagates). Driver errors are translated: unique/foreign-key
  // violation -> kConflict, busy/lost connection -> kUnavailable, else kInternal.
  // SQLite: one writer at a time, serializable. PostgreSQL: READ COMMITTED, so increment with
  // `SET n = n + 1` or guard with a version column, never read-then-write. On a deadlock or
  // serialization failure PostgreSQL reruns fn (up to 4 runs, then kConflict): fn must not have
  // side effects outside tx. A Write inside a Write on the same database and thread is an error.
  virtual Status Write(const std::function<Status(Tx&)>& fn) = 0;
  // Runs a multi-statement script (migrations) in one transaction.
  virtual Status ExecScript(std::string_view sql) = 0;
};

// url: "sqlite:PATH" (":memory:" not supported: readers need a file), or "postgresql://..." /
// "postgres://..." (libpq connection URI), or a libpq keyword string prefixed "pg:".
Expected<std::unique_ptr<Database>> OpenDatabase(const std::string& url,
                                                 const DatabaseOptions& options = {});

}  // namespace jumys::storage
