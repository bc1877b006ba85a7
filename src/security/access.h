#pragma once
// Scope rules: staff see their own office, oblast-level staff their whole oblast; applicants
// see only what is theirs. Out-of-scope records answer 404, so their existence does not leak.
#include <string>

#include "domain/actor.h"
#include "domain/offices.h"

namespace jumys {

bool CanAccessOffice(const Actor& actor, const Office& office);
bool CanAccessOffice(const Actor& actor, const OfficeDirectory& offices,
                     const std::string& office_id);

}  // namespace jumys
