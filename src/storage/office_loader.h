#pragma once
// The office directory is kept in memory; this fills it from the offices table.
#include "core/error.h"
#include "domain/offices.h"
#include "storage/database.h"

namespace jumys::storage {

// Replaces the directory's offices with the stored ones (after an administrator's edit too).
Status LoadOffices(Database& db, OfficeDirectory& offices);

}  // namespace jumys::storage
