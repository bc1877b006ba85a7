#include "security/account_admin.h"

#include <nlohmann/json.hpp>

#include "core/blank.h"
#include "core/identifiers.h"
#include "security/access.h"
#include "security/password.h"
#include "security/totp.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys {

namespace {

// Stored roles; an unreadable list reads as none.
RoleSet StoredRoles(const std::string& stored) {
  auto roles = RoleSet::Parse(stored);
  return roles ? *roles : RoleSet{};
}

StaffAccount AccountOf(const storage::UserRecord& u) {
  return {u.login, u.full_name, StoredRoles(u.roles), u.office_id, u.active};
}

// A non-empty list of staff role names.
Expected<RoleSet> StaffRoleSet(const std::vector<std::string>& names) {
  if (names.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "roles", "account.no_roles"_msg,
                      "must name at least one role");
  }
  RoleSet set;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    const std::string field = "roles[" + std::to_string(i) + "]";
    auto role = ParseRole(name);
    if (!role) {
      return FieldError(ErrorCode::kUnprocessable, field, "role.unknown"_msg,
                        "unknown role '{role}'", {{"role", name}});
    }
    if (IsApplicantRole(*role)) {
      return FieldError(ErrorCode::kUnprocessable, field, "role.not_staff"_msg,
                        "'{role}' is not a staff role", {{"role", name}});
    }
    set.Add(*role);
  }
  return set;
}

bool IsLogin(const std::string& s) {
  return s.size() >= 2 && s.size() <= 40 &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-._") == std::string::npos;
}

}  // namespace

std::vector<std::string> RoleNames(RoleSet roles) {
  std::vector<std::string> out;
  for (Role r : roles.ToVector()) out.emplace_back(RoleName(r));
  return out;
}

AccountAdministration::AccountAdministration(storage::Database& db, const OfficeDirectory& offices,
                                             const Accounts& accounts, Clock clock)
    : db_(db), offices_(offices), accounts_(accounts), clock_(std::move(clock)) {}

// An office the administrator manages: 422 when unknown, 403 when outside their scope (their
// own office, or the offices of their oblast for oblast-level staff).
Expected<std::shared_ptr<const Office>> AccountAdministration::ManagedOffice(
    const Actor& actor, const std::string& id) const {
  auto office = offices_.Find(id);
  if (!office) {
    return Error::Unprocessable("office.unknown"_msg, "unknown office '{office}'",
                                {{"office", id}});
  }
  if (!CanAccessOffice(actor, *office)) {
    return Error::Forbidden("account.office_out_of_scope"_msg,
                            "an administrator manages the offices in their own scope only");
  }
  return office;
}

Expected<std::optional<RecordOwner>> AccountAdministration::UserOwner(
    const std::string& login) const {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto found, storage::FindUserByLogin(tx, login));
    if (found && found->kind == "staff") owner = RecordOwner{{found->office_id}, "", "", ""};
    return {};
  }));
  return owner;
}

namespace {

// The administrator roles are granted (and taken away) only by a national administrator; the
// other staff roles by any administrator.
const RoleSet kAdministratorRoles = {Role::kAdmin, Role::kNationalAdmin};

Status MayGrant(const Actor& actor, RoleSet roles) {
  if (roles.Intersects(kAdministratorRoles) && !actor.roles.Has(Role::kNationalAdmin)) {
    return Error::Forbidden("account.grant_admin"_msg,
                            "only a national administrator grants administrator roles");
  }
  return {};
}

}  // namespace

Expected<std::vector<StaffMember>> AccountAdministration::ListStaff(
    const Actor& actor, const std::string& office_id,
    const std::optional<std::string>& role_name) const {
  auto office = offices_.Find(office_id);
  // Out of scope answers like unknown, so other offices' staff lists do not leak.
  if (!office || !CanAccessOffice(actor, *office)) {
    return Error::NotFound("office.not_found"_msg, "no such office");
  }
  std::optional<Role> role;
  if (role_name) {
    role = ParseRole(*role_name);
    if (!role) {
      return FieldError(ErrorCode::kUnprocessable, "role", "role.unknown"_msg,
                        "unknown role '{role}'", {{"role", *role_name}});
    }
  }
  std::vector<storage::UserRecord> users;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(users, storage::ListActiveStaff(tx, office->id));
    return {};
  }));
  std::vector<StaffMember> out;
  for (const auto& u : users) {
    const RoleSet roles = StoredRoles(u.roles);
    if (role && !roles.Has(*role)) continue;
    out.push_back({u.login, u.full_name, roles});
  }
  return out;
}

Expected<std::map<std::string, std::string>> AccountAdministration::FullNames(
    const std::set<std::string>& logins) const {
  std::map<std::string, std::string> names;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    for (const auto& login : logins) {
      JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, login));
      if (user && !user->full_name.empty()) names[login] = user->full_name;
    }
    return {};
  }));
  return names;
}

Expected<std::vector<StaffAccount>> AccountAdministration::ListUsers(
    const Actor& actor, const std::optional<std::string>& office_id) const {
  std::vector<std::string> offices;
  if (office_id) {
    JUMYS_ASSIGN_OR_RETURN(auto office, ManagedOffice(actor, *office_id));
    offices.push_back(office->id);
  } else {
    offices = VisibleOffices(actor, offices_);
  }
  std::vector<storage::UserRecord> users;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(users, storage::ListStaffOf(tx, offices));
    return {};
  }));
  std::vector<StaffAccount> out;
  out.reserve(users.size());
  for (const auto& u : users) out.push_back(AccountOf(u));
  return out;
}

Expected<StaffAccount> AccountAdministration::CreateUser(const Actor& actor,
                                                         const NewStaffAccount& request) {
  storage::UserRecord u;
  u.kind = "staff";
  u.login = request.login;
  if (!IsLogin(u.login)) {
    return FieldError(ErrorCode::kUnprocessable, "login", "account.login_format"_msg,
                      "must be 2-40 lower-case letters, digits, '-', '.' or '_'");
  }
  u.full_name = request.full_name;
  if (IsBlank(u.full_name)) {
    return FieldError(ErrorCode::kUnprocessable, "full_name", "field.empty"_msg,
                      "must not be empty");
  }
  JUMYS_ASSIGN_OR_RETURN(auto roles, StaffRoleSet(request.roles));
  if (request.password.size() < kMinPasswordLength) {
    return FieldError(ErrorCode::kUnprocessable, "password", "account.password_too_short"_msg,
                      "must be at least {min} characters",
                      {{"min", std::to_string(kMinPasswordLength)}});
  }
  if (request.iin) {
    auto parsed = Iin::Parse(*request.iin);
    if (!parsed) return AtField("iin", parsed.error());
    u.iin = parsed->str();
  }
  JUMYS_ASSIGN_OR_RETURN(auto office, ManagedOffice(actor, request.office_id));
  JUMYS_TRY(MayGrant(actor, roles));
  u.office_id = office->id;
  u.roles = roles.ToString();
  u.password_hash = HashPassword(request.password);
  const std::string now = FormatRfc3339(clock_());
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindUserByLogin(tx, u.login));
    if (existing) {
      return FieldError(ErrorCode::kConflict, "login", "account.login_taken"_msg,
                        "'{login}' is already taken", {{"login", u.login}});
    }
    JUMYS_ASSIGN_OR_RETURN(u.id, storage::InsertUser(tx, u, now));
    // The audit payload names the account, never its password or IIN.
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "user.create",
                                     "user",
                                     u.login,
                                     u.office_id,
                                     {{"office", u.office_id}, {"roles", RoleNames(roles)}}});
  }));
  return AccountOf(u);
}

Expected<StaffAccount> AccountAdministration::UpdateUser(const Actor& actor,
                                                         const std::string& login,
                                                         const StaffAccountChange& change) {
  if (change.full_name && IsBlank(*change.full_name)) {
    return FieldError(ErrorCode::kUnprocessable, "full_name", "field.empty"_msg,
                      "must not be empty");
  }
  std::optional<RoleSet> roles;
  if (change.roles) {
    JUMYS_ASSIGN_OR_RETURN(roles, StaffRoleSet(*change.roles));
  }
  const auto& active = change.active;
  if (!change.full_name && !change.office_id && !roles && !active) {
    return Error::Unprocessable("account.nothing_to_change"_msg,
                                "nothing to change: give full_name, office, roles or active");
  }
  // No one grants themselves a role or an office (or takes their own away).
  if (login == actor.login && (roles || change.office_id)) {
    return Error::Forbidden("account.own_roles"_msg,
                            "no one changes the roles or office of their own account");
  }
  // Otherwise an oblast could be left without anyone able to administer it.
  if (login == actor.login && active && !*active) {
    return Error::Unprocessable("account.own_account"_msg,
                                "an administrator may not disable or demote their own account");
  }
  if (change.office_id) JUMYS_TRY(ManagedOffice(actor, *change.office_id));
  if (roles) JUMYS_TRY(MayGrant(actor, *roles));
  const std::string now = FormatRfc3339(clock_());
  storage::UserRecord u;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto found, storage::FindUserByLogin(tx, login));
    if (!found || found->kind != "staff") {
      return Error::NotFound("account.not_found"_msg, "no such staff account");
    }
    u = std::move(*found);
    JUMYS_TRY(ManagedOffice(actor, u.office_id));
    // Demoting an administrator is as much theirs to decide as promoting one.
    if (roles) JUMYS_TRY(MayGrant(actor, StoredRoles(u.roles)));
    nlohmann::json changes = nlohmann::json::object();
    if (change.full_name) changes["full_name"] = u.full_name = *change.full_name;
    if (change.office_id) changes["office"] = u.office_id = *change.office_id;
    if (roles) {
      u.roles = roles->ToString();
      changes["roles"] = RoleNames(*roles);
    }
    if (active) changes["active"] = u.active = *active;
    JUMYS_TRY(storage::UpdateStaffUser(tx, u));
    if (!u.active) {
      JUMYS_ASSIGN_OR_RETURN(auto ended, storage::RevokeUserSessions(tx, u.id, now));
      changes["sessions_revoked"] = ended;
    }
    return storage::AppendAudit(
        tx, {now, actor.login, "user.update", "user", u.login, u.office_id, changes});
  }));
  // Cached sessions on this node would otherwise outlive the change by session_cache_ttl.
  accounts_.ForgetUser(u.id);
  return AccountOf(u);
}

std::string NewOneTimePassword() {
  const std::string raw = NewTotpSecret();  // 32 random base32 characters
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += raw[i];
  }
  return out;
}

Expected<storage::UserRecord> AccountAdministration::ManagedAccount(
    storage::Tx& tx, const Actor& actor, const std::string& login) const {
  JUMYS_ASSIGN_OR_RETURN(auto found, storage::FindUserByLogin(tx, login));
  const auto office = found ? offices_.Find(found->office_id) : nullptr;
  if (!found || found->kind != "staff" || !office || office->oblast_kato != actor.oblast_kato) {
    return Error::NotFound("account.not_found"_msg, "no such staff account");
  }
  return std::move(*found);
}

Expected<std::string> AccountAdministration::ResetPassword(const Actor& actor,
                                                           const std::string& login) {
  if (login == actor.login) {
    return Error::Unprocessable("account.reset_own"_msg,
                                "change your own password on the My account page");
  }
  const std::string password = NewOneTimePassword();
  const std::string hash = HashPassword(password);
  const std::string now = FormatRfc3339(clock_());
  std::int64_t user_id = 0;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto u, ManagedAccount(tx, actor, login));
    user_id = u.id;
    JUMYS_TRY(storage::SetPassword(tx, u.id, hash, true));
    JUMYS_TRY(storage::ResetLoginFailures(tx, u.id));
    JUMYS_ASSIGN_OR_RETURN(auto ended, storage::RevokeOtherSessions(tx, u.id, "", now));
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "user.password_reset",
                                     "user",
                                     u.login,
                                     u.office_id,
                                     {{"sessions_revoked", ended}}});
  }));
  accounts_.ForgetUser(user_id);
  return password;
}

Status AccountAdministration::RemoveSecondFactor(const Actor& actor, const std::string& login) {
  const std::string now = FormatRfc3339(clock_());
  std::int64_t user_id = 0;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto u, ManagedAccount(tx, actor, login));
    user_id = u.id;
    if (!u.totp_secret && !u.totp_pending) {
      return Error::Conflict("totp.none"_msg, "the account has no second factor");
    }
    JUMYS_TRY(storage::RemoveTotp(tx, u.id));
    return storage::AppendAudit(tx, {now, actor.login, "user.totp_remove", "user", u.login,
                                     u.office_id, nlohmann::json::object()});
  }));
  accounts_.ForgetUser(user_id);
  return {};
}

Expected<std::string> CreateFirstAdministrator(storage::Database& db,
                                               const OfficeDirectory& offices,
                                               const FirstAdministrator& request,
                                               bool even_if_one_exists, Instant now) {
  if (!IsLogin(request.login)) {
    return FieldError(ErrorCode::kUnprocessable, "login", "account.login_format"_msg,
                      "must be 2-40 lower-case letters, digits, '-', '.' or '_'");
  }
  if (!offices.Find(request.office_id)) {
    return Error::Unprocessable("office.unknown"_msg, "unknown office '{office}'",
                                {{"office", request.office_id}});
  }
  const std::string password = NewOneTimePassword();
  storage::UserRecord user;
  user.login = request.login;
  user.kind = "staff";
  user.full_name = request.full_name.empty() ? request.login : request.full_name;
  user.office_id = request.office_id;
  user.roles = RoleName(Role::kAdmin);
  user.password_hash = HashPassword(password);
  const std::string now_text = FormatRfc3339(now);
  JUMYS_TRY(db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto admins, storage::CountAdministrators(tx));
    if (admins > 0 && !even_if_one_exists) {
      return Error::Conflict("account.admin_exists"_msg,
                             "an administrator exists already; sign in as one to add accounts");
    }
    JUMYS_ASSIGN_OR_RETURN(auto taken, storage::FindUserByLogin(tx, user.login));
    if (taken) {
      return FieldError(ErrorCode::kConflict, "login", "account.login_taken"_msg,
                        "'{login}' is already taken", {{"login", user.login}});
    }
    JUMYS_ASSIGN_OR_RETURN(user.id, storage::InsertUser(tx, user, now_text));
    JUMYS_TRY(storage::SetPassword(tx, user.id, user.password_hash, true));
    return storage::AppendAudit(tx, {now_text,
                                     "cli",
                                     "user.create",
                                     "user",
                                     user.login,
                                     user.office_id,
                                     {{"roles", {user.roles}}, {"must_change_password", true}}});
  }));
  return password;
}

}  // namespace jumys
