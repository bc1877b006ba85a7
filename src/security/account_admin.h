#pragma once
// Staff account administration: the staff list a head appoints from, and an administrator's
// management of the accounts at the offices of their oblast. Results never carry IINs or
// password data.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "domain/roles.h"
#include "security/accounts.h"
#include "storage/database.h"
#include "storage/repositories/records.h"

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

// The first administrator of a fresh installation (`jumys create-admin`).
struct FirstAdministrator {
  std::string login;
  std::string full_name;
  std::string office_id;
};
// Creates an active staff account with the admin role at an existing office and a generated
// one-time password (returned) to be changed at the first sign-in. 409 when an active
// administrator exists already, unless `even_if_one_exists`; 409 for a taken login; 422 for a
// malformed login or an unknown office. Audited as user.create by "cli".
Expected<std::string> CreateFirstAdministrator(storage::Database& db,
                                               const OfficeDirectory& offices,
                                               const FirstAdministrator& request,
                                               bool even_if_one_exists, Instant now);

// A random password for an administrator to hand over once: 4 groups of 4 characters.
std::string NewOneTimePassword();

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

  // The full names of these accounts, staff or applicant, by login; an unknown login is left
  // out. For naming who acted on a record the reader already sees, not for browsing accounts.
  Expected<std::map<std::string, std::string>> FullNames(const std::set<std::string>& logins) const;

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

  // Sets a generated one-time password (returned once, shown to the administrator) that the
  // account must change at its next sign-in; ends its sessions and clears its failed sign-ins.
  // 404 for an unknown login, an applicant's or another oblast's account; 422 for the
  // administrator's own account (they change it themselves). Audited as user.password_reset.
  Expected<std::string> ResetPassword(const Actor& actor, const std::string& login);
  // Removes the account's TOTP second factor (a lost phone). 404 as for ResetPassword, 409
  // when it has none. Audited as user.totp_remove.
  Status RemoveSecondFactor(const Actor& actor, const std::string& login);

 private:
  Expected<std::shared_ptr<const Office>> ManagedOffice(const Actor& actor,
                                                        const std::string& id) const;
  // A staff account of the administrator's oblast; 404 for any other.
  Expected<storage::UserRecord> ManagedAccount(storage::Tx& tx, const Actor& actor,
                                               const std::string& login) const;

  storage::Database& db_;
  const OfficeDirectory& offices_;
  const Accounts& accounts_;
  Clock clock_;
};

}  // namespace jumys
