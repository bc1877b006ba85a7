#pragma once
// Throwaway databases for tests: each call gives a fresh, empty store that disappears when the
// returned object is destroyed. Failing to create one throws std::runtime_error (broken test
// infrastructure), which gtest reports as a failed test.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "storage/database.h"

namespace jumys::storage {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// SQLite in a new temporary directory (the file, its WAL and SHM go with it).
std::unique_ptr<Database> MakeTestSqlite(const DatabaseOptions& options = {});

// A new schema t_<random> in the database named by $JUMYS_PG_URL, first on the search_path of
// every pooled connection; dropped (CASCADE) on destruction. Throws when JUMYS_PG_URL is unset:
// run such tests through scripts/with-postgres.
std::unique_ptr<Database> MakeTestPostgres(const DatabaseOptions& options = {});

// $JUMYS_PG_URL, or throws with a message saying how to get one.
std::string TestPostgresUrl();

// url with `options=-csearch_path=<schema>` added (a libpq URI or a "pg:" keyword string).
std::string WithSearchPath(const std::string& url, const std::string& schema);

}  // namespace jumys::storage

namespace jumys::testing {

enum class Backend { kSqlite, kPostgres };

inline std::string BackendName(Backend b) { return b == Backend::kSqlite ? "sqlite" : "postgres"; }

inline std::unique_ptr<storage::Database> MakeTestDatabase(Backend b) {
  return b == Backend::kSqlite ? storage::MakeTestSqlite() : storage::MakeTestPostgres();
}

// The single number a query such as "SELECT COUNT(*) FROM ..." gives; throws if it fails.
std::int64_t QueryCount(storage::Database& db, const std::string& sql,
                        const storage::Params& params = {});

// 2026-11-23 10:00 in Kyzylorda (UTC+5): a Monday, inside office hours.
inline constexpr std::int64_t kHarnessMonday10Local = 1795410000;

}  // namespace jumys::testing
