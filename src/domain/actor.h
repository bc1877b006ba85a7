#pragma once
// Who is calling: resolved from the session before any handler runs.
#include <cstdint>
#include <string>

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

}  // namespace jumys
