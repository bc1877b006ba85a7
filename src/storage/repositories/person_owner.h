#pragma once
// Whose a person's records are, for the scope check (security/access.h InScope).
#include <optional>
#include <string>

#include "domain/actor.h"
#include "storage/database.h"

namespace jumys::storage {

// The offices of the person's registry record and of their employment card (either may be
// missing), and their IIN; nullopt when they have neither.
Expected<std::optional<RecordOwner>> FindPersonOwner(Tx& tx, const std::string& iin);

}  // namespace jumys::storage
