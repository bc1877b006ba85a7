#pragma once
// Everything a running server needs, wired once: the store (migrated), offices, the calendar,
// accounts, the read log and the API. Tests build the same object.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/source_dir.h"
#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "engine/case_hooks.h"
#include "engine/case_service.h"
#include "engine/case_sweeper.h"
#include "engine/decision_lists.h"
#include "engine/definition_catalog.h"
#include "engine/notifier.h"
#include "engine/sla_report.h"
#include "engine/task_alerts.h"
#include "http/api.h"
#include "security/account_admin.h"
#include "security/accounts.h"
#include "security/challenges.h"
#include "services/activities/activity_service.h"
#include "services/analytics/dashboards.h"
#include "services/audit/audit_service.h"
#include "services/calendar/calendar_admin.h"
#include "services/casework/casework_service.h"
#include "services/commission/commission_service.h"
#include "services/contracts/contract_service.h"
#include "services/delegations/delegation_service.h"
#include "services/demo/demo_programmes.h"
#include "services/demo/demo_services.h"
#include "services/demo/demo_special_workplaces.h"
#include "services/documents/document_annulment.h"
#include "services/documents/document_service.h"
#include "services/drafts/draft_service.h"
#include "services/employers/employer_users.h"
#include "services/matching/matching_service.h"
#include "services/matching/profile_service.h"
#include "services/notifications/notification_dispatcher.h"
#include "services/notifications/notification_service.h"
#include "services/notifications/sms_gateway_channel.h"
#include "services/notifications/smtp_channel.h"
#include "services/offices/office_admin.h"
#include "services/payments/payment_service.h"
#include "services/permits/permit_service.h"
#include "services/placements/placement_service.h"
#include "services/programmes/programme_parameters.h"
#include "services/reference/reference_data.h"
#include "services/registry/registry_service.h"
#include "services/relocation/relocation_regions.h"
#include "services/special_workplaces/contract_records.h"
#include "services/special_workplaces/special_workplaces_hooks.h"
#include "services/vacancies/vacancy_search.h"
#include "services/vacancies/vacancy_service.h"
#include "storage/audit_log.h"
#include "storage/database.h"

namespace jumys {

// E-mail and SMS are off unless their URL is given; the inbox is always on.
struct NotificationSettings {
  notifications::SmtpConfig smtp;       // smtp.url "": no e-mail
  notifications::SmsGatewayConfig sms;  // sms.url "": no SMS
  int sms_daily_cap = 5;                // SMS per number in any 24 hours
  std::string receipt_secret;           // the SMS gateway's bearer token for receipts
  // How often the outbox is sent in the background; 0: never (tests call the dispatcher).
  std::chrono::milliseconds dispatch_interval{0};
  std::chrono::seconds lease{120};
};

struct RuntimeOptions {
  std::string db_url = "sqlite:var/jumys.db";
  int db_readers = 4;
  std::filesystem::path reference_dir = jumys::SourceDir() / "reference";
  std::filesystem::path processes_dir = jumys::SourceDir() / "processes";
  // How often due timers and waits are fired in the background; 0: never (tests fire them
  // through CaseService::FireDue).
  std::chrono::milliseconds sweep_interval{0};
  bool demo = false;
  AccountPolicy accounts;
  std::chrono::milliseconds read_log_interval{50};
  Clock clock = SystemNow;
  // EDS: CA and CRL PEM files of the trust store (none: every signature is refused), and the
  // address printed in documents' QR codes (<public_url>/verify/<code>).
  // An https public URL also makes the session cookie Secure and __Host- prefixed.
  std::vector<std::filesystem::path> trust_roots;
  std::vector<std::filesystem::path> crls;
  std::string public_url = "http://127.0.0.1:8080";
  NotificationSettings notifications;
  // Demo: the development CA (security/dev_ca.h) whose key files sign the demo's P3 case on a
  // fresh store; none, no P3 case. One that does not reach back over the case is made anew.
  std::filesystem::path demo_dev_ca;
};

// What `--demo` seeded at this start, for the log.
struct DemoSeeding {
  bool seeded = false;        // the store was empty: the demo data went in
  std::string dev_ca_remade;  // why demo_dev_ca was made anew, "" when it was not
  std::string p3_skipped;     // why there are no demo cases (P3, P2, P1), "" when there are
  demo::SpecialWorkplacesDemoResult p3;
  demo::ProgrammesDemoResult programmes;  // P2 and P1, with the P3 case
  std::chrono::milliseconds took{0};      // running the demo's cases on the timeline
  demo::ServicesDemoResult services;      // the public-service cases, when there is a P3 case
};

class Runtime {
 public:
  static Expected<std::unique_ptr<Runtime>> Open(const RuntimeOptions& options);
  // Runs on a store opened elsewhere (tests); options.db_url is ignored.
  static Expected<std::unique_ptr<Runtime>> Open(const RuntimeOptions& options,
                                                 std::unique_ptr<storage::Database> db);
  ~Runtime();

  storage::Database& db() { return *db_; }
  http::Api& api() { return *api_; }
  OfficeDirectory& offices() { return offices_; }
  const SlaReports& sla_reports() const { return *sla_reports_; }
  const analytics::Dashboards& dashboards() const { return *dashboards_; }
  CalendarService& calendar() { return *calendar_; }
  storage::AuditReadLog& read_log() { return *read_log_; }
  const ProcessCatalog& processes() const { return catalog_; }
  CaseService& cases() { return *cases_; }
  documents::DocumentService& documents() { return *documents_; }
  notifications::NotificationDispatcher& dispatcher() { return *dispatcher_; }
  // Staff alerts and reminders; the sweeper runs them, tests call Sweep with their clock.
  TaskAlerts& alerts() { return *alerts_; }
  // The vacancy bank; the sweeper runs its Sweep, tests call it with their clock.
  vacancies::VacancyService& vacancies() { return *vacancies_; }
  // Why each runnable definition lacking a guard or effect in this build is not offered.
  const std::vector<Error>& not_offered() const { return not_offered_; }
  const DemoSeeding& demo_seeding() const { return demo_seeding_; }

 private:
  Runtime() = default;
  std::unique_ptr<storage::Database> db_;
  OfficeDirectory offices_;
  std::unique_ptr<CalendarService> calendar_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<Challenges> challenges_;
  std::unique_ptr<storage::AuditReadLog> read_log_;
  ProcessCatalog catalog_;
  CaseHooks hooks_;
  std::vector<Error> not_offered_;
  DemoSeeding demo_seeding_;
  std::unique_ptr<documents::DocumentService> documents_;
  std::unique_ptr<documents::DocumentAnnulments> annulments_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<registry::RegistryService> registry_;
  std::unique_ptr<commission::CommissionService> commissions_;
  std::unique_ptr<AccountAdministration> account_admin_;
  std::unique_ptr<offices::OfficeAdministration> office_admin_;
  std::unique_ptr<calendar::CalendarAdministration> calendar_admin_;
  std::unique_ptr<audit::AuditService> audit_;
  std::unique_ptr<permits::PermitService> permits_;
  std::unique_ptr<SlaReports> sla_reports_;
  std::unique_ptr<analytics::Dashboards> dashboards_;
  std::unique_ptr<employers::EmployerUsers> employer_users_;
  std::unique_ptr<drafts::DraftService> drafts_;
  std::unique_ptr<delegations::DelegationService> delegations_;
  std::unique_ptr<DecisionListService> decision_lists_;
  std::unique_ptr<casework::CaseworkService> casework_;
  std::unique_ptr<reference::ReferenceData> reference_;
  std::unique_ptr<vacancies::VacancyService> vacancies_;
  std::unique_ptr<vacancies::VacancySearch> vacancy_search_;
  std::unique_ptr<matching::ProfileService> profiles_;
  std::unique_ptr<matching::MatchingService> matching_;
  std::unique_ptr<placements::PlacementService> placements_;
  std::unique_ptr<programmes::ProgrammeParameters> programmes_;
  std::unique_ptr<contracts::ContractService> contracts_;
  std::unique_ptr<payments::PaymentService> payments_;
  std::unique_ptr<special_workplaces::DisabilityRecords> disabilities_;
  std::unique_ptr<special_workplaces::ContractRecords> contract_records_;
  std::unique_ptr<relocation::Regions> relocation_regions_;
  std::unique_ptr<activities::ActivityCatalogue> activity_catalogue_;
  std::unique_ptr<activities::ActivityService> activities_;
  NotificationTemplates notification_templates_;
  std::unique_ptr<Notifier> notifier_;
  std::unique_ptr<notifications::NotificationService> notifications_;
  std::unique_ptr<notifications::NotificationDispatcher> dispatcher_;
  std::unique_ptr<TaskAlerts> alerts_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<CaseSweeper> sweeper_;
};

}  // namespace jumys
