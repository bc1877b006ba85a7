#pragma once
// An employer's users. An employer (BIN) signs in with the account it registered with: its
// director. The director adds the employer's other users from the cabinet, each the account of
// a named person (login, name, IIN), in one of two capacities:
//   signatory  files and signs the employer's applications, like the director;
//   drafter    prepares them, but may not file or sign (engine/acting.h, 403
//              employer.drafter_cannot_file).
// Every user of an employer sees the employer's records (same BIN) and no other's. A new user
// gets a one-time password, shown once. The director lists and deactivates them (deactivation
// ends their sessions). Answers mask the person's IIN.
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/actor.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys::employers {

inline constexpr const char* kDirector = "director";
inline constexpr const char* kSignatory = "signatory";
inline constexpr const char* kDrafter = "drafter";

struct EmployerUser {
  std::string login;
  std::string full_name;
  std::string capacity;  // director | signatory | drafter
  std::string iin_masked;
  bool active = true;
  std::string created_at;
  std::optional<std::string> deactivated_at;
};

struct NewEmployerUser {
  std::string login;
  std::string full_name;
  std::string iin;       // the person's
  std::string capacity;  // signatory | drafter
};

struct CreatedEmployerUser {
  EmployerUser user;
  std::string one_time_password;  // shown once, never stored in clear
};

class EmployerUsers {
 public:
  EmployerUsers(storage::Database& db, const Accounts& accounts, Clock clock = SystemNow);

  // The capacity the signed-in employer user acts in; 403 for anyone who is not an employer's.
  Expected<std::string> CapacityOf(const Actor& actor) const;

  // The employer's added users (the director's view). 403 for a signatory or drafter.
  Expected<std::vector<EmployerUser>> List(const Actor& actor) const;

  // 403 unless the director; 422 for a malformed login, blank name, bad IIN or capacity;
  // 409 for a taken login. Audited as employer_user.create (without the IIN).
  Expected<CreatedEmployerUser> Create(const Actor& actor, const NewEmployerUser& request);

  // 403 unless the director; 404 for a login that is not one of this employer's added users
  // (another employer's user answers the same). Audited as employer_user.deactivate.
  Expected<EmployerUser> Deactivate(const Actor& actor, const std::string& login);
  // The employer an employer user's login belongs to, for the router's scope check.
  Expected<std::optional<RecordOwner>> UserOwner(const std::string& login) const;

 private:
  Status MustBeDirector(const Actor& actor) const;

  storage::Database& db_;
  const Accounts& accounts_;
  Clock clock_;
};

}  // namespace jumys::employers
