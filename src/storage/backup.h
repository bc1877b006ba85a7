#pragma once
// A whole store copied to one file and back (docs/OPERATIONS.md). SQLite: its online backup
// API, a consistent snapshot taken while the server goes on writing, checked with
// `integrity_check`. PostgreSQL: `pg_dump` in its custom format and `pg_restore`, run from
// PATH. The file is written beside `out` and renamed into place only when complete; a restore
// goes only into a fresh store (no file yet, or a database without tables).
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.h"

namespace jumys::storage {

struct BackupResult {
  std::string format;  // "sqlite" or "pg_dump-custom"
  std::uintmax_t bytes = 0;
};

Expected<BackupResult> BackupStore(const std::string& url, const std::filesystem::path& out);
Status RestoreStore(const std::filesystem::path& in, const std::string& url);

}  // namespace jumys::storage
