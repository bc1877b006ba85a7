#pragma once
// The fixture of the outbox tests (outbox_transaction_suite.h, outbox_channels_suite.h and
// documents/document_signing_suite.h), on both stores, without HTTP: the case engine wired as
// the server wires it (DefaultCaseHooks, the document service, the permit hooks on the working
// calendar) with a Notifier set on CaseService, on the shipped definitions or a scratch tree.
// Only the EDS check of signing steps is left out (no test keys at this level). Include the
// suites from one test file per binary and instantiate OutboxSuite with a Backend.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/calendar_loader.h"
#include "core/source_dir.h"
#include "engine/case_service.h"
#include "engine/definition_loader.h"
#include "engine/definition_test_support.h"
#include "engine/notifier.h"
#include "services/case_hooks.h"
#include "services/commission/commission_store.h"
#include "services/documents/document_service.h"
#include "services/permits/permit_install.h"
#include "services/reference/reference_data.h"
#include "services/testing/demo_store.h"
#include "storage/repositories/notification_repository.h"

namespace jumys::testing {

// The engine as the server runs it, on a throwaway store with the demo data.
class OutboxEngine {
 public:
  OutboxEngine(Backend backend, const std::filesystem::path& processes,
               const std::filesystem::path& reference, const DefinitionVocabulary& vocabulary,
               const std::function<void(CaseHooks&)>& extra_hooks)
      : now_(kHarnessMonday10Local), store_(backend, Now()) {
    auto calendar = LoadCalendarDir(SourceDir() / "reference/calendar");
    DemoStore::Must(calendar, "calendar");
    calendar_ = std::make_unique<CalendarService>(std::move(*calendar));
    auto catalog = LoadProcessCatalog(processes, reference, vocabulary);
    DemoStore::Must(catalog, "catalog");
    catalog_ = std::move(*catalog);
    hooks_ = services::DefaultCaseHooks();
    documents::DocumentServiceOptions options;
    options.templates_dir = SourceDir() / "reference/documents";
    options.public_base_url = "https://jumys.example";
    auto docs = documents::DocumentService::Create(store_.db(), store_.offices(), catalog_,
                                                   std::move(options));
    DemoStore::Must(docs, "documents");
    documents_ = std::move(*docs);
    documents_->Install(hooks_);
    permits::Install(hooks_, *documents_, store_.offices(), [this] { return Now(); });
    if (extra_hooks) extra_hooks(hooks_);
    DocumentHooks unsigned_steps = hooks_.documents();
    unsigned_steps.check_signature = nullptr;
    unsigned_steps.precheck_signature = nullptr;
    hooks_.SetDocuments(std::move(unsigned_steps));
    cases_ = std::make_unique<CaseService>(store_.db(), catalog_, store_.offices(), *calendar_,
                                           hooks_, [this] { return Now(); });
  }

  Instant Now() const { return Instant{std::chrono::seconds(now_.load())}; }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }
  CaseService& cases() { return *cases_; }
  documents::DocumentService& documents() { return *documents_; }
  storage::Database& db() { return store_.db(); }
  const OfficeDirectory& offices() const { return store_.offices(); }
  Actor As(const std::string& login) { return store_.As(login); }

 private:
  std::atomic<std::int64_t> now_;
  DemoStore store_;
  std::unique_ptr<CalendarService> calendar_;
  ProcessCatalog catalog_;
  CaseHooks hooks_;
  std::unique_ptr<documents::DocumentService> documents_;
  std::unique_ptr<CaseService> cases_;
};

class OutboxSuite : public ::testing::TestWithParam<Backend> {
 protected:
  static constexpr const char* kBin = "080540001238";  // the demo employer
  static constexpr const char* kS4 = "foreign-labour-permit";

  // The engine on the shipped definitions, or on `processes`/`reference` with extra hooks; its
  // changes write notifications through a Notifier with `options`.
  void Use(NotifierOptions options, std::filesystem::path processes = SourceDir() / "processes",
           std::filesystem::path reference = SourceDir() / "reference",
           const DefinitionVocabulary& vocabulary = DefaultDefinitionVocabulary(),
           const std::function<void(CaseHooks&)>& extra_hooks = {}) {
    notifier_.reset();
    engine_.reset();
    auto templates = LoadNotificationTemplates(reference / "notifications");
    DemoStore::Must(templates, "templates");
    templates_ = std::move(*templates);
    engine_ =
        std::make_unique<OutboxEngine>(GetParam(), processes, reference, vocabulary, extra_hooks);
    notifier_ = std::make_unique<Notifier>(templates_, engine_->offices(), options);
    engine_->cases().SetNotifier(notifier_.get());
  }

  OutboxEngine& engine() { return *engine_; }

  void SetContact(const std::string& kind, const std::string& id, const std::string& email,
                  const std::string& phone, const std::string& language, bool email_opt_in,
                  bool sms_opt_in) {
    storage::ContactRow c{kind,     id,           email,      phone,
                          language, email_opt_in, sms_opt_in, FormatRfc3339(engine_->Now()),
                          "test"};
    DemoStore::Must(engine_->db().Write([&](storage::Tx& tx) { return UpsertContact(tx, c); }),
                    "contact");
  }

  // Every message of the outbox, oldest first.
  std::vector<storage::NotificationRow> Messages() {
    std::vector<storage::NotificationRow> out;
    storage::NotificationFilter all;
    all.limit = 10000;
    DemoStore::Must(engine_->db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(out, storage::ListNotifications(tx, all));
      return {};
    }),
                    "messages");
    std::reverse(out.begin(), out.end());
    return out;
  }
  // The messages written from `template_name`, oldest first.
  std::vector<storage::NotificationRow> Messages(const std::string& template_name) {
    std::vector<storage::NotificationRow> out;
    for (auto& m : Messages()) {
      if (m.template_name == template_name) out.push_back(std::move(m));
    }
    return out;
  }
  std::int64_t Count(const std::string& sql) { return QueryCount(engine_->db(), sql); }
  std::vector<storage::NotificationAttemptRow> Attempts(std::int64_t id) {
    std::vector<storage::NotificationAttemptRow> out;
    DemoStore::Must(engine_->db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(out, storage::ListAttempts(tx, id));
      return {};
    }),
                    "attempts");
    return out;
  }

  // An S4 application of the demo employer filed at the oblast office.
  std::int64_t FileS4() {
    auto def = engine_->cases().catalog().Find(kS4, "kzo-2018-1054");
    DemoStore::Must(def, "S4 definition");
    // The occupation and region are checked against the classifiers: the demo's shipped ones.
    DemoStore::Must(
        reference::LoadShippedClassifiers(engine_->db(), SourceDir() / "reference/classifiers",
                                          *ParseRfc3339("2026-11-23T05:00:00Z")),
        "classifiers");
    CaseService::StartRequest r;
    r.process = kS4;
    r.channel = Channel::kOffice;
    r.applicant_bin = kBin;
    r.data = {{"consent", true},   {"category", 3},         {"workers", 2},
              {"occupation", "2"}, {"region", "431010000"}, {"term_months", 12}};
    for (const auto* d : (*def)->DocumentsFor(Channel::kOffice)) {
      r.documents.push_back({d->type, std::nullopt});
    }
    auto id = engine_->cases().Start(engine_->As("oblast-clerk"), r);
    DemoStore::Must(id, "file S4");
    return *id;
  }

  // Completes the open task of `step` of the case.
  Expected<CaseService::CaseDetail> Do(std::int64_t case_id, const std::string& step,
                                       const std::string& login, const std::string& outcome,
                                       const nlohmann::json& data = nlohmann::json::object()) {
    auto detail = engine_->cases().Load(case_id);
    if (!detail) return detail.error();
    for (const auto& t : detail->tasks) {
      if (t.step == step && t.open()) {
        return engine_->cases().Complete(engine_->As(login), t.id, outcome, data);
      }
    }
    return Error::Internal("no open task of step " + step);
  }
  void MustDo(std::int64_t case_id, const std::string& step, const std::string& login,
              const std::string& outcome, const nlohmann::json& data = nlohmann::json::object()) {
    auto done = Do(case_id, step, login, outcome, data);
    ASSERT_TRUE(done) << step << ": " << done.error().message << " " << done.error().internal;
  }

  // S4 from filing up to the open send_notice task: the commission recommends the grant.
  std::int64_t S4UpToSendNotice() {
    const std::int64_t id = FileS4();
    MustDo(id, "register", "oblast-clerk", "accepted");
    MustDo(id, "assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}});
    MustDo(id, "submit_to_commission", "oblast-executor", "submitted");
    DemoStore::Must(engine_->db().Write([&](storage::Tx& tx) {
      return commission::PutVote(tx, id, {"member", "grant", "", FormatRfc3339(engine_->Now())});
    }),
                    "vote");
    MustDo(id, "commission_review", "commission", "recommend_grant");
    MustDo(id, "prepare_notice", "oblast-executor", "grant");
    MustDo(id, "sign_notice", "oblast-head", "signed");
    return id;
  }

  // The verification code of the newest document issued to the case.
  std::string NewestVerificationCode(std::int64_t case_id) {
    std::string code;
    DemoStore::Must(engine_->db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(
          auto rows, tx.Query("SELECT verification_code, kind FROM documents WHERE case_id = $1 "
                              "AND registry_id IS NOT NULL AND status = 'issued' ORDER BY id DESC",
                              {case_id}));
      if (!rows.empty()) code = rows.Text(0, 0);
      return {};
    }),
                    "documents");
    return code;
  }

  NotificationTemplates templates_;
  std::unique_ptr<OutboxEngine> engine_;
  std::unique_ptr<Notifier> notifier_;
};

inline NotifierOptions AllChannels(int sms_cap = 5) {
  NotifierOptions o;
  o.public_url = "https://jumys.example/";
  o.email = true;
  o.sms = true;
  o.sms_daily_cap = sms_cap;
  return o;
}

}  // namespace jumys::testing
