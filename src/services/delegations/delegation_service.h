#pragma once
// A head's delegation of signing: for a dated period [starts_on, ends_on] (the office's
// calendar dates, both included) a colleague of the same office acts in the head's role, as
// acting head. The engine counts the delegated role as the delegate's own while it is in force
// (engine/acting.h): their queue holds the head's tasks, they complete and sign them, and the
// document names them as acting head by this delegation. Recorded in its own table, audited
// (delegation.create, delegation.revoke) and listed for the office.
//
// Rules: the role delegated is one the delegator holds themself (not one delegated to them);
// only head and unit_head are delegated; the delegate is another active staff member of the
// delegator's office who does not hold the role already; the period does not end before today
// and does not overlap another delegation of the same role by the same delegator.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys::delegations {

struct Delegation {
  std::int64_t id = 0;
  std::string office_id;
  std::string role;
  std::string delegator, delegator_name;
  std::string delegate, delegate_name;
  std::string starts_on, ends_on;  // YYYY-MM-DD, inclusive
  std::string created_by, created_at;
  std::optional<std::string> revoked_at, revoked_by;
  // scheduled | in_force | ended | revoked, on the office's date when read.
  std::string status;
};

struct NewDelegation {
  std::string delegate;
  std::string role = "head";
  std::string starts_on, ends_on;
};

class DelegationService {
 public:
  DelegationService(storage::Database& db, const OfficeDirectory& offices, Clock clock = SystemNow);

  // 403 for a role the actor does not hold or one that is not delegated; 422 a malformed or
  // past period, a delegate who is the actor, not an active staff member of the actor's office
  // (another office's staff answer the same as an unknown login) or holds the role already;
  // 409 a period overlapping another of the actor's delegations of that role.
  Expected<Delegation> Create(const Actor& actor, const NewDelegation& request);

  // The delegator, or another holder of the role at the office, ends a delegation at once.
  // 404 for an unknown id or another office's; 403 for one who does not hold the role; 409
  // when revoked already.
  Expected<Delegation> Revoke(const Actor& actor, std::int64_t id);
  // The office a delegation was made at, for the router's scope check; nullopt if none.
  Expected<std::optional<RecordOwner>> DelegationOwner(std::int64_t id) const;

  // The delegations of the actor's office, newest first.
  Expected<std::vector<Delegation>> List(const Actor& actor) const;

 private:
  storage::Database& db_;
  const OfficeDirectory& offices_;
  Clock clock_;
};

}  // namespace jumys::delegations
