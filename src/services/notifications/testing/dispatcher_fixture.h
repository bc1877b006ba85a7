#pragma once
// The fixture of the dispatcher suites: the outbox on a throwaway store of either backend with a
// clock the test moves, and channels that misbehave as real ones do (a node that dies after
// sending, a slow send, a receipt that overtakes the send).
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

}  // namespace jumys::notifications
