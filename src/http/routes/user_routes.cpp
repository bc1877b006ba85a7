// Staff accounts: the staff list a head appoints from, and the administrator's user management
// for the offices of their oblast (rules in security/account_admin.h). Answers never carry IINs
// or password data.
#include "http/api.h"
#include "http/json_io.h"
#include "security/account_admin.h"

namespace jumys::http {

namespace {

nlohmann::json StaffJson(const StaffMember& u) {
  return {{"login", u.login}, {"full_name", u.full_name}, {"roles", RoleNames(u.roles)}};
}

nlohmann::json UserJson(const StaffAccount& u) {
  return {{"login", u.login},
          {"full_name", u.full_name},
          {"roles", RoleNames(u.roles)},
          {"office", u.office_id},
          {"active", u.active}};
}

// The "roles" member: an array of strings (which names are valid is the service's rule).
Expected<std::vector<std::string>> RoleNameList(const nlohmann::json& body) {
  JUMYS_ASSIGN_OR_RETURN(const auto in, BodyReader(body));
  if (!in.Has("roles")) {
    return FieldError(ErrorCode::kInvalidInput, "roles", "field.required"_msg, "is required");
  }
  return in.StringArray("roles", 40);
}

Expected<HttpResponse> GetOfficeStaff(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(
      auto staff,
      ctx.account_admin->ListStaff(actor, request.path_params.at("id"), request.Query("role")));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : staff) items.push_back(StaffJson(u));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> ListUsers(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto users, ctx.account_admin->ListUsers(actor, request.Query("office")));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : users) items.push_back(UserJson(u));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> CreateUser(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  NewStaffAccount u;
  JUMYS_ASSIGN_OR_RETURN(u.login, RequiredString(body, "login", 40));
  JUMYS_ASSIGN_OR_RETURN(u.full_name, RequiredString(body, "full_name", 200));
  JUMYS_ASSIGN_OR_RETURN(u.office_id, RequiredString(body, "office", 40));
  JUMYS_ASSIGN_OR_RETURN(u.roles, RoleNameList(body));
  JUMYS_ASSIGN_OR_RETURN(u.password, RequiredString(body, "password", 200));
  JUMYS_ASSIGN_OR_RETURN(u.iin, OptionalString(body, "iin", 12));
  JUMYS_ASSIGN_OR_RETURN(auto created, ctx.account_admin->CreateUser(actor, u));
  return JsonResponse(201, UserJson(created));
}

Expected<HttpResponse> PatchUser(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  StaffAccountChange change;
  JUMYS_ASSIGN_OR_RETURN(change.full_name, OptionalString(body, "full_name", 200));
  JUMYS_ASSIGN_OR_RETURN(change.office_id, OptionalString(body, "office", 40));
  if (body.contains("roles")) {
    JUMYS_ASSIGN_OR_RETURN(change.roles, RoleNameList(body));
  }
  if (body.contains("active")) {
    JUMYS_ASSIGN_OR_RETURN(change.active, RequiredBool(body, "active"));
  }
  JUMYS_ASSIGN_OR_RETURN(
      auto updated, ctx.account_admin->UpdateUser(actor, request.path_params.at("login"), change));
  return JsonResponse(200, UserJson(updated));
}

Expected<HttpResponse> ResetPassword(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto password,
                         ctx.account_admin->ResetPassword(actor, request.path_params.at("login")));
  auto response = JsonResponse(200, {{"login", request.path_params.at("login")},
                                     {"one_time_password", password},
                                     {"must_change_password", true}});
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Expected<HttpResponse> RemoveSecondFactor(ApiContext& ctx, HttpRequest& request,
                                          const Actor& actor) {
  JUMYS_TRY(ctx.account_admin->RemoveSecondFactor(actor, request.path_params.at("login")));
  return JsonResponse(200, {{"login", request.path_params.at("login")}, {"second_factor", false}});
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
       [&ctx](HttpRequest& r, const Actor& a) { return GetOfficeStaff(ctx, r, a); },
       {Record::kOffice, "id"}});
  router.Add(
      {"GET",
       "/api/v1/users",
       Scope::kOffice,
       {Role::kAdmin, Role::kNationalAdmin},
       "Staff accounts of the offices in the administrator's scope, or of one of them",
       {{"tags", {"users"}},
        {"parameters", {{{"name", "office"}, {"in", "query"}, {"schema", {{"type", "string"}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return ListUsers(ctx, r, a); }});
  router.Add({"POST",
              "/api/v1/users",
              Scope::kOffice,
              {Role::kAdmin, Role::kNationalAdmin},
              "Create a staff account at an office in the administrator's scope. 403 "
              "account.office_out_of_scope for another office, account.grant_admin for an "
              "administrator role granted by anyone but a national administrator.",
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
              Scope::kOffice,
              {Role::kAdmin, Role::kNationalAdmin},
              "Change a staff account's name, roles, office or active flag (disabling ends its "
              "sessions). 403 account.own_roles for one's own roles or office, "
              "account.office_out_of_scope and account.grant_admin as for creating.",
              DocWithJsonBody("users", {},
                              {{"full_name", {{"type", "string"}}},
                               {"office", {{"type", "string"}}},
                               {"roles", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                               {"active", {{"type", "boolean"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PatchUser(ctx, r, a); },
              {Record::kUser, "login"}});
  router.Add({"POST",
              "/api/v1/users/{login}/password-reset",
              Scope::kOffice,
              {Role::kAdmin, Role::kNationalAdmin},
              "Reset a staff account's password: answers a one-time password, shown once, that "
              "must be changed at the next sign-in; ends the account's sessions",
              {{"tags", {"users"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return ResetPassword(ctx, r, a); },
              {Record::kUser, "login"}});
  router.Add({"DELETE",
              "/api/v1/users/{login}/totp",
              Scope::kOffice,
              {Role::kAdmin, Role::kNationalAdmin},
              "Remove a staff account's TOTP second factor (a lost authenticator)",
              {{"tags", {"users"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return RemoveSecondFactor(ctx, r, a); },
              {Record::kUser, "login"}});
}

}  // namespace jumys::http
