// An employer's users, managed by its director from the employer's cabinet (rules in
// services/employers/employer_users.h). Answers mask the person's IIN; the one-time password
// of a new user is in the creation answer only.
#include "http/api.h"
#include "http/json_io.h"
#include "services/employers/employer_users.h"

namespace jumys::http {

namespace {

nlohmann::json EmployerUserJson(const employers::EmployerUser& u) {
  return {{"login", u.login},
          {"full_name", u.full_name},
          {"capacity", u.capacity},
          {"iin", u.iin_masked},
          {"active", u.active},
          {"created_at", u.created_at},
          {"deactivated_at",
           u.deactivated_at ? nlohmann::json(*u.deactivated_at) : nlohmann::json(nullptr)}};
}

Expected<HttpResponse> GetCapacity(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto capacity, ctx.employer_users->CapacityOf(actor));
  return JsonResponse(200, {{"login", actor.login},
                            {"capacity", capacity},
                            {"may_file", capacity != employers::kDrafter},
                            {"manages_users", capacity == employers::kDirector}});
}

Expected<HttpResponse> ListEmployerUsers(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto users, ctx.employer_users->List(actor));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : users) items.push_back(EmployerUserJson(u));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> CreateEmployerUser(ApiContext& ctx, HttpRequest& request,
                                          const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  employers::NewEmployerUser u;
  JUMYS_ASSIGN_OR_RETURN(u.login, RequiredString(body, "login", 40));
  JUMYS_ASSIGN_OR_RETURN(u.full_name, RequiredString(body, "full_name", 200));
  JUMYS_ASSIGN_OR_RETURN(u.iin, RequiredString(body, "iin", 12));
  JUMYS_ASSIGN_OR_RETURN(u.capacity, RequiredString(body, "capacity", 20));
  JUMYS_ASSIGN_OR_RETURN(auto created, ctx.employer_users->Create(actor, u));
  nlohmann::json j = EmployerUserJson(created.user);
  j["one_time_password"] = created.one_time_password;
  HttpResponse r = JsonResponse(201, j);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Expected<HttpResponse> DeactivateEmployerUser(ApiContext& ctx, HttpRequest& request,
                                              const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto u,
                         ctx.employer_users->Deactivate(actor, request.path_params.at("login")));
  return JsonResponse(200, EmployerUserJson(u));
}

const nlohmann::json kUserProperties = {
    {"login", {{"type", "string"}}},
    {"full_name", {{"type", "string"}}},
    {"capacity", {{"type", "string"}, {"enum", {"signatory", "drafter"}}}},
    {"iin", {{"type", "string"}, {"description", "the person's IIN (12 digits)"}}}};

}  // namespace

void AddEmployerUserRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/employer/capacity",
              Scope::kSelf,
              {Role::kEmployer},
              "The capacity the signed-in employer user acts in: director (the account the "
              "employer registered with), signatory or drafter; may_file is false for a drafter, "
              "who prepares applications that the director or a signatory files and signs.",
              {{"tags", {"employer users"}}},
              [&ctx](HttpRequest&, const Actor& a) { return GetCapacity(ctx, a); }});
  router.Add({"GET",
              "/api/v1/employer/users",
              Scope::kSelf,
              {Role::kEmployer},
              "The employer's users added by its director (IINs masked). 403 for a signatory or "
              "drafter: only the director manages them.",
              {{"tags", {"employer users"}}},
              [&ctx](HttpRequest&, const Actor& a) { return ListEmployerUsers(ctx, a); }});
  router.Add({"POST",
              "/api/v1/employer/users",
              Scope::kSelf,
              {Role::kEmployer},
              "The director adds a user of the employer (same BIN): a signatory, who files and "
              "signs like the director, or a drafter, who prepares applications only. The answer "
              "carries the new user's one-time password, shown once. 403 unless the director; "
              "409 a taken login.",
              DocWithJsonBody("employer users", {"login", "full_name", "iin", "capacity"},
                              kUserProperties),
              [&ctx](HttpRequest& r, const Actor& a) { return CreateEmployerUser(ctx, r, a); }});
  router.Add({"POST",
              "/api/v1/employer/users/{login}/deactivate",
              Scope::kSelf,
              {Role::kEmployer},
              "The director deactivates one of the employer's users: they can no longer sign in "
              "and their sessions end. 404 for a login that is not this employer's user.",
              {{"tags", {"employer users"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return DeactivateEmployerUser(ctx, r, a); },
              {Record::kEmployerUser, "login"}});
}

}  // namespace jumys::http
