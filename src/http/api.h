#pragma once
// Wires the route table to the services and turns every request into a response: session
// lookup, role check, handler, and the one error mapping.
#include <memory>
#include <string>

#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/case_service.h"
#include "engine/definition_catalog.h"
#include "http/http_types.h"
#include "http/router.h"
#include "security/accounts.h"
#include "storage/audit_log.h"
#include "storage/database.h"

namespace jumys::services {
class DocumentService;
}
namespace jumys::permits {
class PermitService;
}
namespace jumys {
class SlaReports;
}

namespace jumys::http {

struct ApiContext {
  storage::Database& db;
  Accounts& accounts;
  OfficeDirectory& offices;
  CalendarService& calendar;
  storage::AuditReadLog& read_log;
  CaseService& cases;
  const ProcessCatalog& processes;
  Clock clock;
  bool secure_cookies = false;                     // set the Secure flag when served over TLS
  services::DocumentService* documents = nullptr;  // stored documents, EDS checks
  // The permit registry, quotas and coupons.
  permits::PermitService* permit_service = nullptr;
  const SlaReports* sla_reports = nullptr;
};

class Api {
 public:
  explicit Api(ApiContext context);
  Api(const Api&) = delete;  // routes capture the router and context by reference
  Api& operator=(const Api&) = delete;
  HttpResponse Handle(HttpRequest& request);
  const Router& router() const { return router_; }

 private:
  ApiContext ctx_;
  Router router_;
};

// The token from "Authorization: Bearer ..." or the session cookie.
std::optional<std::string> SessionToken(const HttpRequest& request);
inline constexpr const char* kSessionCookie = "jumys_session";

// Route groups, one file each.
void AddSystemRoutes(Router& router, ApiContext& ctx);
void AddAuthRoutes(Router& router, ApiContext& ctx);
void AddOfficeRoutes(Router& router, ApiContext& ctx);
void AddPeopleRoutes(Router& router, ApiContext& ctx);
void AddEmployerRoutes(Router& router, ApiContext& ctx);
void AddCalendarRoutes(Router& router, ApiContext& ctx);
void AddAuditRoutes(Router& router, ApiContext& ctx);
void AddProcessRoutes(Router& router, ApiContext& ctx);
void AddCaseRoutes(Router& router, ApiContext& ctx);
void AddTaskRoutes(Router& router, ApiContext& ctx);
void AddEmploymentCardRoutes(Router& router, ApiContext& ctx);
void AddReportRoutes(Router& router, ApiContext& ctx);
void AddDocumentRoutes(Router& router, ApiContext& ctx);
void AddVerifyRoutes(Router& router, ApiContext& ctx);
void AddPermitRoutes(Router& router, ApiContext& ctx);
void AddCommissionRoutes(Router& router, ApiContext& ctx);
void AddUserRoutes(Router& router, ApiContext& ctx);

// The OpenAPI 3.1 document generated from the route table.
nlohmann::json OpenApiDocument(const Router& router);

}  // namespace jumys::http
