#pragma once
#include <vector>

#include "storage/database.h"
#include "storage/migrations.h"

namespace jumys::storage {

// The application's versioned migrations for one dialect, in order.
const std::vector<Migration>& SchemaMigrations(Dialect dialect);

}  // namespace jumys::storage
