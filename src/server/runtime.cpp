#include "server/runtime.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <fstream>
#include <set>
#include <sstream>

#include "core/calendar_loader.h"
#include "engine/applicant_steps.h"
#include "engine/case_results.h"
#include "engine/definition_loader.h"
#include "engine/task_durations.h"
#include "security/dev_ca.h"
#include "services/case_hooks.h"
#include "services/demo/demo_data.h"
#include "services/demo/demo_payments.h"
#include "services/demo/demo_programmes.h"
#include "services/demo/demo_services.h"
#include "services/demo/demo_special_workplaces.h"
#include "services/demo/demo_vacancies.h"
#include "services/drafts/draft_service.h"
#include "services/eligibility/employer_eligibility.h"
#include "services/matching/matching_service.h"
#include "services/matching/profile_service.h"
#include "services/payments/payment_accounts.h"
#include "services/permits/permit_install.h"
#include "services/permits/permit_service.h"
#include "services/placements/placement_service.h"
#include "services/programmes/programme_parameters.h"
#include "services/reference/reference_data.h"
#include "services/relocation/relocation_hooks.h"
#include "services/relocation_employers/relocation_employers_hooks.h"
#include "services/special_workplaces/special_workplaces_hooks.h"
#include "services/subsidised_jobs/subsidised_jobs_hooks.h"
#include "services/vacancies/relevance_file.h"
#include "storage/migrations.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"
#include "storage/schema/schema.h"

namespace jumys {

Expected<std::unique_ptr<Runtime>> Runtime::Open(const RuntimeOptions& options) {
  JUMYS_ASSIGN_OR_RETURN(auto db,
                         storage::OpenMigratedDatabase(options.db_url, options.db_readers));
  return Open(options, std::move(db));
}

Expected<std::unique_ptr<Runtime>> Runtime::Open(const RuntimeOptions& options,
                                                 std::unique_ptr<storage::Database> db) {
  std::unique_ptr<Runtime> rt(new Runtime());
  rt->db_ = std::move(db);
  // Every service reads the time through `clock`. In demo mode the demo's cases move it from
  // months ago up to now (demo::DemoTimeline); then it is the options' clock again.
  auto demo_time = std::make_shared<std::atomic<std::int64_t>>(0);
  const Clock clock =
      !options.demo ? options.clock : Clock([base = options.clock, demo_time]() -> Instant {
        const std::int64_t at = demo_time->load(std::memory_order_relaxed);
        return at != 0 ? Instant{std::chrono::seconds(at)} : base();
      });
  JUMYS_TRY(storage::Migrate(*rt->db_, storage::SchemaMigrations(rt->db_->dialect())));
  DemoSeeding& seeding = rt->demo_seeding_;
  if (options.demo) {
    JUMYS_ASSIGN_OR_RETURN(seeding.seeded, demo::SeedDemo(*rt->db_, clock()));
  }
  // A dev CA made before certificates were backdated cannot sign a case begun months ago: the
  // fresh store's demo gets a new one before the trust store is read (no document of this
  // store was signed with the old keys).
  if (seeding.seeded && !options.demo_dev_ca.empty()) {
    const Instant now = clock();
    JUMYS_ASSIGN_OR_RETURN(seeding.dev_ca_remade,
                           DevCaGap(options.demo_dev_ca, now - demo::kSpecialWorkplacesDemoSpan,
                                    now + std::chrono::days(1)));
    if (!seeding.dev_ca_remade.empty()) JUMYS_TRY(CreateDevCa(options.demo_dev_ca, now));
  }
  if (options.demo) {
    JUMYS_TRY(reference::LoadShippedClassifiers(*rt->db_, options.reference_dir / "classifiers",
                                                clock()));
  }
  JUMYS_TRY(storage::LoadOffices(*rt->db_, rt->offices_));

  JUMYS_ASSIGN_OR_RETURN(auto calendar, LoadCalendarDir(options.reference_dir / "calendar"));
  std::vector<storage::CalendarOverrideRecord> overrides;
  JUMYS_TRY(rt->db_->Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(overrides, storage::ListCalendarOverrides(tx));
    return {};
  }));
  for (const auto& o : overrides) {
    JUMYS_ASSIGN_OR_RETURN(auto day, ParseDate(o.day));
    JUMYS_TRY(calendar.SetOverride(day, o.working, o.note));
  }
  rt->calendar_ = std::make_unique<CalendarService>(std::move(calendar));
  // The tasks completed before their durations were recorded are measured once.
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t measured,
                         FillTaskDurationsOnce(*rt->db_, rt->offices_, *rt->calendar_, clock()));
  if (measured > 0) {
    spdlog::info(R"({{"name":"task_durations_filled","tasks":{}}})", measured);
  }
  rt->accounts_ = std::make_unique<Accounts>(*rt->db_, rt->offices_, options.accounts, clock);
  rt->challenges_ = std::make_unique<Challenges>(*rt->db_, clock);
  rt->read_log_ = std::make_unique<storage::AuditReadLog>(*rt->db_, options.read_log_interval);
  // A definition that does not load, or names a guard or effect this build lacks, stops the
  // start with its file, line and reason.
  JUMYS_ASSIGN_OR_RETURN(rt->catalog_,
                         LoadProcessCatalog(options.processes_dir, options.reference_dir,
                                            DefaultDefinitionVocabulary()));
  rt->hooks_ = services::DefaultCaseHooks();
  documents::DocumentServiceOptions document_options;
  document_options.templates_dir = options.reference_dir / "documents";
  document_options.public_base_url = options.public_url;
  document_options.trust_roots = options.trust_roots;
  document_options.crls = options.crls;
  JUMYS_ASSIGN_OR_RETURN(rt->documents_,
                         documents::DocumentService::Create(*rt->db_, rt->offices_, rt->catalog_,
                                                            std::move(document_options)));
  rt->documents_->Install(rt->hooks_);
  permits::Install(rt->hooks_, *rt->documents_, rt->offices_, clock);
  // How old the state-revenue data may be at an employer's submission (reference data).
  JUMYS_ASSIGN_OR_RETURN(auto freshness, eligibility::LoadRevenueFreshness(
                                             options.reference_dir / "revenue/freshness.yaml"));
  eligibility::AddEligibilityChecks(rt->hooks_, std::move(freshness));
  placements::Install(*rt->documents_);
  // Programme parameters are data read once: a bad file stops the start with its file and line.
  JUMYS_ASSIGN_OR_RETURN(auto programmes, programmes::ProgrammeParameters::LoadDir(
                                              options.reference_dir / "programmes"));
  rt->programmes_ = std::make_unique<programmes::ProgrammeParameters>(std::move(programmes));
  // The relevance periods: the reference file's, or in the demo the demo's when it sets none.
  JUMYS_ASSIGN_OR_RETURN(auto relevance, vacancies::LoadRelevanceFile(options.reference_dir /
                                                                      "vacancies/relevance.yaml"));
  RelevancePolicy policy = relevance.Policy();
  if (options.demo && policy.confirm_every_days == 0 && policy.expire_after_stale_days == 0) {
    policy = demo::kDemoRelevance;
  }
  rt->vacancies_ = std::make_unique<vacancies::VacancyService>(*rt->db_, rt->offices_, policy,
                                                               clock, rt->calendar_.get());
  rt->contracts_ = std::make_unique<contracts::ContractService>(
      *rt->db_, rt->offices_, *rt->documents_,
      subsidised_jobs::AmountFromParameters(*rt->programmes_));
  rt->contracts_->Install(rt->hooks_);
  JUMYS_ASSIGN_OR_RETURN(
      auto accounts, payments::LoadAccounts(options.reference_dir / "payments" / "accounts.yaml"));
  rt->payments_ = std::make_unique<payments::PaymentService>(
      *rt->db_, rt->offices_, clock, [accounts = std::move(accounts)](const Office& office) {
        auto it = accounts.find(office.id);
        return it == accounts.end() ? payments::Debtor{} : it->second;
      });
  special_workplaces::Install(rt->hooks_, *rt->programmes_, *rt->payments_, *rt->vacancies_,
                              *rt->calendar_);
  rt->disabilities_ = std::make_unique<special_workplaces::DisabilityRecords>(*rt->db_, clock);
  rt->contract_records_ = std::make_unique<special_workplaces::ContractRecords>(*rt->db_);
  JUMYS_ASSIGN_OR_RETURN(
      auto regions, relocation::Regions::Load(options.reference_dir / "relocation/regions.yaml"));
  rt->relocation_regions_ = std::make_unique<relocation::Regions>(std::move(regions));
  relocation::Install(rt->hooks_, *rt->relocation_regions_, *rt->programmes_, *rt->payments_,
                      *rt->documents_, rt->offices_);
  // Programme activities name process codes: a programme the catalogue lacks stops the start.
  std::set<std::string> process_codes;
  for (const auto& d : rt->catalog_.All()) process_codes.insert(d->code);
  JUMYS_ASSIGN_OR_RETURN(
      auto activity_catalogue,
      activities::ActivityCatalogue::LoadFile(
          options.reference_dir / "activities" / "programme-activities.yaml", process_codes));
  rt->activity_catalogue_ =
      std::make_unique<activities::ActivityCatalogue>(std::move(activity_catalogue));
  rt->activities_ = std::make_unique<activities::ActivityService>(*rt->db_, rt->offices_,
                                                                  *rt->activity_catalogue_, clock);
  subsidised_jobs::InstallVacancyEffects(rt->hooks_, *rt->vacancies_);
  relocation_employers::Install(rt->hooks_, *rt->vacancies_);
  // A runnable definition whose service module is not written yet loads (it is valid) but is
  // not offered: the engine refuses to start its cases, naming what is missing.
  rt->not_offered_ = rt->hooks_.Uncovered(rt->catalog_);
  rt->cases_ = std::make_unique<CaseService>(*rt->db_, rt->catalog_, rt->offices_, *rt->calendar_,
                                             rt->hooks_, clock);
  const NotificationSettings& notify = options.notifications;
  JUMYS_ASSIGN_OR_RETURN(rt->notification_templates_,
                         LoadNotificationTemplates(options.reference_dir / "notifications"));
  // The engine's own alerts name their templates in code: without them it cannot start.
  for (const char* name : {"task_assigned", "task_due_soon", "task_overdue"}) {
    const NotificationTemplate* t = rt->notification_templates_.Find(name);
    if (!t || t->audience != NotificationAudience::kStaff) {
      return DefinitionFileError((options.reference_dir / "notifications").string(), 0,
                                 std::string("the staff template ") + name + ".yaml is missing");
    }
  }
  if (const NotificationTemplate* t = rt->notification_templates_.Find(kApplicantStepTemplate);
      !t || t->audience != NotificationAudience::kApplicant) {
    return DefinitionFileError(
        (options.reference_dir / "notifications").string(), 0,
        std::string("the applicant template ") + kApplicantStepTemplate + ".yaml is missing");
  }
  rt->notifier_ =
      std::make_unique<Notifier>(rt->notification_templates_, rt->offices_,
                                 NotifierOptions{options.public_url, !notify.smtp.url.empty(),
                                                 !notify.sms.url.empty(), notify.sms_daily_cap});
  rt->cases_->SetNotifier(rt->notifier_.get());
  // A statement that marks an order paid tells the payee, through the case it pays under.
  rt->payments_->OnPaid(
      [rt = rt.get(), clock](storage::Tx& tx, const payments::Order& o) -> Status {
        if (o.request.case_id <= 0) return {};
        JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, o.request.case_id));
        if (!kase) return {};
        JUMYS_ASSIGN_OR_RETURN(auto def, rt->catalog_.Find(kase->process, kase->version));
        return rt->notifier_->ToApplicant(
            tx, "payment_made",
            {*def,
             *kase,
             nullptr,
             nullptr,
             {{"payment_number", o.number},
              {"amount", payments::Decimal(o.request.amount)},
              {"period", o.request.period_from + " – " + o.request.period_to}}},
            clock(), "payment:" + std::to_string(o.id) + ":paid");
      });
  rt->decision_lists_ = std::make_unique<DecisionListService>(*rt->cases_);
  rt->alerts_ = std::make_unique<TaskAlerts>(*rt->db_, rt->catalog_, rt->offices_, *rt->calendar_,
                                             *rt->notifier_);
  rt->notifications_ =
      std::make_unique<notifications::NotificationService>(*rt->db_, clock, notify.receipt_secret);
  notifications::DispatcherOptions dispatch;
  dispatch.interval = notify.dispatch_interval;
  dispatch.lease = notify.lease;
  rt->dispatcher_ =
      std::make_unique<notifications::NotificationDispatcher>(*rt->db_, clock, dispatch);
  if (!notify.smtp.url.empty()) {
    rt->dispatcher_->SetChannel("email", std::make_unique<notifications::SmtpChannel>(notify.smtp));
  }
  if (!notify.sms.url.empty()) {
    rt->dispatcher_->SetChannel("sms",
                                std::make_unique<notifications::SmsGatewayChannel>(notify.sms));
  }
  rt->registry_ =
      std::make_unique<registry::RegistryService>(*rt->db_, rt->offices_, *rt->read_log_, clock);
  rt->commissions_ = std::make_unique<commission::CommissionService>(*rt->db_, rt->offices_, clock);
  rt->account_admin_ =
      std::make_unique<AccountAdministration>(*rt->db_, rt->offices_, *rt->accounts_, clock);
  rt->office_admin_ =
      std::make_unique<offices::OfficeAdministration>(*rt->db_, rt->offices_, clock);
  rt->calendar_admin_ = std::make_unique<calendar::CalendarAdministration>(*rt->db_, *rt->calendar_,
                                                                           rt->offices_, clock);
  rt->audit_ = std::make_unique<audit::AuditService>(*rt->db_, *rt->read_log_);
  rt->permits_ = std::make_unique<permits::PermitService>(*rt->db_, rt->offices_, clock);
  rt->sla_reports_ =
      std::make_unique<SlaReports>(*rt->db_, rt->catalog_, rt->offices_, *rt->calendar_);
  rt->dashboards_ =
      std::make_unique<analytics::Dashboards>(*rt->db_, rt->offices_, *rt->sla_reports_);
  rt->drafts_ = std::make_unique<drafts::DraftService>(*rt->db_, rt->catalog_, clock);
  rt->employer_users_ = std::make_unique<employers::EmployerUsers>(*rt->db_, *rt->accounts_, clock);
  rt->delegations_ =
      std::make_unique<delegations::DelegationService>(*rt->db_, rt->offices_, clock);
  rt->annulments_ = std::make_unique<documents::DocumentAnnulments>(
      *rt->db_, rt->offices_, rt->catalog_, *rt->documents_, rt->notifier_.get());
  rt->reference_ = std::make_unique<reference::ReferenceData>(*rt->db_, clock);
  rt->vacancy_search_ = std::make_unique<vacancies::VacancySearch>(*rt->db_, clock);
  {
    // Matching's weights and words are data, read once at start-up (docs/MATCHING.md).
    const auto file = options.reference_dir / "vacancies" / "matching.yaml";
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto weights = ParseMatchingWeights(text.str());
    if (!in || !weights) {
      return DefinitionFileError(file.string(), 0,
                                 weights ? "cannot be read" : weights.error().internal);
    }
    rt->profiles_ = std::make_unique<matching::ProfileService>(*rt->db_, rt->offices_,
                                                               rt->read_log_.get(), clock);
    rt->matching_ = std::make_unique<matching::MatchingService>(*rt->db_, rt->offices_,
                                                                std::move(*weights), clock);
  }
  rt->casework_ = std::make_unique<casework::CaseworkService>(*rt->db_, rt->offices_,
                                                              *rt->calendar_, rt->catalog_, clock);
  // What the background sweeper does besides the engine's timers and the staff alerts.
  std::vector<SweepPass> passes = {
      {"vacancy_sweep",
       [bank = rt->vacancies_.get()]() -> Status {
         auto swept = bank->Sweep();
         if (!swept) return swept.error();
         return {};
       }},
      {"contract_sweep",
       [contracts = rt->contracts_.get(), clock]() -> Status {
         auto ended = contracts->EndDue(clock());
         if (!ended) return ended.error();
         return {};
       }},
      // A CRL republished in place is read at the next pass; files that do not load leave
      // the store in use and are reported once.
      {"eds_trust_reload", [documents = rt->documents_.get()]() -> Status {
         auto reloaded = documents->ReloadTrust(false);
         if (!reloaded) return reloaded.error();
         if (*reloaded) spdlog::info(R"({{"name":"eds_trust_reloaded","signal":"files changed"}})");
         return {};
       }}};
  if (options.demo) JUMYS_TRY(demo::SeedDemoVacancies(*rt->db_, clock(), policy));
  if (seeding.seeded) {
    const Instant now = clock();
    const auto year_of = [&](Instant at) {
      return static_cast<int>(OfficeDate(*rt->offices_.Find("kzo-city"), at).year());
    };
    JUMYS_TRY(demo::SetDemoBudgets(*rt->payments_, year_of(now - demo::kSpecialWorkplacesDemoSpan),
                                   year_of(now)));
    if (options.demo_dev_ca.empty()) {
      seeding.p3_skipped = "no development CA to sign it with (--trust-root was given)";
    } else {
      // One pass of the background sweeper at the demo's time: timers, alerts, the passes.
      const auto sweep = [rt = rt.get(), &passes]() -> Status {
        for (;;) {
          JUMYS_ASSIGN_OR_RETURN(const int fired, rt->cases_->FireDue(200));
          if (fired < 200) break;
        }
        JUMYS_TRY(rt->alerts_->Sweep(rt->cases_->Now()));
        for (const SweepPass& pass : passes) JUMYS_TRY(pass.run());
        return {};
      };
      const auto set_clock = [demo_time](Instant at) {
        demo_time->store(at.time_since_epoch().count(), std::memory_order_relaxed);
      };
      const auto started = std::chrono::steady_clock::now();
      const demo::DemoServices services{*rt->db_,
                                        *rt->cases_,
                                        *rt->decision_lists_,
                                        *rt->documents_,
                                        *rt->payments_,
                                        *rt->disabilities_,
                                        *rt->accounts_,
                                        *rt->challenges_,
                                        *rt->calendar_,
                                        options.demo_dev_ca,
                                        set_clock,
                                        sweep};
      // The demo's programme cases on one clock, each step done in its turn among them all.
      demo::DemoTimeline timeline(services, now);
      demo::SpecialWorkplacesDemo p3(timeline, now);
      demo::ProgrammesDemo programmes(timeline, now);
      timeline.Run();
      seeding.p3 = p3.Result();
      seeding.programmes = programmes.Result();
      demo_time->store(0);
      seeding.took = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - started);
      // The public-service cases on their own run from months back (demo_services.h).
      placements::PlacementService placements(*rt->db_, rt->offices_, clock);
      seeding.services = demo::SeedDemoServices({services, *rt->commissions_, placements}, now);
      demo_time->store(0);
    }
  }
  // Vacancies published under other periods (or none) fall due by the periods now in force.
  JUMYS_TRY(rt->vacancies_->RecomputeNextChanges());
  rt->placements_ = std::make_unique<placements::PlacementService>(*rt->db_, rt->offices_, clock);
  http::ApiContext context{*rt->accounts_, rt->offices_, *rt->calendar_,
                           *rt->read_log_, *rt->cases_,  rt->catalog_,
                           clock,          false,        rt->documents_.get()};
  // Reached over HTTPS (served with TLS, or behind a TLS proxy): Secure, __Host- cookies.
  context.secure_cookies = options.public_url.rfind("https://", 0) == 0;
  context.account_admin = rt->account_admin_.get();
  context.office_admin = rt->office_admin_.get();
  context.calendar_admin = rt->calendar_admin_.get();
  context.audit = rt->audit_.get();
  context.registry = rt->registry_.get();
  context.commissions = rt->commissions_.get();
  context.permit_service = rt->permits_.get();
  context.sla_reports = rt->sla_reports_.get();
  context.dashboards = rt->dashboards_.get();
  context.challenges = rt->challenges_.get();
  context.employer_users = rt->employer_users_.get();
  context.drafts = rt->drafts_.get();
  context.delegations = rt->delegations_.get();
  context.decision_lists = rt->decision_lists_.get();
  context.notifications = rt->notifications_.get();
  context.annulments = rt->annulments_.get();
  context.casework = rt->casework_.get();
  context.reference = rt->reference_.get();
  context.vacancies = rt->vacancies_.get();
  context.vacancy_search = rt->vacancy_search_.get();
  context.profiles = rt->profiles_.get();
  context.matching = rt->matching_.get();
  context.placements = rt->placements_.get();
  context.programmes = rt->programmes_.get();
  context.contracts = rt->contracts_.get();
  context.payments = rt->payments_.get();
  context.disabilities = rt->disabilities_.get();
  context.contract_records = rt->contract_records_.get();
  context.activities = rt->activities_.get();
  rt->api_ = std::make_unique<http::Api>(std::move(context));
  if (options.sweep_interval.count() > 0) {
    rt->sweeper_ = std::make_unique<CaseSweeper>(*rt->cases_, options.sweep_interval,
                                                 rt->alerts_.get(), std::move(passes));
  }
  rt->dispatcher_->Start();
  return rt;
}

Runtime::~Runtime() {
  sweeper_.reset();
  reference_.reset();  // waits for a running import before the store closes
  dispatcher_.reset();
  api_.reset();
  read_log_.reset();  // flushes pending read events before the store closes
}

}  // namespace jumys
