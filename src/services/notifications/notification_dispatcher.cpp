#include "services/notifications/notification_dispatcher.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>

#include "engine/notifier.h"
#include "storage/repositories/notification_repository.h"

namespace jumys::notifications {
namespace {

std::string DefaultNode() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return std::string(host.data()) + ":" + std::to_string(getpid()) + ":" +
         NewNotificationReference().substr(0, 8);
}

}  // namespace

std::chrono::seconds RetryDelay(int attempt) {
  using std::chrono::seconds;
  static constexpr std::array<int, 6> kDelays = {30, 120, 600, 1800, 3600, 7200};
  if (attempt < 1) return seconds(kDelays[0]);
  if (attempt > static_cast<int>(kDelays.size())) return seconds(4 * 3600);
  return seconds(kDelays[attempt - 1]);
}

const char* SendStatusName(SendStatus status) {
  switch (status) {
    case SendStatus::kDelivered:
      return "delivered";
    case SendStatus::kSending:
      return "sending";
    case SendStatus::kTemporaryFailure:
      return "temporary-failure";
    case SendStatus::kPermanentFailure:
      return "permanent-failure";
    case SendStatus::kTechnicalFailure:
      return "technical-failure";
  }
  return "technical-failure";
}

NotificationDispatcher::NotificationDispatcher(storage::Database& db, Clock clock,
                                               DispatcherOptions options)
    : db_(db), clock_(std::move(clock)), options_(std::move(options)) {
  if (options_.node.empty()) options_.node = DefaultNode();
}

NotificationDispatcher::~NotificationDispatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NotificationDispatcher::SetChannel(const std::string& name,
                                        std::unique_ptr<MessageChannel> channel) {
  channels_[name] = std::move(channel);
}

void NotificationDispatcher::Start() {
  if (options_.interval.count() <= 0 || thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void NotificationDispatcher::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    int tried = 0;
    if (auto n = RunOnce(); !n) {
      spdlog::warn("notifications: dispatch pass failed: {}", n.error().message);
    } else {
      tried = *n;
    }
    lock.lock();
    // A full batch means more are waiting: go on at once.
    if (tried < options_.batch)
      wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
  }
}

Expected<int> NotificationDispatcher::RunOnce() {
  const Instant now = clock_();
  std::vector<storage::NotificationRow> claimed;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(claimed, storage::ClaimDueNotifications(
                                        tx, db_.dialect(), options_.node, FormatRfc3339(now),
                                        FormatRfc3339(now + options_.lease), options_.batch));
    return {};
  }));
  for (const auto& n : claimed) {
    const Instant started = clock_();
    SendResult result;
    auto channel = channels_.find(n.channel);
    if (channel == channels_.end()) {
      result = {SendStatus::kTechnicalFailure, "no " + n.channel + " channel is configured"};
    } else {
      result =
          channel->second->Send({n.reference, n.address, n.language, n.subject, n.body, n.html});
    }
    JUMYS_TRY(Settle(std::to_string(n.id), n.id, n.attempts + 1, started, result));
  }
  return static_cast<int>(claimed.size());
}

Status NotificationDispatcher::Settle(const std::string& id_text, std::int64_t id, int attempt,
                                      Instant started, const SendResult& result) {
  const Instant finished = clock_();
  std::string status = SendStatusName(result.status);
  std::string next = FormatRfc3339(finished);
  const bool retry = result.status == SendStatus::kTemporaryFailure ||
                     result.status == SendStatus::kTechnicalFailure;
  if (retry && attempt < options_.max_attempts) {
    status = "created";
    next = FormatRfc3339(finished + RetryDelay(attempt));
  }
  return db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(
        storage::InsertAttempt(tx, {id, attempt, FormatRfc3339(started), FormatRfc3339(finished),
                                    SendStatusName(result.status), result.detail}));
    JUMYS_ASSIGN_OR_RETURN(bool held, storage::FinishAttempt(tx, id, options_.node, status, attempt,
                                                             next, FormatRfc3339(finished)));
    if (!held) spdlog::warn("notifications: message {} was claimed again meanwhile", id_text);
    return {};
  });
}

}  // namespace jumys::notifications
