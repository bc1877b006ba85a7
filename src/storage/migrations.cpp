#include "storage/migrations.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

namespace jumys::storage {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
constexpr const char* kSelectAll = "SELECT version, name FROM schema_migrations ORDER BY version";
constexpr const char* kSelectOne = "SELECT name FROM schema_migrations WHERE version = $1";
constexpr const char* kInsert =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";
constexpr const char* kLock = "SELECT pg_advisory_xact_lock($1)";
// Any constant shared by every build of the app: "jumys" in ASCII.
constexpr std::int64_t kLockKey = 0x6a756d7973;

constexpr const char* kSqliteTableExists =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr const char* kPostgresTableExists =
    "SELECT count(*) FROM (SELECT to_regclass('schema_migrations') AS t) x WHERE t IS NOT NULL";

// Shown to the operator running `jumys migrate`, so the message keeps the detail.
Error MigrationError(std::string text) {
  Error e = Error::Internal(text);
  e.message = std::move(text);
  return e;
}

std::string UtcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Serializes migrating nodes on PostgreSQL until the transaction ends; SQLite's writer lock
// already does.
Status LockIfPostgres(Database& db, Tx& tx) {
  if (db.dialect() != Dialect::kPostgres) return {};
  auto r = tx.Query(kLock, {kLockKey});
  if (!r) return r.error();
  return {};
}

Status CheckList(const std::vector<Migration>& migrations) {
  std::map<int, const Migration*> seen;
  for (const auto& m : migrations) {
    if (m.version <= 0)
      return MigrationError(fmt::format("migration version {} must be > 0", m.version));
    if (m.name.empty()) return MigrationError(fmt::format("migration {} has no name", m.version));
    if (!seen.emplace(m.version, &m).second) {
      return MigrationError(fmt::format("migration version {} is defined twice", m.version));
    }
  }
  return {};
}

Error NameMismatch(int version, const std::string& recorded, const std::string& ours) {
  return MigrationError(fmt::format(
      "schema migration {} is recorded as '{}' but this build calls it '{}': the database "
      "belongs to another build",
      version, recorded, ours));
}

// Compares what the store records with the code's list before anything is applied.
Status CheckRecorded(Database& db, const std::map<int, const Migration*>& ours) {
  return db.Read([&](Tx& tx) -> Status {
    auto rows = tx.Query(kSelectAll);
    if (!rows) return rows.error();
    for (std::size_t i = 0; i < rows->size(); ++i) {
      const int version = static_cast<int>(rows->Int(i, 0));
      auto it = ours.find(version);
      if (it == ours.end()) {
        return MigrationError(fmt::format(
            "schema migration {} ('{}') is recorded but unknown to this build: the database "
            "belongs to a newer build",
            version, rows->Text(i, 1)));
      }
      if (rows->Text(i, 1) != it->second->name) {
        return NameMismatch(version, rows->Text(i, 1), it->second->name);
      }
    }
    return {};
  });
}

}  // namespace

Status Migrate(Database& db, const std::vector<Migration>& migrations) {
  if (auto s = CheckList(migrations); !s) return s;
  std::map<int, const Migration*> ours;
  for (const auto& m : migrations) ours.emplace(m.version, &m);

  auto created = db.Write([&](Tx& tx) -> Status {
    if (auto s = LockIfPostgres(db, tx); !s) return s;
    auto r = tx.Exec(kCreateTable);
    if (!r) return r.error();
    return {};
  });
  if (!created) return created;
  if (auto s = CheckRecorded(db, ours); !s) return s;

  for (const auto& [version, m] : ours) {
    bool applied = false;
    auto s = db.Write([&, version = version, m = m](Tx& tx) -> Status {
      applied = false;
      if (auto l = LockIfPostgres(db, tx); !l) return l;
      // Checked again under the lock: another node may have applied it meanwhile.
      auto rows = tx.Query(kSelectOne, {std::int64_t{version}});
      if (!rows) return rows.error();
      if (!rows->empty()) {
        if (rows->Text(0, 0) != m->name) return NameMismatch(version, rows->Text(0, 0), m->name);
        return {};
      }
      if (auto x = tx.ExecScript(m->sql); !x) return x;
      auto ins = tx.Exec(kInsert, {std::int64_t{version}, m->name, UtcNow()});
      if (!ins) return ins.error();
      applied = true;
      return {};
    });
    if (!s) {
      Error e = s.error();
      if (e.code != ErrorCode::kInternal || e.message == "internal error") {
        e.message = fmt::format("schema migration {} ('{}') failed", version, m->name);
      }
      e.internal = fmt::format("schema migration {} ('{}'): {}", version, m->name, e.internal);
      return e;
    }
    if (applied) {
      // Debug: with port 0 the first info line must be the listening address (README.md).
      spdlog::debug(R"({{"name":"migration_applied","version":{},"migration":{}}})", version,
                    nlohmann::json(m->name).dump());
    }
  }
  return {};
}

Expected<std::vector<int>> AppliedMigrations(Database& db) {
  std::vector<int> versions;
  auto s = db.Read([&](Tx& tx) -> Status {
    versions.clear();
    auto exists =
        tx.Query(db.dialect() == Dialect::kPostgres ? kPostgresTableExists : kSqliteTableExists);
    if (!exists) return exists.error();
    if (exists->Int(0, 0) == 0) return {};
    auto rows = tx.Query(kSelectAll);
    if (!rows) return rows.error();
    for (std::size_t i = 0; i < rows->size(); ++i)
      versions.push_back(static_cast<int>(rows->Int(i, 0)));
    return {};
  });
  if (!s) return s.error();
  return versions;
}

}  // namespace jumys::storage
