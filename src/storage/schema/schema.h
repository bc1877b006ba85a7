#pragma once
#include <memory>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/migrations.h"

namespace jumys::storage {

// The application's versioned migrations for one dialect, in order.
const std::vector<Migration>& SchemaMigrations(Dialect dialect);

// Opens the store named by url and applies the migrations of its dialect.
Expected<std::unique_ptr<Database>> OpenMigratedDatabase(const std::string& url, int readers);

}  // namespace jumys::storage
