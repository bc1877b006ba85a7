// Staff accounts: the staff list a head appoints from, and the administrator's user management
// for the offices of their oblast. Answers never carry IINs or password data.
#include <algorithm>

#include "core/identifiers.h"
#include "http/api.h"
#include "http/json_io.h"
#include "security/access.h"
#include "security/password.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys::http {

namespace {

RoleSet StaffRoles() {
  RoleSet set;
  for (Role r : AllRoles()) {
    if (!IsApplicantRole(r)) set.Add(r);
  }
  return set;
}

nlohmann::json RoleNames(const std::string& stored) {
  nlohmann::json out = nlohmann::json::array();
  if (auto roles = RoleSet::Parse(stored)) {
    for (Role r : roles->ToVector()) out.push_back(RoleName(r));
  }
  return out;
}

nlohmann::json StaffJson(const storage::UserRecord& u) {
  return {{"login", u.login}, {"full_name", u.full_name}, {"roles", RoleNames(u.roles)}};
}

nlohmann::json UserJson(const storage::UserRecord& u) {
  auto j = StaffJson(u);
  j["office"] = u.office_id;
  j["active"] = u.active;
  return j;
}

Expected<HttpResponse> GetOfficeStaff(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  auto office = ctx.offices.Find(request.path_params.at("id"));
  // Out of scope answers like unknown, so other offices' staff lists do not leak.
  if (!office || !CanAccessOffice(actor, *office)) return Error::NotFound("no such office");
  std::optional<Role> role;
  if (auto name = request.Query("role")) {
    role = ParseRole(*name);
    if (!role) return Error::Unprocessable("unknown role '" + *name + "'");
  }
  std::vector<storage::UserRecord> users;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(users, storage::ListActiveStaff(tx, office->id));
    return {};
  }));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : users) {
    auto roles = RoleSet::Parse(u.roles);
    if (role && !(roles && roles->Has(*role))) continue;
    items.push_back(StaffJson(u));
  }
  return JsonResponse(200, {{"items", items}});
}

// An office the administrator manages: 422 when unknown, 403 when of another oblast.
Expected<std::shared_ptr<const Office>> ManagedOffice(ApiContext& ctx, const Actor& actor,
                                                      const std::string& id) {
  auto office = ctx.offices.Find(id);
  if (!office) return Error::Unprocessable("unknown office '" + id + "'");
  if (office->oblast_kato != actor.oblast_kato) {
    return Error::Forbidden("an administrator manages the offices of their own oblast only");
  }
  return office;
}

// A non-empty array of staff role names.
Expected<RoleSet> StaffRoleSet(const nlohmann::json& body) {
  auto it = body.find("roles");
  if (it == body.end() || !it->is_array()) return Error::Invalid("'roles' must be an array");
  if (it->empty()) return Error::Unprocessable("'roles' must name at least one role");
  RoleSet set;
  for (const auto& name : *it) {
    if (!name.is_string()) return Error::Invalid("'roles' must hold strings");
    auto role = ParseRole(name.get<std::string>());
    if (!role) return Error::Unprocessable("unknown role '" + name.get<std::string>() + "'");
    if (IsApplicantRole(*role)) {
      return Error::Unprocessable("'" + name.get<std::string>() + "' is not a staff role");
    }
    set.Add(*role);
  }
  return set;
}

bool IsLogin(const std::string& s) {
  return s.size() >= 2 && s.size() <= 40 &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-._") == std::string::npos;
}

constexpr std::size_t kMinPassword = 8;

Expected<HttpResponse> ListUsers(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  std::vector<std::string> offices;
  if (auto id = request.Query("office")) {
    JUMYS_ASSIGN_OR_RETURN(auto office, ManagedOffice(ctx, actor, *id));
    offices.push_back(office->id);
  } else {
    for (const auto& o : ctx.offices.All()) {
      if (o->oblast_kato == actor.oblast_kato) offices.push_back(o->id);
    }
  }
  std::vector<storage::UserRecord> users;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(users, storage::ListStaffOf(tx, offices));
    return {};
  }));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : users) items.push_back(UserJson(u));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> CreateUser(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  storage::UserRecord u;
  u.kind = "staff";
  JUMYS_ASSIGN_OR_RETURN(u.login, RequiredString(body, "login", 40));
  if (!IsLogin(u.login)) {
    return Error::Unprocessable("login must be 2-40 lower-case letters, digits, '-', '.' or '_'");
  }
  JUMYS_ASSIGN_OR_RETURN(u.full_name, RequiredString(body, "full_name", 200));
  JUMYS_ASSIGN_OR_RETURN(auto office_id, RequiredString(body, "office", 40));
  JUMYS_ASSIGN_OR_RETURN(auto roles, StaffRoleSet(body));
  JUMYS_ASSIGN_OR_RETURN(auto password, RequiredString(body, "password", 200));
  if (password.size() < kMinPassword) {
    return Error::Unprocessable("password must be at least 8 characters");
  }
  JUMYS_ASSIGN_OR_RETURN(auto iin, OptionalString(body, "iin", 12));
  if (iin) {
    JUMYS_ASSIGN_OR_RETURN(auto parsed, Iin::Parse(*iin));
    u.iin = parsed.str();
  }
  JUMYS_ASSIGN_OR_RETURN(auto office, ManagedOffice(ctx, actor, office_id));
  u.office_id = office->id;
  u.roles = roles.ToString();
  u.password_hash = HashPassword(password);
  const std::string now = FormatRfc3339(ctx.clock());
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindUserByLogin(tx, u.login));
    if (existing) return Error::Conflict("login '" + u.login + "' is taken");
    JUMYS_ASSIGN_OR_RETURN(u.id, storage::InsertUser(tx, u, now));
    // The audit payload names the account, never its password or IIN.
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "user.create",
                                     "user",
                                     u.login,
                                     u.office_id,
                                     {{"office", u.office_id}, {"roles", RoleNames(u.roles)}}});
  }));
  return JsonResponse(201, UserJson(u));
}

Expected<HttpResponse> PatchUser(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  const std::string login = request.path_params.at("login");
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto full_name, OptionalString(body, "full_name", 200));
  if (full_name && full_name->empty()) return Error::Unprocessable("'full_name' must not be empty");
  JUMYS_ASSIGN_OR_RETURN(auto office_id, OptionalString(body, "office", 40));
  std::optional<RoleSet> roles;
  if (body.contains("roles")) {
    JUMYS_ASSIGN_OR_RETURN(roles, StaffRoleSet(body));
  }
  std::optional<bool> active;
  if (body.contains("active")) {
    JUMYS_ASSIGN_OR_RETURN(active, RequiredBool(body, "active"));
  }
  if (!full_name && !office_id && !roles && !active) {
    return Error::Unprocessable("nothing to change: give full_name, office, roles or active");
  }
  if (login == actor.login && ((active && !*active) || (roles && !roles->Has(Role::kAdmin)))) {
    return Error::Unprocessable("an administrator may not disable or demote their own account");
  }
  if (office_id) JUMYS_TRY(ManagedOffice(ctx, actor, *office_id));
  const std::string now = FormatRfc3339(ctx.clock());
  storage::UserRecord u;
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto found, storage::FindUserByLogin(tx, login));
    if (!found || found->kind != "staff") return Error::NotFound("no such staff account");
    u = std::move(*found);
    JUMYS_TRY(ManagedOffice(ctx, actor, u.office_id));
    nlohmann::json changes = nlohmann::json::object();
    if (full_name) changes["full_name"] = u.full_name = *full_name;
    if (office_id) changes["office"] = u.office_id = *office_id;
    if (roles) {
      u.roles = roles->ToString();
      changes["roles"] = RoleNames(u.roles);
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
  ctx.accounts.ForgetUser(u.id);
  return JsonResponse(200, UserJson(u));
}

}  // namespace

void AddUserRoutes(Router& router, ApiContext& ctx) {
  router.Add(
      {"GET",
       "/api/v1/offices/{id}/staff",
       Scope::kOffice,
       StaffRoles(),
       "Active staff of an office, optionally with one role (whom a head may appoint)",
       {{"tags", {"users"}},
        {"parameters", {{{"name", "role"}, {"in", "query"}, {"schema", {{"type", "string"}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return GetOfficeStaff(ctx, r, a); }});
  router.Add(
      {"GET",
       "/api/v1/users",
       Scope::kOblast,
       {Role::kAdmin},
       "Staff accounts of the administrator's oblast, or of one of its offices",
       {{"tags", {"users"}},
        {"parameters", {{{"name", "office"}, {"in", "query"}, {"schema", {{"type", "string"}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return ListUsers(ctx, r, a); }});
  router.Add({"POST",
              "/api/v1/users",
              Scope::kOblast,
              {Role::kAdmin},
              "Create a staff account at an office of the administrator's oblast",
              DocWithJsonBody("users", {"login", "full_name", "office", "roles", "password"},
                              {{"login", {{"type", "string"}}},
                               {"full_name", {{"type", "string"}}},
                               {"office", {{"type", "string"}}},
                               {"roles", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                               {"password", {{"type", "string"}, {"minLength", 8}}},
                               {"iin", {{"type", "string"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return CreateUser(ctx, r, a); }});
  router.Add({"PATCH",
              "/api/v1/users/{login}",
              Scope::kOblast,
              {Role::kAdmin},
              "Change a staff account's name, roles, office or active flag (disabling ends its "
              "sessions)",
              DocWithJsonBody("users", {},
                              {{"full_name", {{"type", "string"}}},
                               {"office", {{"type", "string"}}},
                               {"roles", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                               {"active", {{"type", "boolean"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PatchUser(ctx, r, a); }});
}

}  // namespace jumys::http
