#pragma once
// Wires the route table to the services and turns every request into a response: session
// lookup (401), the scope of the record the path names (404, http/record_scope.h), the role
// (403), the handler, and the one error mapping.
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

namespace jumys::documents {
class DocumentService;
class DocumentAnnulments;
}  // namespace jumys::documents
namespace jumys::registry {
class RegistryService;
}
namespace jumys::commission {
class CommissionService;
}
namespace jumys {
class AccountAdministration;
}
namespace jumys::offices {
class OfficeAdministration;
}
namespace jumys::calendar {
class CalendarAdministration;
}
namespace jumys::audit {
class AuditService;
}
namespace jumys::analytics {
class Dashboards;
}
namespace jumys::permits {
class PermitService;
}
namespace jumys {
class SlaReports;
class Challenges;
class DecisionListService;
}  // namespace jumys
namespace jumys::employers {
class EmployerUsers;
}
namespace jumys::delegations {
class DelegationService;
}
namespace jumys::notifications {
class NotificationService;
}
namespace jumys::casework {
class CaseworkService;
}
namespace jumys::reference {
class ReferenceData;
}
namespace jumys::programmes {
class ProgrammeParameters;
}
namespace jumys::vacancies {
class VacancyService;
class VacancySearch;
}  // namespace jumys::vacancies
namespace jumys::matching {
class ProfileService;
class MatchingService;
}  // namespace jumys::matching

namespace jumys::placements {
class PlacementService;
}  // namespace jumys::placements
namespace jumys::drafts {
class DraftService;
}  // namespace jumys::drafts
namespace jumys::contracts {
class ContractService;
}  // namespace jumys::contracts
namespace jumys::payments {
class PaymentService;
}  // namespace jumys::payments
namespace jumys::activities {
class ActivityService;
}  // namespace jumys::activities
namespace jumys::special_workplaces {
class DisabilityRecords;
class ContractRecords;
}  // namespace jumys::special_workplaces

namespace jumys::http {

// What handlers reach: the services, never the store itself (a rule written in a handler
// would be untested without HTTP and repeated by the next handler that needs it).
struct ApiContext {
  Accounts& accounts;
  OfficeDirectory& offices;
  CalendarService& calendar;
  storage::AuditReadLog& read_log;
  CaseService& cases;
  const ProcessCatalog& processes;
  Clock clock;
  bool secure_cookies = false;                           // set the Secure flag when served over TLS
  documents::DocumentService* documents = nullptr;       // stored documents, EDS checks
  registry::RegistryService* registry = nullptr;         // people, employers, revenue data
  commission::CommissionService* commissions = nullptr;  // the oblast permit commission
  AccountAdministration* account_admin = nullptr;        // staff accounts
  offices::OfficeAdministration* office_admin = nullptr;       // offices and their hours
  calendar::CalendarAdministration* calendar_admin = nullptr;  // working-calendar overrides
  audit::AuditService* audit = nullptr;                        // audit chain verification
  permits::PermitService* permit_service = nullptr;            // permits, quotas, coupons
  const SlaReports* sla_reports = nullptr;                     // the SLA report
  const analytics::Dashboards* dashboards = nullptr;           // the analyst's figures
  Challenges* challenges = nullptr;                    // single-use challenges for EDS signatures
  employers::EmployerUsers* employer_users = nullptr;  // an employer's users
  delegations::DelegationService* delegations = nullptr;        // acting heads
  notifications::NotificationService* notifications = nullptr;  // inbox, contacts, delivery log
  documents::DocumentAnnulments* annulments = nullptr;          // annulled and replaced results
  casework::CaseworkService* casework = nullptr;                // case notes, office dashboard
  reference::ReferenceData* reference = nullptr;                // NKZ and KATO classifiers
  vacancies::VacancyService* vacancies = nullptr;               // the vacancy bank
  vacancies::VacancySearch* vacancy_search = nullptr;           // public vacancy search
  matching::ProfileService* profiles = nullptr;                 // job seekers' profiles
  matching::MatchingService* matching = nullptr;                // vacancies <-> job seekers
  placements::PlacementService* placements = nullptr;           // referrals to vacancies, hires
  const programmes::ProgrammeParameters* programmes = nullptr;  // МРП, measures' amounts
  drafts::DraftService* drafts = nullptr;           // applicants' drafts of portal applications
  contracts::ContractService* contracts = nullptr;  // programme contracts and their signatures
  DecisionListService* decision_lists = nullptr;    // lists of cases decided at once
  payments::PaymentService* payments = nullptr;     // the payments registry
  special_workplaces::DisabilityRecords* disabilities = nullptr;    // on employment cards
  special_workplaces::ContractRecords* contract_records = nullptr;  // P3 reports and visits
  activities::ActivityService* activities = nullptr;  // programme outreach, consultations, fairs
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
// The session cookie: "__Host-jumys_session" (Secure, HttpOnly, SameSite=Strict, Path=/) when
// served over TLS or behind an https public URL; "jumys_session" (HttpOnly, SameSite=Strict,
// Path=/, not Secure) over plain HTTP, which `serve` allows for development on loopback.
inline constexpr const char* kSessionCookie = "jumys_session";
inline constexpr const char* kSecureSessionCookie = "__Host-jumys_session";

// Route groups, one file each.
void AddSystemRoutes(Router& router, ApiContext& ctx);
void AddNotificationRoutes(Router& router, ApiContext& ctx);
void AddAuthRoutes(Router& router, ApiContext& ctx);
void AddOfficeRoutes(Router& router, ApiContext& ctx);
void AddPeopleRoutes(Router& router, ApiContext& ctx);
void AddEmployerRoutes(Router& router, ApiContext& ctx);
void AddCalendarRoutes(Router& router, ApiContext& ctx);
void AddAuditRoutes(Router& router, ApiContext& ctx);
void AddProcessRoutes(Router& router, ApiContext& ctx);
void AddCaseRoutes(Router& router, ApiContext& ctx);
void AddDraftRoutes(Router& router, ApiContext& ctx);
void AddComplaintRoutes(Router& router, ApiContext& ctx);
void AddTaskRoutes(Router& router, ApiContext& ctx);
void AddSigningRoutes(Router& router, ApiContext& ctx);
void AddCaseworkRoutes(Router& router, ApiContext& ctx);
void AddEmploymentCardRoutes(Router& router, ApiContext& ctx);
void AddReportRoutes(Router& router, ApiContext& ctx);
void AddDocumentRoutes(Router& router, ApiContext& ctx);
void AddVerifyRoutes(Router& router, ApiContext& ctx);
void AddPermitRoutes(Router& router, ApiContext& ctx);
void AddCommissionRoutes(Router& router, ApiContext& ctx);
void AddUserRoutes(Router& router, ApiContext& ctx);
void AddEdsAuthRoutes(Router& router, ApiContext& ctx);
void AddEmployerUserRoutes(Router& router, ApiContext& ctx);
void AddDelegationRoutes(Router& router, ApiContext& ctx);
void AddDecisionListRoutes(Router& router, ApiContext& ctx);
void AddTransferRoutes(Router& router, ApiContext& ctx);
void AddAnnulmentRoutes(Router& router, ApiContext& ctx);
void AddReferenceRoutes(Router& router, ApiContext& ctx);
void AddVacancyRoutes(Router& router, ApiContext& ctx);
void AddVacancySearchRoutes(Router& router, ApiContext& ctx);
void AddMatchingRoutes(Router& router, ApiContext& ctx);
void AddPlacementRoutes(Router& router, ApiContext& ctx);
void AddContractRoutes(Router& router, ApiContext& ctx);
void AddPaymentRoutes(Router& router, ApiContext& ctx);
void AddActivityRoutes(Router& router, ApiContext& ctx);

// The answer to a sign-in, by password or by EDS: the token, the user and the session cookie
// (auth_routes.cpp).
HttpResponse SignedInResponse(const ApiContext& ctx, const LoginResult& result);

// Whether a session that must change its password may call the route (auth_routes.cpp).
bool AllowedBeforePasswordChange(const Route& route);

// The OpenAPI 3.1 document generated from the route table.
nlohmann::json OpenApiDocument(const Router& router);

}  // namespace jumys::http
