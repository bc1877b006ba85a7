#include "storage/database.h"

#include <charconv>
#include <limits>
#include <stdexcept>

#include "storage/postgres/pg_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace jumys::storage {
namespace {

// Cell values are ours, but they may be personal data: name the column, never the value.
[[noreturn]] void ThrowNotA(const char* what, const std::vector<std::string>& columns,
                            std::size_t col) {
  throw std::invalid_argument("column '" + columns.at(col) + "' is not " + what);
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

const std::string& Rows::Text(std::size_t row, std::size_t col) const {
  static const std::string kEmpty;
  const auto& cell = cells_.at(row).at(col);
  return cell ? *cell : kEmpty;
}

std::int64_t Rows::Int(std::size_t row, std::size_t col) const {
  const auto& cell = cells_.at(row).at(col);
  if (!cell) return 0;
  const std::string& s = *cell;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc() && end == s.data() + s.size()) return value;
  if (s == "t" || s == "true") return 1;
  if (s == "f" || s == "false") return 0;
  ThrowNotA("an integer", columns_, col);
}

double Rows::Real(std::size_t row, std::size_t col) const {
  const auto& cell = cells_.at(row).at(col);
  if (!cell) return 0.0;
  const std::string& s = *cell;
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc() && end == s.data() + s.size()) return value;
  // from_chars takes "inf"/"infinity"/"nan" in any case but no leading '+'.
  if (s == "+Infinity") return std::numeric_limits<double>::infinity();
  ThrowNotA("a number", columns_, col);
}

bool Rows::Bool(std::size_t row, std::size_t col) const {
  const auto& cell = cells_.at(row).at(col);
  if (!cell) return false;
  const std::string& s = *cell;
  if (s == "t" || s == "true" || s == "1") return true;
  if (s == "f" || s == "false" || s == "0") return false;
  ThrowNotA("a boolean", columns_, col);
}

Expected<std::unique_ptr<Database>> OpenDatabase(const std::string& url,
                                                 const DatabaseOptions& options) {
  if (options.readers < 1) {
    return Error::Invalid("database.readers"_msg, "database readers must be at least 1");
  }
  if (options.busy_timeout_ms < 0 || options.acquire_timeout_ms < 0) {
    return Error::Invalid("database.negative_timeout"_msg,
                          "database timeouts must not be negative");
  }
  if (StartsWith(url, "sqlite:")) {
    std::string path = url.substr(7);
    if (StartsWith(path, "//")) {
      return Error::Invalid(
          "database.sqlite_slashes"_msg,
          "use sqlite:PATH (e.g. sqlite:var/jumys.db or sqlite:/var/lib/jumys.db)");
    }
    if (path.empty())
      return Error::Invalid("database.sqlite_no_path"_msg, "sqlite: URL has no file path");
    if (path == ":memory:" || StartsWith(path, "file:")) {
      return Error::Invalid("database.sqlite_not_file"_msg,
                            "sqlite: URL must name a plain file (readers need a file)");
    }
    return sqlite::SqliteDatabase::Open(path, options);
  }
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return pg::PgDatabase::Open(url, options);
  }
  if (StartsWith(url, "pg:")) return pg::PgDatabase::Open(url.substr(3), options);

  // Never echo the whole URL: it may carry a password.
  const auto colon = url.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 20) {
    return Error::Invalid(
        "database.url_scheme"_msg,
        "database URL must start with sqlite:, postgresql://, postgres:// or pg:");
  }
  return Error::Invalid("database.unsupported_scheme"_msg,
                        "unsupported database URL scheme '{scheme}' (expected sqlite:, "
                        "postgresql://, postgres:// or pg:)",
                        {{"scheme", url.substr(0, colon)}});
}

}  // namespace jumys::storage
