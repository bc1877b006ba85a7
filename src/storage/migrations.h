#pragma once
// Versioned schema migrations, recorded in schema_migrations, for both dialects.
#include <string>
#include <vector>

#include "core/error.h"
#include "storage/database.h"

namespace jumys::storage {

struct Migration {
  int version;       // > 0, unique; applied in ascending order
  std::string name;  // recorded with the version; must never change once released
  // A script: several statements, no parameters, no BEGIN/COMMIT. It runs inside a
  // transaction, so on SQLite `PRAGMA foreign_keys` has no effect there.
  std::string sql;
};

// Applies every migration not yet recorded, each in one transaction together with its
// schema_migrations row, so a failed migration leaves neither its changes nor its row.
// Running it again changes nothing. Fails (kInternal, clear message) when the store records a
// version under another name or a version this build does not know: the store belongs to
// another build. On PostgreSQL an advisory lock keeps app nodes starting together from racing.
Status Migrate(Database& db, const std::vector<Migration>& migrations);

// Recorded versions in ascending order; empty when schema_migrations does not exist yet.
Expected<std::vector<int>> AppliedMigrations(Database& db);

}  // namespace jumys::storage
