#pragma once
// The stored profile as both services of this folder read it: ProfileService after its scope
// check, MatchingService after its own (profile_service.cpp defines it).
#include <optional>
#include <string>

#include "core/error.h"
#include "services/matching/profile_service.h"
#include "storage/database.h"

namespace jumys::matching {

// The person's stored profile, nullopt when none; no scope check (the caller makes it).
Expected<std::optional<StoredProfile>> FindProfile(storage::Tx& tx, const std::string& iin);

}  // namespace jumys::matching
