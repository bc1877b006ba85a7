#include "engine/acting.h"

#include "engine/case_results.h"
#include "storage/repositories/delegation_repository.h"
#include "storage/repositories/employer_user_repository.h"

namespace jumys {

namespace {

// The delegations to the actor in force on their office's date at `now`, newest first.
Expected<std::vector<storage::DelegationRow>> InForce(storage::Tx& tx, const Actor& actor,
                                                      const OfficeDirectory& offices, Instant now) {
  if (actor.applicant || actor.office_id.empty()) return std::vector<storage::DelegationRow>{};
  auto office = offices.Find(actor.office_id);
  if (!office) return std::vector<storage::DelegationRow>{};
  const std::string today = FormatDate(OfficeDate(*office, now));
  return storage::ListDelegationsInForce(tx, actor.login, actor.office_id, today);
}

}  // namespace

Expected<Actor> WithDelegatedRoles(storage::Tx& tx, const Actor& actor,
                                   const OfficeDirectory& offices, Instant now) {
  Actor effective = actor;
  JUMYS_ASSIGN_OR_RETURN(auto delegations, InForce(tx, actor, offices, now));
  for (const auto& d : delegations) {
    if (auto role = ParseRole(d.role)) effective.roles.Add(*role);
  }
  return effective;
}

Expected<std::optional<ActingCapacity>> CapacityFor(storage::Tx& tx, const Actor& actor, Role role,
                                                    const OfficeDirectory& offices, Instant now) {
  if (actor.roles.Has(role)) return std::optional<ActingCapacity>{ActingCapacity{}};
  JUMYS_ASSIGN_OR_RETURN(auto delegations, InForce(tx, actor, offices, now));
  for (const auto& d : delegations) {
    if (d.role != RoleName(role)) continue;
    return std::optional<ActingCapacity>{
        ActingCapacity{true, d.id, d.delegator, d.starts_on, d.ends_on}};
  }
  return std::optional<ActingCapacity>{};
}

Status MayFileForEmployer(storage::Tx& tx, const Actor& actor) {
  if (!actor.applicant || actor.bin.empty()) return {};
  JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindEmployerUser(tx, actor.user_id));
  if (row && row->capacity == "drafter") {
    return Error::Forbidden("employer.drafter_cannot_file"_msg,
                            "a drafter prepares the employer's applications; the director or a "
                            "signatory files and signs them");
  }
  return {};
}

}  // namespace jumys
