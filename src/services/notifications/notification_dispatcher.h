#pragma once
// Sends the outbox: claims due e-mail and SMS messages with a lease, hands each to its
// channel once per claim, logs the attempt and settles the status, retrying temporary and
// technical failures with growing pauses. Delivery is at least once: a node that dies mid-send
// leaves its lease to run out and another claim sends the message again under the same id
// (Message-ID / reference), so a recipient that drops repeats sees it once.
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/case_service.h"
#include "services/notifications/message_channel.h"
#include "storage/database.h"

namespace jumys::notifications {

struct DispatcherOptions {
  std::string node;                          // the lease owner's name; "" = host and process id
  std::chrono::seconds lease{120};           // longer than any channel's timeout
  int batch = 20;                            // messages claimed at a time
  int max_attempts = 8;                      // then the failure is final
  std::chrono::milliseconds interval{1000};  // background pass; 0: only RunOnce (tests)
};

// The pause after the n-th failed attempt (n from 1): 30 s, 2 min, 10 min, 30 min, 1 h, 2 h,
// then 4 h.
std::chrono::seconds RetryDelay(int attempt);
const char* SendStatusName(SendStatus status);  // the notifications.status word

class NotificationDispatcher {
 public:
  NotificationDispatcher(storage::Database& db, Clock clock, DispatcherOptions options = {});
  ~NotificationDispatcher();
  NotificationDispatcher(const NotificationDispatcher&) = delete;
  NotificationDispatcher& operator=(const NotificationDispatcher&) = delete;

  // "email" or "sms"; a message of a channel without one fails technically and is retried.
  void SetChannel(const std::string& name, std::unique_ptr<MessageChannel> channel);
  // One pass: claims what is due and tries each once. Returns how many were tried.
  Expected<int> RunOnce();
  // Passes every options.interval on a thread of its own until destruction.
  void Start();

 private:
  void Loop();
  Status Settle(const std::string& id_text, std::int64_t id, int attempt, Instant started,
                const SendResult& result);

  storage::Database& db_;
  Clock clock_;
  DispatcherOptions options_;
  std::map<std::string, std::unique_ptr<MessageChannel>> channels_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace jumys::notifications
