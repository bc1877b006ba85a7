#pragma once
// Who acts for whom, as the engine sees it. A staff member's effective roles are their own plus
// the roles delegated to them for a period that includes today (the office's calendar date):
// an acting head completes a head's tasks and signs as acting head while the delegation is in
// force, and not a day outside it. An employer's users act in a capacity (director, signatory,
// drafter): a drafter prepares applications but does not file or sign them.
#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "storage/database.h"

namespace jumys {

// The capacity a staff member completes a task or signs a document in.
struct ActingCapacity {
  bool acting = false;             // true: in a role delegated to them
  std::int64_t delegation_id = 0;  // acting: the delegation
  std::string acting_for;          // acting: the delegator's login
  std::string starts_on, ends_on;  // acting: the delegation's period (YYYY-MM-DD)
};

// The actor with the roles delegated to them in force on `office`'s date at `now` added.
// Applicants and the system are returned unchanged.
Expected<Actor> WithDelegatedRoles(storage::Tx& tx, const Actor& actor,
                                   const OfficeDirectory& offices, Instant now);

// How `actor` holds `role` at `now`: their own (acting = false), by a delegation in force
// (acting = true, the newest one), or not at all (nullopt).
Expected<std::optional<ActingCapacity>> CapacityFor(storage::Tx& tx, const Actor& actor, Role role,
                                                    const OfficeDirectory& offices, Instant now);

// An employer's user in the capacity of a drafter may not file an application or sign for the
// employer: 403 employer.drafter_cannot_file. Everyone else passes.
Status MayFileForEmployer(storage::Tx& tx, const Actor& actor);

}  // namespace jumys
