#include "http/api.h"

#include <spdlog/spdlog.h>

#include "http/access_log.h"
#include "http/record_scope.h"
#include "http/request_guard.h"
#include "http/server.h"

namespace jumys::http {
namespace {

// The client sees only "internal error"; the cause goes to the log, found by the request id.
HttpResponse Failure(const HttpRequest& request, const Error& error) {
  const int status = HttpStatus(error.code);
  if (status >= 500) {
    spdlog::error(FormatInternalErrorLog(request.method, request.path, status, request.request_id,
                                         error.internal.empty() ? error.message : error.internal));
  }
  return ErrorResponse(error);
}

}  // namespace

std::optional<std::string> SessionToken(const HttpRequest& request) {
  if (auto auth = request.Header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (auth->size() > kBearer.size() && auth->compare(0, kBearer.size(), kBearer) == 0) {
      return auth->substr(kBearer.size());
    }
    return std::string();  // present but not a bearer token: rejected, not ignored
  }
  if (auto cookie = request.Header("cookie")) {
    // The __Host- cookie can only have been set over HTTPS for this exact host; over TLS it is
    // the only one read, so a cookie planted over plain HTTP cannot stand in for it.
    const auto find = [&cookie](std::string_view name) -> std::optional<std::string> {
      const std::string key = std::string(name) + "=";
      std::size_t pos = 0;
      while (pos < cookie->size()) {
        while (pos < cookie->size() && (*cookie)[pos] == ' ') ++pos;
        auto end = cookie->find(';', pos);
        if (end == std::string::npos) end = cookie->size();
        if (cookie->compare(pos, key.size(), key) == 0) {
          return cookie->substr(pos + key.size(), end - pos - key.size());
        }
        pos = end + 1;
      }
      return std::nullopt;
    };
    if (auto secure = find(kSecureSessionCookie)) return secure;
    if (!request.tls) return find(kSessionCookie);
  }
  return std::nullopt;
}

Api::Api(ApiContext context) : ctx_(std::move(context)) {
  AddSystemRoutes(router_, ctx_);
  AddAuthRoutes(router_, ctx_);
  AddOfficeRoutes(router_, ctx_);
  AddPeopleRoutes(router_, ctx_);
  AddEmployerRoutes(router_, ctx_);
  AddCalendarRoutes(router_, ctx_);
  AddAuditRoutes(router_, ctx_);
  AddProcessRoutes(router_, ctx_);
  AddCaseRoutes(router_, ctx_);
  AddComplaintRoutes(router_, ctx_);
  AddTaskRoutes(router_, ctx_);
  AddSigningRoutes(router_, ctx_);
  AddEmploymentCardRoutes(router_, ctx_);
  AddReportRoutes(router_, ctx_);
  AddDocumentRoutes(router_, ctx_);
  AddVerifyRoutes(router_, ctx_);
  AddPermitRoutes(router_, ctx_);
  AddCommissionRoutes(router_, ctx_);
  AddUserRoutes(router_, ctx_);
  AddEdsAuthRoutes(router_, ctx_);
  AddEmployerUserRoutes(router_, ctx_);
  AddDelegationRoutes(router_, ctx_);
  AddDecisionListRoutes(router_, ctx_);
  AddTransferRoutes(router_, ctx_);
  AddNotificationRoutes(router_, ctx_);
  AddAnnulmentRoutes(router_, ctx_);
  AddCaseworkRoutes(router_, ctx_);
  if (ctx_.reference) AddReferenceRoutes(router_, ctx_);
  if (ctx_.vacancies) AddVacancyRoutes(router_, ctx_);
  if (ctx_.vacancy_search) AddVacancySearchRoutes(router_, ctx_);
  if (ctx_.profiles && ctx_.matching) AddMatchingRoutes(router_, ctx_);
  if (ctx_.placements) AddPlacementRoutes(router_, ctx_);
  if (ctx_.contracts) AddContractRoutes(router_, ctx_);
  if (ctx_.payments) AddPaymentRoutes(router_, ctx_);
  if (ctx_.drafts) AddDraftRoutes(router_, ctx_);
  if (ctx_.activities) AddActivityRoutes(router_, ctx_);
}

HttpResponse Api::Handle(HttpRequest& request) {
  bool method_mismatch = false;
  const Route* route =
      router_.Match(request.method, request.path, request.path_params, method_mismatch);
  if (!route) {
    if (method_mismatch) {
      return ErrorResponse(Error::Invalid("request.method_not_allowed"_msg, "method not allowed"));
    }
    return ErrorResponse(Error::NotFound("resource.not_found"_msg, "no such resource"));
  }
  if (auto refused = GuardCookieWrite(request, *route)) return std::move(*refused);
  Actor actor;
  if (route->scope != Scope::kPublic) {
    auto token = SessionToken(request);
    if (!token) return ErrorResponse(Error::Unauthenticated());
    auto authenticated = ctx_.accounts.Authenticate(*token);
    if (!authenticated) return Failure(request, authenticated.error());
    actor = std::move(*authenticated);
    if (actor.must_change_password && !AllowedBeforePasswordChange(*route)) {
      return ErrorResponse(Error::Forbidden("auth.password_change_required"_msg,
                                            "change your one-time password first"));
    }
    // Scope before role: a record outside the caller's scope answers 404 exactly as a missing
    // one, whatever their role, so a wrong role cannot probe for its existence.
    if (auto in_scope = CheckRecordScope(ctx_, *route, request, actor); !in_scope) {
      return Failure(request, in_scope.error());
    }
    if (!route->roles.empty() && !route->roles.Intersects(actor.roles)) {
      return ErrorResponse(Error::Forbidden("access.role"_msg, "your role may not do this"));
    }
  }
  auto response = route->handler(request, actor);
  if (!response) return Failure(request, response.error());
  return std::move(*response);
}

}  // namespace jumys::http
