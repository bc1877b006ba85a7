// Sign-in and sign-out, the caller's own password and second factor. The token is returned
// once; the browser app may rely on the HttpOnly cookie instead.
#include "http/api.h"
#include "http/json_io.h"
#include "security/account_admin.h"

namespace jumys::http {

namespace {

nlohmann::json UserJson(const Actor& actor) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role r : actor.roles.ToVector()) roles.push_back(RoleName(r));
  nlohmann::json user = {{"login", actor.login}, {"roles", roles}};
  user["office"] =
      actor.office_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(actor.office_id);
  if (!actor.iin.empty()) user["iin"] = actor.iin;
  if (!actor.bin.empty()) user["bin"] = actor.bin;
  if (!actor.applicant) user["scope"] = actor.oblast_scope ? "oblast" : "office";
  user["must_change_password"] = actor.must_change_password;
  if (!actor.applicant) user["second_factor"] = actor.second_factor;
  return user;
}

// Served over TLS (`serve --tls-cert`, or behind an https public URL) the cookie is __Host-
// prefixed and Secure, so only this exact host over HTTPS can set or read it; over plain HTTP
// (development on loopback) it is jumys_session without Secure. See kSessionCookie.
std::string SessionCookie(const ApiContext& ctx, const std::string& value, long max_age) {
  std::string cookie = std::string(ctx.secure_cookies ? kSecureSessionCookie : kSessionCookie) +
                       "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (ctx.secure_cookies) cookie += "; Secure";
  return cookie;
}

}  // namespace

HttpResponse SignedInResponse(const ApiContext& ctx, const LoginResult& result) {
  auto user = UserJson(result.actor);
  user["full_name"] = result.full_name;
  auto response = JsonResponse(
      200,
      {{"token", result.token}, {"expires_at", FormatRfc3339(result.expires_at)}, {"user", user}});
  const auto ttl = (result.expires_at - ctx.clock()).count();
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, result.token, ttl));
  return response;
}

namespace {

Expected<HttpResponse> Login(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto login, RequiredString(body, "login", 100));
  JUMYS_ASSIGN_OR_RETURN(auto password, RequiredString(body, "password", 200));
  JUMYS_ASSIGN_OR_RETURN(auto totp, OptionalString(body, "totp", 16));
  JUMYS_ASSIGN_OR_RETURN(auto result, ctx.accounts.Login({login, password, totp.value_or(""),
                                                          request.remote_address}));
  return SignedInResponse(ctx, result);
}

Expected<HttpResponse> Logout(ApiContext& ctx, HttpRequest& request) {
  auto token = SessionToken(request);
  if (!token) return Error::Unauthenticated();
  JUMYS_TRY(ctx.accounts.Logout(*token));
  auto response = JsonResponse(200, {{"status", "signed out"}});
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, "", 0));
  return response;
}

Expected<HttpResponse> LogoutEverywhere(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto ended, ctx.accounts.LogoutEverywhere(actor));
  auto response = JsonResponse(200, {{"status", "signed out"}, {"sessions_ended", ended}});
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, "", 0));
  return response;
}

Expected<HttpResponse> ChangePassword(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto current, RequiredString(body, "current_password", 200));
  JUMYS_ASSIGN_OR_RETURN(auto replacement, RequiredString(body, "new_password", 1000));
  JUMYS_TRY(
      ctx.accounts.ChangePassword(actor, SessionToken(request).value_or(""), current, replacement));
  return JsonResponse(200, {{"status", "password changed"}});
}

Expected<HttpResponse> BeginTotp(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto enrolment, ctx.accounts.BeginTotp(actor));
  return JsonResponse(200, {{"secret", enrolment.secret}, {"otpauth_uri", enrolment.uri}});
}

Expected<HttpResponse> ConfirmTotp(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto code, RequiredString(body, "code", 16));
  JUMYS_TRY(ctx.accounts.ConfirmTotp(actor, code));
  return JsonResponse(200, {{"status", "second factor on"}});
}

// The signed-in user with the full name the account holds (as sign-in gives it), so a page
// loaded afresh names the user, staff and applicants alike.
Expected<HttpResponse> Me(ApiContext& ctx, const Actor& actor) {
  auto user = UserJson(actor);
  if (ctx.account_admin != nullptr) {
    JUMYS_ASSIGN_OR_RETURN(auto names, ctx.account_admin->FullNames({actor.login}));
    if (auto it = names.find(actor.login); it != names.end()) user["full_name"] = it->second;
  }
  return JsonResponse(200, user);
}

constexpr const char* kPasswordRoute = "/api/v1/auth/password";

}  // namespace

bool AllowedBeforePasswordChange(const Route& route) {
  return route.pattern == kPasswordRoute || route.pattern == "/api/v1/auth/me" ||
         route.pattern == "/api/v1/auth/logout" || route.pattern == "/api/v1/auth/logout-all";
}

void AddAuthRoutes(Router& router, ApiContext& ctx) {
  router.Add({"POST",
              "/api/v1/auth/login",
              Scope::kPublic,
              {},
              "Sign in with login and password (and the authenticator code when the account "
              "has a second factor); returns a bearer token and sets a session cookie. Every "
              "refusal, including one while attempts are throttled, is the same 401 "
              "auth.bad_credentials",
              [] {
                auto doc = DocWithJsonBody("auth", {"login", "password"},
                                           {{"login", {{"type", "string"}}},
                                            {"password", {{"type", "string"}}},
                                            {"totp", {{"type", "string"}}}});
                doc["security"] = nlohmann::json::array();
                return doc;
              }(),
              [&ctx](HttpRequest& r, const Actor&) { return Login(ctx, r); }});
  router.Add({"POST",
              "/api/v1/auth/logout",
              Scope::kSelf,
              {},
              "End the current session",
              {{"tags", {"auth"}}},
              [&ctx](HttpRequest& r, const Actor&) { return Logout(ctx, r); }});
  router.Add({"POST",
              "/api/v1/auth/logout-all",
              Scope::kSelf,
              {},
              "Sign out everywhere: end every session of the caller's account",
              {{"tags", {"auth"}}},
              [&ctx](HttpRequest&, const Actor& a) { return LogoutEverywhere(ctx, a); }});
  router.Add({"POST",
              kPasswordRoute,
              Scope::kSelf,
              {},
              "Change the caller's password (needs the current one); ends the account's other "
              "sessions. The only route open to a session signed in with a one-time password",
              DocWithJsonBody("auth", {"current_password", "new_password"},
                              {{"current_password", {{"type", "string"}}},
                               {"new_password", {{"type", "string"}, {"minLength", 12}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return ChangePassword(ctx, r, a); }});
  router.Add({"POST",
              "/api/v1/auth/totp",
              Scope::kSelf,
              {},
              "Staff: begin enrolling a TOTP second factor; returns the secret and otpauth URI. "
              "It takes effect once confirmed with a code",
              {{"tags", {"auth"}}},
              [&ctx](HttpRequest&, const Actor& a) { return BeginTotp(ctx, a); }});
  router.Add({"POST",
              "/api/v1/auth/totp/confirm",
              Scope::kSelf,
              {},
              "Confirm a TOTP enrolment with the authenticator's current code",
              DocWithJsonBody("auth", {"code"}, {{"code", {{"type", "string"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return ConfirmTotp(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/auth/me",
              Scope::kSelf,
              {},
              "The signed-in user",
              {{"tags", {"auth"}}},
              [&ctx](HttpRequest&, const Actor& a) { return Me(ctx, a); }});
}

}  // namespace jumys::http
