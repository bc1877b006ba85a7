// Sign-in and sign-out. The token is returned once; the browser app may rely on the HttpOnly
// cookie instead.
#include "http/api.h"
#include "http/json_io.h"

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

Expected<HttpResponse> Login(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto login, RequiredString(body, "login", 100));
  JUMYS_ASSIGN_OR_RETURN(auto password, RequiredString(body, "password", 200));
  JUMYS_ASSIGN_OR_RETURN(auto result, ctx.accounts.Login(login, password));
  auto user = UserJson(result.actor);
  user["full_name"] = result.full_name;
  auto response = JsonResponse(
      200,
      {{"token", result.token}, {"expires_at", FormatRfc3339(result.expires_at)}, {"user", user}});
  const auto ttl = (result.expires_at - ctx.clock()).count();
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, result.token, ttl));
  return response;
}

Expected<HttpResponse> Logout(ApiContext& ctx, HttpRequest& request) {
  auto token = SessionToken(request);
  if (!token) return Error::Unauthenticated();
  JUMYS_TRY(ctx.accounts.Logout(*token));
  auto response = JsonResponse(200, {{"status", "signed out"}});
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, "", 0));
  return response;
}

}  // namespace

void AddAuthRoutes(Router& router, ApiContext& ctx) {
  router.Add({"POST",
              "/api/v1/auth/login",
              Scope::kPublic,
              {},
              "Sign in with login and password; returns a bearer token and sets a session cookie",
              [] {
                auto doc = DocWithJsonBody(
                    "auth", {"login", "password"},
                    {{"login", {{"type", "string"}}}, {"password", {{"type", "string"}}}});
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
  router.Add({"GET",
              "/api/v1/auth/me",
              Scope::kSelf,
              {},
              "The signed-in user",
              {{"tags", {"auth"}}},
              [](HttpRequest&, const Actor& a) -> Expected<HttpResponse> {
                return JsonResponse(200, UserJson(a));
              }});
}

}  // namespace jumys::http
