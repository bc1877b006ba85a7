#pragma once
// The dispatcher against real servers on loopback (aiosmtpd; the SMS gateway stand-in), on
// both stores, with a clock the test moves: retries with back-off and an attempt log, the same
// message id on every try, receipts, final failures, a lease that runs out after a node dies
// mid-send, and two nodes sharing one outbox. Include from one test file per binary and
// instantiate DispatcherSuite with a Backend.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/source_dir.h"
#include "engine/case_store.h"
#include "engine/definition_loader.h"
#include "engine/notifier.h"
#include "services/notifications/notification_dispatcher.h"
#include "services/notifications/sms_gateway_channel.h"
#include "services/notifications/smtp_channel.h"
#include "services/notifications/testing/sms_gateway_test_server.h"
#include "services/notifications/testing/smtp_test_server.h"
#include "services/testing/demo_store.h"
#include "storage/repositories/notification_repository.h"

// Options name only what a test sets (designated initializers); the rest keep their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jumys::notifications {

// Sends through the real channel, then dies before the dispatcher can record anything: a node
// killed mid-send, its lease left to run out.
class DiesAfterSending : public MessageChannel {
 public:
  explicit DiesAfterSending(std::unique_ptr<MessageChannel> real) : real_(std::move(real)) {}
  SendResult Send(const OutgoingMessage& message) override {
    real_->Send(message);
    throw std::runtime_error("killed mid-send");
  }

 private:
  std::unique_ptr<MessageChannel> real_;
};

// What every node handed to its channel, as "node reference".
struct SendLog {
  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> sent;
};
class RecordingChannel : public MessageChannel {
 public:
  RecordingChannel(std::string node, SendLog& log) : node_(std::move(node)), log_(log) {}
  SendResult Send(const OutgoingMessage& message) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::lock_guard lock(log_.mutex);
    log_.sent.emplace_back(node_, message.reference);
    return {SendStatus::kDelivered, "250 OK"};
  }

 private:
  std::string node_;
  SendLog& log_;
};

// A slow channel: each send takes `seconds` on the test clock, then `during` runs (another
// node's pass, say) before the send returns.
class SlowChannel : public MessageChannel {
 public:
  SlowChannel(std::function<void(std::chrono::seconds)> advance, std::chrono::seconds seconds,
              std::string node, SendLog& log)
      : advance_(std::move(advance)), seconds_(seconds), node_(std::move(node)), log_(log) {}
  std::function<void()> during;
  SendResult Send(const OutgoingMessage& message) override {
    {
      std::lock_guard lock(log_.mutex);
      log_.sent.emplace_back(node_, message.reference);
    }
    advance_(seconds_);
    if (during) during();
    return {SendStatus::kDelivered, "250 OK"};
  }

 private:
  std::function<void(std::chrono::seconds)> advance_;
  std::chrono::seconds seconds_;
  std::string node_;
  SendLog& log_;
};

// The gateway's delivery receipt comes in (`receipt` runs) before the channel's answer reaches
// the dispatcher: a fast gateway posts it as soon as it has taken the message.
class ReceiptFirst : public MessageChannel {
 public:
  explicit ReceiptFirst(std::unique_ptr<MessageChannel> real) : real_(std::move(real)) {}
  std::function<void(const OutgoingMessage&)> receipt;
  SendResult Send(const OutgoingMessage& message) override {
    SendResult result = real_->Send(message);
    if (receipt) receipt(message);
    return result;
  }

 private:
  std::unique_ptr<MessageChannel> real_;
};

class DispatcherSuite : public ::testing::TestWithParam<jumys::testing::Backend> {
 protected:
  static constexpr const char* kBin = "080540001238";

  DispatcherSuite() : store_(GetParam()), now_(store_.Now().time_since_epoch().count()) {
    auto catalog = LoadProcessCatalog(SourceDir() / "processes", SourceDir() / "reference",
                                      DefaultDefinitionVocabulary());
    jumys::testing::DemoStore::Must(catalog, "catalog");
    catalog_ = std::move(*catalog);
    auto templates = LoadNotificationTemplates(SourceDir() / "reference/notifications");
    jumys::testing::DemoStore::Must(templates, "templates");
    templates_ = std::move(*templates);
    NotifierOptions options;
    options.public_url = "https://jumys.example";
    options.email = options.sms = true;
    options.sms_daily_cap = 1000;
    notifier_ = std::make_unique<Notifier>(templates_, store_.offices(), options);
  }

  Instant Now() const { return Instant{std::chrono::seconds(now_.load())}; }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }
  Clock TestClock() {
    return [this] { return Now(); };
  }

  std::unique_ptr<NotificationDispatcher> Dispatcher(const std::string& node,
                                                     DispatcherOptions options = {}) {
    options.node = node;
    options.interval = std::chrono::milliseconds(0);
    return std::make_unique<NotificationDispatcher>(store_.db(), TestClock(), options);
  }

  static SmtpConfig Smtp(const testing::SmtpTestServer& server) {
    SmtpConfig config;
    config.url = server.Url();
    config.starttls = false;
    config.from_address = "noreply@jumys.example";
    config.timeout = std::chrono::seconds(10);
    return config;
  }

  // An S4 case of the demo employer that `template_name` is written about, through the
  // Notifier, to the employer with these contacts; returns the message of `channel`.
  storage::NotificationRow Enqueue(const std::string& channel, const std::string& address,
                                   const std::string& language,
                                   const std::string& template_name = "application_accepted") {
    const bool email = channel == "email";
    const bool sms = channel == "sms";
    storage::NotificationRow out;
    jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(
          storage::UpsertContact(tx, {"employer", kBin, email ? address : "", sms ? address : "",
                                      language, email, sms, FormatRfc3339(Now()), "test"}));
      auto def = catalog_.Find("foreign-labour-permit", "kzo-2018-1054");
      if (!def) return def.error();
      CaseRow c;
      c.number = "KZO-OBLAST-2026-" + std::to_string(100000 + ++cases_);
      c.process = "foreign-labour-permit";
      c.version = "kzo-2018-1054";
      c.office_id = "kzo-oblast";
      c.applicant_bin = kBin;
      c.created_by = "oblast-clerk";
      c.created_at = c.updated_at = FormatRfc3339(Now());
      JUMYS_ASSIGN_OR_RETURN(c.id, InsertCase(tx, c));
      JUMYS_TRY(notifier_->ToApplicant(tx, template_name, {**def, c}, Now()));
      JUMYS_ASSIGN_OR_RETURN(
          auto rows, tx.Query("SELECT id FROM notifications WHERE case_id = $1 AND channel = $2",
                              {c.id, channel}));
      if (rows.size() != 1) return Error::Internal("no " + channel + " message written");
      JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindNotification(tx, rows.Int(0, 0)));
      out = *row;
      return {};
    }),
                                    "enqueue");
    return out;
  }

  storage::NotificationRow Row(std::int64_t id) {
    storage::NotificationRow out;
    jumys::testing::DemoStore::Must(store_.db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindNotification(tx, id));
      if (!row) return Error::Internal("no message");
      out = *row;
      return {};
    }),
                                    "row");
    return out;
  }
  std::vector<storage::NotificationAttemptRow> Attempts(std::int64_t id) {
    std::vector<storage::NotificationAttemptRow> out;
    jumys::testing::DemoStore::Must(store_.db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(out, storage::ListAttempts(tx, id));
      return {};
    }),
                                    "attempts");
    return out;
  }
  static std::vector<std::string> Outcomes(const std::vector<storage::NotificationAttemptRow>& a) {
    std::vector<std::string> out;
    for (const auto& x : a) out.push_back(std::to_string(x.attempt) + " " + x.outcome);
    return out;
  }
  int Run(NotificationDispatcher& d) {
    auto n = d.RunOnce();
    EXPECT_TRUE(n) << n.error().message;
    return n ? *n : -1;
  }
  std::string NowText() const { return FormatRfc3339(Now()); }

  jumys::testing::DemoStore store_;
  std::atomic<std::int64_t> now_;
  ProcessCatalog catalog_;
  NotificationTemplates templates_;
  std::unique_ptr<Notifier> notifier_;
  int cases_ = 0;
};

using Lines = std::vector<std::string>;

TEST_P(DispatcherSuite, AnSmsFailingTwiceIsRetriedAfterItsPausesThenAwaitsItsReceipt) {
  testing::SmsGatewayTestServer gateway({.fail_first = 2, .api_key = "gateway-key"});
  gateway.Start();
  auto dispatcher = Dispatcher("node-a");
  dispatcher->SetChannel("sms", std::make_unique<SmsGatewayChannel>(SmsGatewayConfig{
                                    .url = gateway.Url(), .api_key = "gateway-key"}));
  const auto message = Enqueue("sms", "+77011234567", "ru");
  EXPECT_EQ(message.status, "created");

  EXPECT_EQ(Run(*dispatcher), 1);
  auto row = Row(message.id);
  EXPECT_EQ(row.status, "created");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next_attempt_at, FormatRfc3339(Now() + RetryDelay(1)));
  EXPECT_FALSE(row.lease_owner);
  EXPECT_EQ(Run(*dispatcher), 0) << "not due before its pause is over";
  Advance(RetryDelay(1) - std::chrono::seconds(1));
  EXPECT_EQ(Run(*dispatcher), 0);
  Advance(std::chrono::seconds(1));

  EXPECT_EQ(Run(*dispatcher), 1);
  row = Row(message.id);
  EXPECT_EQ(row.status, "created");
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.next_attempt_at, FormatRfc3339(Now() + RetryDelay(2)));
  EXPECT_GT(RetryDelay(2), RetryDelay(1));
  Advance(RetryDelay(2));

  EXPECT_EQ(Run(*dispatcher), 1);
  row = Row(message.id);
  EXPECT_EQ(row.status, "sending");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(row.sent_at, NowText());
  EXPECT_FALSE(row.delivered_at);
  const auto attempts = Attempts(message.id);
  EXPECT_EQ(Outcomes(attempts), (Lines{"1 temporary-failure", "2 temporary-failure", "3 sending"}));
  EXPECT_NE(attempts[0].detail.find("503"), std::string::npos) << attempts[0].detail;
  Advance(std::chrono::hours(5));
  EXPECT_EQ(Run(*dispatcher), 0) << "a message sent is not sent again";

  // The gateway saw one message three times, under one id.
  const auto requests = gateway.Requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& r : requests) {
    EXPECT_EQ(r.Header("idempotency-key"), message.reference);
    EXPECT_EQ(r.json.value("reference", ""), message.reference);
    EXPECT_EQ(r.json.value("to", ""), "+77011234567");
    EXPECT_EQ(r.json.value("text", ""), message.body);
  }
  EXPECT_EQ(requests[0].status, 503);
  EXPECT_EQ(requests[2].status, 202);
  EXPECT_NE(message.body.find("принято"), std::string::npos) << message.body;

  // The receipt settles it, once.
  bool applied = false;
  jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(applied,
                           storage::ApplyReceipt(tx, message.reference, "delivered", NowText()));
    return {};
  }),
                                  "receipt");
  EXPECT_TRUE(applied);
  row = Row(message.id);
  EXPECT_EQ(row.status, "delivered");
  EXPECT_EQ(row.delivered_at, NowText());
  jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        applied, storage::ApplyReceipt(tx, message.reference, "permanent-failure", NowText()));
    return {};
  }),
                                  "receipt again");
  EXPECT_FALSE(applied) << "a delivered message stays delivered";
  EXPECT_EQ(Row(message.id).status, "delivered");
}

TEST_P(DispatcherSuite, AReceiptThatComesBeforeTheSendIsRecordedStands) {
  testing::SmsGatewayTestServer gateway({.api_key = "gateway-key"});
  gateway.Start();
  auto dispatcher = Dispatcher("node-a");
  auto channel = std::make_unique<ReceiptFirst>(std::make_unique<SmsGatewayChannel>(
      SmsGatewayConfig{.url = gateway.Url(), .api_key = "gateway-key"}));
  std::vector<bool> applied;
  channel->receipt = [&](const OutgoingMessage& m) {
    jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(bool ok,
                             storage::ApplyReceipt(tx, m.reference, "delivered", NowText()));
      applied.push_back(ok);
      return {};
    }),
                                    "receipt");
  };
  dispatcher->SetChannel("sms", std::move(channel));
  const auto message = Enqueue("sms", "+77011234567", "en");
  EXPECT_EQ(Run(*dispatcher), 1);
  EXPECT_EQ(applied, (std::vector<bool>{true}));
  const auto row = Row(message.id);
  EXPECT_EQ(row.status, "delivered") << "the gateway said it was delivered";
  EXPECT_EQ(row.delivered_at, NowText());
  EXPECT_EQ(row.sent_at, NowText());
  EXPECT_EQ(row.attempts, 1);
  EXPECT_FALSE(row.lease_owner);
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 sending"}));
  Advance(std::chrono::hours(5));
  EXPECT_EQ(Run(*dispatcher), 0);
  EXPECT_EQ(gateway.Requests().size(), 1u);
}

TEST_P(DispatcherSuite, AnEmailArrivesWithItsIdSubjectInTheRecipientsLanguageAndTheCaseLink) {
  testing::SmtpTestServer server;
  server.Start();
  auto dispatcher = Dispatcher("node-a");
  dispatcher->SetChannel("email", std::make_unique<SmtpChannel>(Smtp(server)));
  const auto ru = Enqueue("email", "hr@aral-fish.example", "ru");
  const auto en = Enqueue("email", "boss@aral-fish.example", "en");
  ASSERT_NE(ru.case_id, en.case_id);

  EXPECT_EQ(Run(*dispatcher), 2);
  for (const auto* m : {&ru, &en}) {
    const auto row = Row(m->id);
    EXPECT_EQ(row.status, "delivered");
    EXPECT_EQ(row.attempts, 1);
    EXPECT_EQ(row.delivered_at, NowText());
    EXPECT_EQ(Outcomes(Attempts(m->id)), (Lines{"1 delivered"}));
  }
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 2u);
  const testing::ReceivedMail& first =
      mails[0].Header("X-Jumys-Reference") == ru.reference ? mails[0] : mails[1];
  const testing::ReceivedMail& second = &first == &mails[0] ? mails[1] : mails[0];
  std::string number_ru, number_en;
  {
    auto loaded = Row(ru.id);
    number_ru = loaded.subject.substr(loaded.subject.rfind(' ') + 1);
    number_en = Row(en.id).subject.substr(Row(en.id).subject.rfind(' ') + 1);
  }
  EXPECT_EQ(first.Header("Message-ID"), "<" + ru.reference + "@jumys>");
  EXPECT_EQ(first.Header("X-Jumys-Reference"), ru.reference);
  EXPECT_EQ(first.rcpt_tos, (std::vector<std::string>{"hr@aral-fish.example"}));
  EXPECT_EQ(first.subject, "Заявление принято: " + number_ru);
  EXPECT_EQ(first.Header("Content-Language"), "ru");
  EXPECT_EQ(second.Header("Message-ID"), "<" + en.reference + "@jumys>");
  EXPECT_EQ(second.subject, "Application accepted: " + number_en);
  EXPECT_EQ(second.Header("Content-Language"), "en");
  const std::string link_ru = "https://jumys.example/cases/" + std::to_string(*ru.case_id);
  const auto* text = first.Part("text/plain");
  const auto* html = first.Part("text/html");
  ASSERT_NE(text, nullptr);
  ASSERT_NE(html, nullptr);
  EXPECT_NE(text->content.find(link_ru), std::string::npos) << text->content;
  EXPECT_NE(text->content.find(number_ru), std::string::npos) << text->content;
  EXPECT_NE(html->content.find("<a href=\"" + link_ru + "\">"), std::string::npos) << html->content;
  EXPECT_NE(html->content.find("lang=\"ru\""), std::string::npos);
  EXPECT_EQ(Run(*dispatcher), 0);
}

TEST_P(DispatcherSuite, TemporaryFailuresEndAfterMaxAttempts) {
  testing::SmtpTestServer server({.tempfail_recipients = {"busy"}});
  server.Start();
  auto dispatcher = Dispatcher("node-a", {.max_attempts = 3});
  dispatcher->SetChannel("email", std::make_unique<SmtpChannel>(Smtp(server)));
  const auto message = Enqueue("email", "busy@aral-fish.example", "kk");
  for (int attempt = 1; attempt <= 3; ++attempt) {
    SCOPED_TRACE(attempt);
    EXPECT_EQ(Run(*dispatcher), 1);
    Advance(RetryDelay(attempt));
  }
  const auto row = Row(message.id);
  EXPECT_EQ(row.status, "temporary-failure");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_FALSE(row.lease_owner);
  EXPECT_FALSE(row.sent_at);
  const auto attempts = Attempts(message.id);
  EXPECT_EQ(Outcomes(attempts),
            (Lines{"1 temporary-failure", "2 temporary-failure", "3 temporary-failure"}));
  EXPECT_NE(attempts[2].detail.find("451"), std::string::npos) << attempts[2].detail;
  Advance(std::chrono::hours(24));
  EXPECT_EQ(Run(*dispatcher), 0) << "a final failure is not retried by itself";
  EXPECT_TRUE(server.Messages().empty());
}

TEST_P(DispatcherSuite, APermanentFailureIsNotRetried) {
  testing::SmtpTestServer server({.reject_recipients = {"nobody"}});
  server.Start();
  auto dispatcher = Dispatcher("node-a");
  dispatcher->SetChannel("email", std::make_unique<SmtpChannel>(Smtp(server)));
  const auto message = Enqueue("email", "nobody@aral-fish.example", "kk");
  EXPECT_EQ(Run(*dispatcher), 1);
  auto row = Row(message.id);
  EXPECT_EQ(row.status, "permanent-failure");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 permanent-failure"}));
  Advance(std::chrono::hours(24));
  EXPECT_EQ(Run(*dispatcher), 0);
  EXPECT_TRUE(server.Messages().empty());

  // By hand it goes back to the queue and is tried once more.
  bool requeued = false;
  jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(requeued, storage::RequeueNotification(tx, message.id, NowText()));
    return {};
  }),
                                  "requeue");
  EXPECT_TRUE(requeued);
  EXPECT_EQ(Run(*dispatcher), 1);
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 permanent-failure", "2 permanent-failure"}));
}

TEST_P(DispatcherSuite, AChannelNotConfiguredIsATechnicalFailureRetried) {
  auto dispatcher = Dispatcher("node-a");
  const auto message = Enqueue("sms", "+77011234567", "kk");
  EXPECT_EQ(Run(*dispatcher), 1);
  const auto row = Row(message.id);
  EXPECT_EQ(row.status, "created");
  EXPECT_EQ(row.next_attempt_at, FormatRfc3339(Now() + RetryDelay(1)));
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 technical-failure"}));
}

TEST_P(DispatcherSuite, ANodeKilledMidSendLeavesItsLeaseAndAnotherSendsUnderTheSameId) {
  testing::SmtpTestServer server;
  server.Start();
  auto a = Dispatcher("node-a", {.lease = std::chrono::seconds(120)});
  a->SetChannel("email",
                std::make_unique<DiesAfterSending>(std::make_unique<SmtpChannel>(Smtp(server))));
  auto b = Dispatcher("node-b", {.lease = std::chrono::seconds(120)});
  b->SetChannel("email", std::make_unique<SmtpChannel>(Smtp(server)));
  const auto message = Enqueue("email", "hr@aral-fish.example", "en");

  EXPECT_THROW((void)a->RunOnce(), std::runtime_error);
  auto row = Row(message.id);
  EXPECT_EQ(row.status, "created");
  EXPECT_EQ(row.attempts, 0);
  EXPECT_EQ(row.lease_owner, "node-a");
  EXPECT_EQ(row.lease_until, FormatRfc3339(Now() + std::chrono::seconds(120)));
  EXPECT_TRUE(Attempts(message.id).empty());
  ASSERT_EQ(server.Messages().size(), 1u) << "A sent it before it died";

  EXPECT_EQ(Run(*b), 0) << "A's lease is live";
  Advance(std::chrono::seconds(119));
  EXPECT_EQ(Run(*b), 0) << "A's lease is live";
  Advance(std::chrono::seconds(1));
  EXPECT_EQ(Run(*b), 1) << "A's lease has run out";
  row = Row(message.id);
  EXPECT_EQ(row.status, "delivered");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_FALSE(row.lease_owner);
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 delivered"}));

  // The recipient got two copies with one Message-ID: deduped by it, one message.
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 2u);
  std::set<std::string> ids;
  for (const auto& m : mails) {
    ids.insert(m.Header("Message-ID"));
    EXPECT_EQ(m.Header("X-Jumys-Reference"), message.reference);
  }
  EXPECT_EQ(ids, (std::set<std::string>{"<" + message.reference + "@jumys>"}));

  // A coming back late cannot settle a message it no longer holds.
  bool held = true;
  jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        held, storage::FinishAttempt(tx, message.id, "node-a", "temporary-failure", 1, NowText(),
                                     NowText()));
    return {};
  }),
                                  "late settle");
  EXPECT_FALSE(held);
  EXPECT_EQ(Row(message.id).status, "delivered");
  Advance(std::chrono::hours(1));
  EXPECT_EQ(Run(*a), 0);
  EXPECT_EQ(Run(*b), 0);
}

TEST_P(DispatcherSuite, ANodeSendsNoMessageOfItsBatchWhoseLeaseAnotherNodeTook) {
  // A claims three messages for 120 s; each send takes 100 s. While A sends the second, the
  // claim's lease has run out and B makes a pass.
  std::vector<std::string> references;
  for (int i = 0; i < 3; ++i) {
    references.push_back(Enqueue("email", "hr" + std::to_string(i) + "@x.example", "kk").reference);
  }
  SendLog log;
  auto a = Dispatcher("node-a", {.lease = std::chrono::seconds(120), .batch = 3});
  auto b = Dispatcher("node-b", {.lease = std::chrono::seconds(120), .batch = 3});
  auto slow = std::make_unique<SlowChannel>([this](std::chrono::seconds s) { Advance(s); },
                                            std::chrono::seconds(100), "node-a", log);
  SlowChannel* a_channel = slow.get();
  int calls = 0;
  a_channel->during = [&] {
    if (++calls == 2) {
      EXPECT_EQ(Run(*b), 1) << "only the message A has not begun";
    }
  };
  a->SetChannel("email", std::move(slow));
  b->SetChannel("email", std::make_unique<RecordingChannel>("node-b", log));
  EXPECT_EQ(Run(*a), 2) << "A tried two of the three it claimed";
  std::map<std::string, std::vector<std::string>> senders;
  for (const auto& [node, reference] : log.sent) senders[reference].push_back(node);
  EXPECT_EQ(senders[references[0]], (std::vector<std::string>{"node-a"}));
  EXPECT_EQ(senders[references[1]], (std::vector<std::string>{"node-a"}));
  EXPECT_EQ(senders[references[2]], (std::vector<std::string>{"node-b"}))
      << "A must not send a message whose lease B holds";
}

TEST_P(DispatcherSuite, TwoNodesClaimingTogetherNeverShareAMessage) {
  constexpr int kMessages = 60;
  std::set<std::string> references;
  for (int i = 0; i < kMessages; ++i) {
    references.insert(
        Enqueue("email", "hr" + std::to_string(i) + "@aral-fish.example", "kk").reference);
  }
  SendLog log;
  auto a = Dispatcher("node-a", {.batch = 4});
  auto b = Dispatcher("node-b", {.batch = 4});
  a->SetChannel("email", std::make_unique<RecordingChannel>("node-a", log));
  b->SetChannel("email", std::make_unique<RecordingChannel>("node-b", log));
  std::atomic<bool> go{false};
  const auto drain = [&](NotificationDispatcher* d) {
    while (!go.load()) std::this_thread::yield();
    for (;;) {
      auto n = d->RunOnce();
      if (!n) {
        ADD_FAILURE() << n.error().message;
        return;
      }
      if (*n == 0) return;
    }
  };
  std::thread ta(drain, a.get());
  std::thread tb(drain, b.get());
  go = true;
  ta.join();
  tb.join();
  ASSERT_EQ(log.sent.size(), static_cast<std::size_t>(kMessages));
  std::set<std::string> sent;
  for (const auto& [node, reference] : log.sent) sent.insert(reference);
  EXPECT_EQ(sent, references) << "each message sent exactly once";
  EXPECT_EQ(Run(*a), 0);
}

TEST_P(DispatcherSuite, ConcurrentClaimsAreDisjointWhileTheLeaseIsLive) {
  constexpr int kMessages = 80;
  for (int i = 0; i < kMessages; ++i) Enqueue("sms", "+7701123" + std::to_string(4000 + i), "kk");
  const std::string now = NowText();
  const std::string until = FormatRfc3339(Now() + std::chrono::seconds(120));
  std::vector<std::int64_t> claimed_a, claimed_b;
  std::atomic<bool> go{false};
  const auto claim = [&](const std::string& owner, std::vector<std::int64_t>* out) {
    while (!go.load()) std::this_thread::yield();
    for (;;) {
      std::vector<storage::NotificationRow> rows;
      auto s = store_.db().Write([&](storage::Tx& tx) -> Status {
        JUMYS_ASSIGN_OR_RETURN(
            rows, storage::ClaimDueNotifications(tx, store_.db().dialect(), owner, now, until, 3));
        return {};
      });
      if (!s) {
        ADD_FAILURE() << s.error().message;
        return;
      }
      if (rows.empty()) return;
      EXPECT_LE(rows.size(), 3u);
      for (const auto& r : rows) {
        EXPECT_EQ(r.lease_owner, owner);
        out->push_back(r.id);
      }
    }
  };
  std::thread ta(claim, "node-a", &claimed_a);
  std::thread tb(claim, "node-b", &claimed_b);
  go = true;
  ta.join();
  tb.join();
  std::set<std::int64_t> a(claimed_a.begin(), claimed_a.end());
  std::set<std::int64_t> b(claimed_b.begin(), claimed_b.end());
  EXPECT_EQ(a.size(), claimed_a.size()) << "A got no message twice";
  EXPECT_EQ(b.size(), claimed_b.size());
  for (auto id : a) EXPECT_FALSE(b.count(id)) << "message " << id << " claimed by both";
  EXPECT_EQ(a.size() + b.size(), static_cast<std::size_t>(kMessages));
  // Each row names the node that holds it.
  for (auto id : a) EXPECT_EQ(Row(id).lease_owner, "node-a");
  for (auto id : b) EXPECT_EQ(Row(id).lease_owner, "node-b");
}

}  // namespace jumys::notifications
