#pragma once
// The outbox written in the change's transaction, on both stores, without HTTP: the case
// engine wired as the server wires it (DefaultCaseHooks, the document service, the permit
// hooks on the working calendar) with a Notifier set on CaseService, on the shipped
// definitions or a scratch tree. Only the EDS check of signing steps is left out (no test keys
// at this level). Include from one test file per binary and instantiate OutboxSuite with a
// Backend.
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
  std::int64_t Count(const std::string& sql) {
    std::int64_t n = -1;
    DemoStore::Must(engine_->db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
      n = rows.Int(0, 0);
      return {};
    }),
                    "count");
    return n;
  }
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

TEST_P(OutboxSuite, TheS4DecisionReachesTheEmployerInTheChangesTransaction) {
  Use(AllChannels());
  SetContact("employer", kBin, "hr@aral-fish.example", "+77011234567", "en", true, true);
  const std::int64_t id = S4UpToSendNotice();
  ASSERT_EQ(Messages("decision_notice").size(), 0u);
  const std::int64_t tasks_before = Count("SELECT COUNT(*) FROM tasks");

  auto done = Do(id, "send_notice", "oblast-executor", "notified");
  ASSERT_TRUE(done) << done.error().message;
  const auto notices = Messages("decision_notice");
  ASSERT_EQ(notices.size(), 3u);
  const std::string verify = "https://jumys.example/verify/" + NewestVerificationCode(id);
  ASSERT_NE(verify, "https://jumys.example/verify/");
  for (const auto& m : notices) {
    SCOPED_TRACE(m.channel);
    EXPECT_EQ(m.party_kind, "employer");
    EXPECT_EQ(m.party_id, kBin);
    EXPECT_EQ(m.case_id, id);
    EXPECT_EQ(m.office_id, "kzo-oblast");
    EXPECT_EQ(m.language, "en");
    EXPECT_EQ(m.template_version, 1);
    EXPECT_EQ(m.link, verify);
    EXPECT_EQ(m.reference.size(), 32u);
    EXPECT_EQ(m.reference.find_first_not_of("0123456789abcdef"), std::string::npos);
    // Written at the moment of the change, with it.
    EXPECT_EQ(m.created_at, done->kase.updated_at);
  }
  EXPECT_NE(notices[0].reference, notices[1].reference);
  EXPECT_EQ(notices[0].channel, "inbox");
  EXPECT_EQ(notices[0].status, "delivered");
  EXPECT_FALSE(notices[0].read_at);
  EXPECT_EQ(notices[0].subject, "Notification of the permit decision: " + done->kase.number);
  EXPECT_NE(notices[0].body.find("https://jumys.example/cases/" + std::to_string(id)),
            std::string::npos)
      << notices[0].body;
  EXPECT_NE(notices[0].body.find(verify), std::string::npos) << notices[0].body;
  EXPECT_EQ(notices[1].channel, "email");
  EXPECT_EQ(notices[1].address, "hr@aral-fish.example");
  EXPECT_EQ(notices[1].status, "created");
  EXPECT_NE(notices[1].html.find("<a href=\"" + verify + "\">"), std::string::npos);
  EXPECT_EQ(notices[2].channel, "sms");
  EXPECT_EQ(notices[2].address, "+77011234567");
  EXPECT_EQ(notices[2].status, "created");
  EXPECT_EQ(notices[2].body,
            "A decision on " + done->kase.number + " is in your personal cabinet.");
  // The same change opened the fee wait.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks"), tasks_before + 1);

  // A second completion of the same task is refused and writes nothing more.
  auto again = Do(id, "send_notice", "oblast-executor", "notified");
  EXPECT_FALSE(again);
  EXPECT_EQ(Messages("decision_notice").size(), 3u);
}

TEST_P(OutboxSuite, TheMessageLinksTheNewestDocument) {
  Use(AllChannels());
  const std::int64_t id = S4UpToSendNotice();
  MustDo(id, "send_notice", "oblast-executor", "notified");
  const std::string notice_code = NewestVerificationCode(id);
  ASSERT_EQ(Messages("decision_notice").at(0).link, "https://jumys.example/verify/" + notice_code);
  MustDo(id, "await_fee", "oblast-clerk", "fee_paid",
         {{"payment",
           {{"document_number", "PP-000123"},
            {"paid_on", "2026-11-23"},
            {"amount", {{"amount", 13'764'000}, {"currency", "KZT"}}}}}});
  MustDo(id, "sign_permit", "oblast-head", "signed");
  const std::string permit_code = NewestVerificationCode(id);
  ASSERT_NE(permit_code, notice_code) << "the fee issues the permit";
  const auto collect = Messages("permit_to_collect");
  ASSERT_EQ(collect.size(), 1u) << "no contact: the inbox only";
  EXPECT_EQ(collect[0].channel, "inbox");
  EXPECT_EQ(collect[0].link, "https://jumys.example/verify/" + permit_code);
  EXPECT_EQ(collect[0].language, "kk") << "no contact: Kazakh";
  ASSERT_TRUE(collect[0].task_id.has_value()) << "written when the collection wait opened";
}

TEST_P(OutboxSuite, AMessageLinksADocumentOnlyWhenItIsAboutOne) {
  Use(AllChannels());
  const std::int64_t id = FileS4();
  MustDo(id, "register", "oblast-clerk", "accepted");
  ASSERT_NE(NewestVerificationCode(id), "") << "registration issues the coupon and receipt";
  MustDo(id, "assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}});
  const std::string case_url = "https://jumys.example/cases/" + std::to_string(id);
  // Acceptance is about the case, and so is the executor's new task.
  const auto accepted = Messages("application_accepted");
  ASSERT_EQ(accepted.size(), 1u);
  EXPECT_EQ(accepted[0].link, case_url);
  const auto assigned = Messages("task_assigned");
  ASSERT_FALSE(assigned.empty());
  for (const auto& m : assigned) {
    SCOPED_TRACE(m.party_id);
    EXPECT_EQ(m.party_kind, "staff");
    EXPECT_EQ(m.link, case_url);
  }
  EXPECT_EQ(assigned.back().party_id, "oblast-executor");
}

TEST_P(OutboxSuite, ChannelsNeedConsentAnAddressAndAConfiguredServer) {
  struct Row {
    const char* name;
    bool email_on, sms_on;
    bool has_contact;
    std::string email, phone;
    bool email_opt_in, sms_opt_in;
    std::vector<std::string> channels;
  };
  const std::vector<Row> rows = {
      {"no contact", true, true, false, "", "", false, false, {"inbox"}},
      {"no consent", true, true, true, "hr@x.example", "+77011234567", false, false, {"inbox"}},
      {"consent to e-mail",
       true,
       true,
       true,
       "hr@x.example",
       "+77011234567",
       true,
       false,
       {"inbox", "email"}},
      {"consent to SMS",
       true,
       true,
       true,
       "hr@x.example",
       "+77011234567",
       false,
       true,
       {"inbox", "sms"}},
      {"consent, no addresses", true, true, true, "", "", true, true, {"inbox"}},
      {"consent, e-mail off",
       false,
       true,
       true,
       "hr@x.example",
       "+77011234567",
       true,
       true,
       {"inbox", "sms"}},
      {"consent, SMS off",
       true,
       false,
       true,
       "hr@x.example",
       "+77011234567",
       true,
       true,
       {"inbox", "email"}},
      {"both",
       true,
       true,
       true,
       "hr@x.example",
       "+77011234567",
       true,
       true,
       {"inbox", "email", "sms"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    NotifierOptions options = AllChannels();
    options.email = row.email_on;
    options.sms = row.sms_on;
    Use(options);
    if (row.has_contact) {
      SetContact("employer", kBin, row.email, row.phone, "ru", row.email_opt_in, row.sms_opt_in);
    }
    const std::int64_t id = FileS4();
    MustDo(id, "register", "oblast-clerk", "accepted");
    std::vector<std::string> channels;
    for (const auto& m : Messages("application_accepted")) {
      channels.push_back(m.channel);
      EXPECT_EQ(m.language, row.has_contact ? "ru" : "kk");
      if (m.channel == "email") {
        EXPECT_EQ(m.address, row.email);
      }
      if (m.channel == "sms") {
        EXPECT_EQ(m.address, row.phone);
      }
    }
    EXPECT_EQ(channels, row.channels);
  }
}

TEST_P(OutboxSuite, LanguageComesFromTheContacts) {
  for (const char* language : {"kk", "ru", "en"}) {
    SCOPED_TRACE(language);
    Use(AllChannels());
    SetContact("employer", kBin, "hr@x.example", "", language, true, false);
    const std::int64_t id = FileS4();
    MustDo(id, "register", "oblast-clerk", "accepted");
    const auto messages = Messages("application_accepted");
    ASSERT_EQ(messages.size(), 2u);
    const NotificationTemplate* t = templates_.Find("application_accepted");
    ASSERT_NE(t, nullptr);
    const std::string& subject = std::string(language) == "ru"   ? t->subject.ru
                                 : std::string(language) == "en" ? t->subject.en
                                                                 : t->subject.kk;
    const std::string number = engine().cases().Load(id)->kase.number;
    std::string expected = subject;
    expected.replace(expected.find("{case_number}"), 13, number);
    for (const auto& m : messages) {
      EXPECT_EQ(m.language, language);
      EXPECT_EQ(m.subject, expected);
    }
    EXPECT_NE(messages[1].html.find(std::string("<html lang=\"") + language + "\">"),
              std::string::npos);
  }
}

TEST_P(OutboxSuite, SmsOverTheDailyCapStaysInTheInboxAndDoesNotCount) {
  Use(AllChannels(/*sms_cap=*/2));
  SetContact("employer", kBin, "", "+77011234567", "kk", false, true);
  // Three applications accepted the same day: the third SMS is over the cap.
  std::vector<std::int64_t> cases;
  for (int i = 0; i < 4; ++i) {
    cases.push_back(FileS4());
    MustDo(cases.back(), "register", "oblast-clerk", "accepted");
  }
  std::vector<storage::NotificationRow> sms;
  for (const auto& m : Messages("application_accepted")) {
    if (m.channel == "sms") sms.push_back(m);
  }
  ASSERT_EQ(sms.size(), 4u);
  EXPECT_EQ(sms[0].status, "created");
  EXPECT_EQ(sms[1].status, "created");
  for (int i : {2, 3}) {
    SCOPED_TRACE(i);
    EXPECT_EQ(sms[i].status, "permanent-failure");
    const auto attempts = Attempts(sms[i].id);
    ASSERT_EQ(attempts.size(), 1u);
    EXPECT_EQ(attempts[0].outcome, "capped");
    EXPECT_NE(attempts[0].detail.find("daily cap of 2"), std::string::npos) << attempts[0].detail;
    EXPECT_EQ(attempts[0].detail.find("+7701"), std::string::npos) << "no number in the log";
  }
  // Every message still reached the inbox.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE channel = 'inbox' AND "
                  "template = 'application_accepted'"),
            4);
  // The capped ones do not count: two in the last 24 hours.
  std::int64_t counted = -1;
  DemoStore::Must(engine().db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        counted, storage::CountSmsSince(tx, "+77011234567",
                                        FormatRfc3339(engine().Now() - std::chrono::hours(24))));
    return {};
  }),
                  "count");
  EXPECT_EQ(counted, 2);

  // A day later the number may get messages again.
  engine().Advance(std::chrono::hours(24) + std::chrono::minutes(1));
  const std::int64_t next = FileS4();
  MustDo(next, "register", "oblast-clerk", "accepted");
  const auto all = Messages("application_accepted");
  EXPECT_EQ(all.back().channel, "sms");
  EXPECT_EQ(all.back().status, "created");
}

// A scratch process whose change fails after messages were written: the failure rolls the
// messages back with everything else.
const char* const kFailing = R"(code: failing
version: v1
status: active
title: {kk: Қате, ru: Сбой, en: Failing}
source: Test act
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 1wd}
effective: {from: 2020-01-01}
provider: centre
applicant: employer
channels:
  office: {ref: "1", start: register}
intake:
  documents:
    - {type: application, required: false}
steps:
  - id: register
    ref: "1.1"
    role: office_clerk
    limit: 20min
    title: {kk: а, ru: б, en: Register}
    outcomes:
      - {id: by_effect, next: announce, notify: [{to: applicant, template: application_accepted}]}
      - {id: by_guard, next: announce_then_check, notify: [{to: applicant, template: application_accepted}]}
      - {id: fine, next: review, notify: [{to: applicant, template: application_accepted}]}
  - id: announce
    ref: "1.2"
    kind: automatic
    notify: [{to: applicant, template: result_ready}]
    title: {kk: а, ru: б, en: Announce}
    outcomes:
      - {id: go, effects: [explode], next: review}
  - id: announce_then_check
    ref: "1.3"
    kind: automatic
    notify: [{to: applicant, template: result_ready}]
    title: {kk: а, ru: б, en: Announce}
    outcomes:
      - {id: go, next: check}
  - id: check
    ref: "1.4"
    kind: automatic
    guards: [never]
    title: {kk: а, ru: б, en: Check}
    outcomes:
      - {id: go, next: review}
  - id: review
    ref: "1.5"
    role: executor
    limit: 1wd
    title: {kk: а, ru: б, en: Review}
    outcomes:
      - {id: done, end: notification}
)";

TEST_P(OutboxSuite, AChangeThatFailsAfterTheNotifyPointLeavesNoMessage) {
  DefinitionTree tree;
  tree.Definition("failing", "v1", kFailing);
  std::filesystem::copy(SourceDir() / "reference/notifications",
                        tree.reference() / "notifications");
  std::int64_t seen_in_transaction = -1;
  DefinitionVocabulary vocabulary = DefaultDefinitionVocabulary();
  vocabulary.effects.insert("explode");
  vocabulary.guards.insert("never");
  Use(AllChannels(), tree.processes(), tree.reference(), vocabulary, [&](CaseHooks& hooks) {
    hooks.AddEffect("explode", [&](HookContext& ctx) -> Status {
      // The messages of this change are there, in its transaction, when it fails.
      JUMYS_ASSIGN_OR_RETURN(auto rows, ctx.tx.Query("SELECT COUNT(*) FROM notifications"));
      seen_in_transaction = rows.Int(0, 0);
      return Error::Unprocessable("test.explode"_msg, "the effect fails");
    });
    hooks.AddGuard("never", "test.never"_msg, "the guard never holds",
                   [](HookContext&) -> Expected<bool> { return false; });
  });
  SetContact("employer", kBin, "hr@x.example", "+77011234567", "en", true, true);
  CaseService::StartRequest r;
  r.process = "failing";
  r.channel = Channel::kOffice;
  r.applicant_bin = kBin;
  auto id = engine().cases().Start(engine().As("clerk"), r);
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_EQ(Count("SELECT COUNT(*) FROM notifications"), 0);
  const std::int64_t events_before = Count("SELECT COUNT(*) FROM audit_events");

  auto by_effect = Do(*id, "register", "clerk", "by_effect");
  ASSERT_FALSE(by_effect);
  EXPECT_EQ(by_effect.error().message, "the effect fails");
  EXPECT_EQ(seen_in_transaction, 3) << "result_ready written to inbox, e-mail and SMS";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notification_attempts"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events"), events_before);

  auto by_guard = Do(*id, "register", "clerk", "by_guard");
  ASSERT_FALSE(by_guard);
  EXPECT_NE(by_guard.error().message.find("the guard never holds"), std::string::npos)
      << by_guard.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications"), 0);

  // The same step with nothing failing writes its messages.
  MustDo(*id, "register", "clerk", "fine");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE template = 'application_accepted'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE template = 'result_ready'"), 0);
}

}  // namespace jumys::testing
