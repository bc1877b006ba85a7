#pragma once
// Staff account administration: the staff list a head appoints from, and an administrator's
// management of the accounts at the offices of their oblast. Results never carry IINs or
// password data.
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "domain/roles.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys {

inline constexpr std::size_t kMinPasswordLength = 8;

// The role names of a set, in RoleSet order (as answers and audit events list them).
std::vector<std::string> RoleNames(RoleSet roles);

// What a head sees of a colleague.
struct StaffMember {
  std::string login;
  std::string full_name;
  RoleSet roles;
};

// What an administrator sees of an account.
struct StaffAccount {
  std::string login;
  std::string full_name;
  RoleSet roles;
  std::string office_id;
  bool active = true;
};

struct NewStaffAccount {
  std::string login;
  std::string full_name;
  std::string office_id;
  std::vector<std::string> roles;  // role names as given; checked by CreateUser
  std::string password;
  std::optional<std::string> iin;
};

// Only the fields given change; at least one must be.
struct StaffAccountChange {
  std::optional<std::string> full_name;
  std::optional<std::string> office_id;
  std::optional<std::vector<std::string>> roles;  // role names as given
  std::optional<bool> active;
};

class AccountAdministration {
 public:
  AccountAdministration(storage::Database& db, const OfficeDirectory& offices,
                        const Accounts& accounts, Clock clock = SystemNow);

  // Who a staff account belongs to (its office), for the router's scope check; nullopt for an
  // unknown login or an applicant's account.
  Expected<std::optional<RecordOwner>> UserOwner(const std::string& login) const;

  // Active staff of an office the actor may see, optionally only those holding `role`.
  // 404 for an unknown or out-of-scope office (so other offices' lists do not leak), 422 for
  // an unknown role name.
  Expected<std::vector<StaffMember>> ListStaff(const Actor& actor, const std::string& office_id,
                                               const std::optional<std::string>& role) const;

  // Staff accounts (active or not) of one managed office, or of every office of the actor's
  // oblast when no office is given. 422 unknown office, 403 an office of another oblast.
  Expected<std::vector<StaffAccount>> ListUsers(const Actor& actor,
                                                const std::optional<std::string>& office_id) const;

  // 422 for a malformed login, role list, password or IIN and an unknown office, 409 for a
  // taken login. 403 (GrantRules) for an office outside the administrator's scope or a role
  // they may not grant. Audited as user.create.
  Expected<StaffAccount> CreateUser(const Actor& actor, const NewStaffAccount& request);

  // 404 for an unknown login or an applicant's account. No one changes their own roles or
  // office (403 account.own_roles) or disables their own account (422). 403 as for
  // CreateUser for an office or role the administrator may not grant, and for changing the
  // roles of an administrator's account without being a national administrator. Disabling
  // ends the account's sessions at once. Audited as user.update.
  Expected<StaffAccount> UpdateUser(const Actor& actor, const std::string& login,
                                    const StaffAccountChange& change);

 private:
  Expected<std::shared_ptr<const Office>> ManagedOffice(const Actor& actor,
                                                        const std::string& id) const;

  storage::Database& db_;
  const OfficeDirectory& offices_;
  const Accounts& accounts_;
  Clock clock_;
};

}  // namespace jumys
