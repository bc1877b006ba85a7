#pragma once
// Scope rules: staff see their own office, oblast-level staff their whole oblast; applicants
// see only what is theirs. Out-of-scope records answer 404, so their existence does not leak.
#include <string>
#include <vector>

#include "domain/actor.h"
#include "domain/offices.h"

namespace jumys {

bool CanAccessOffice(const Actor& actor, const Office& office);
bool CanAccessOffice(const Actor& actor, const OfficeDirectory& offices,
                     const std::string& office_id);

// The one scope rule the router applies to every record a path names (http/record_scope.h):
// an applicant reaches only what is theirs; staff what belongs to an office they may access.
bool InScope(const Actor& actor, const OfficeDirectory& offices, const RecordOwner& owner);
// InScope without the owner's read-only offices: what a request that changes the record needs.
bool MayChange(const Actor& actor, const OfficeDirectory& offices, const RecordOwner& owner);

// The offices whose records a staff member sees (the same rule, as a list for queries that
// list records): their own, or every office of the oblast for oblast-level staff; none for
// applicants.
std::vector<std::string> VisibleOffices(const Actor& actor, const OfficeDirectory& offices);

}  // namespace jumys
