#pragma once
// Who is calling: resolved from the session before any handler runs.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/roles.h"

namespace jumys {

struct Actor {
  std::int64_t user_id = 0;
  std::string login;
  bool applicant = false;
  RoleSet roles;
  std::string office_id;      // staff: their office; applicants: empty
  std::string oblast_kato;    // the oblast of their office
  bool oblast_scope = false;  // staff of an oblast-level office see the whole oblast
  std::string iin;            // job seeker
  std::string bin;            // employer
  // Signed in with a one-time password: may only change it (other routes answer 403).
  bool must_change_password = false;
  bool second_factor = false;  // staff with a TOTP second factor

  bool authenticated() const { return user_id != 0; }
};

// Who a record belongs to, as the router's scope check reads it (security/access.h InScope):
// staff are in scope through one of `offices` (their own, or an office of their oblast for
// oblast-level staff) or, when `oblast_kato` is set, through any office of that oblast;
// applicants only through their own IIN or BIN.
struct RecordOwner {
  std::vector<std::string> offices;
  std::string oblast_kato;  // oblast-wide records (permits): any staff of this oblast
  std::string iin;          // the person the record is about or who applied
  std::string bin;          // the employer the record is about or that applied
  // Offices that read the record but no longer change it (a case handed to another office).
  std::vector<std::string> read_only_offices;
  // Employers the record concerns besides `bin` (a case's employer party): they read it too.
  std::vector<std::string> party_bins;
};

}  // namespace jumys
