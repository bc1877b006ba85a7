#pragma once
// Named SQL for contacts and the notification outbox (migration 9). Decides nothing: the
// notifier (engine/notifier.h) writes messages, the dispatcher (services/notifications) sends
// them, the routes read the inbox and the delivery log.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

struct ContactRow {
  std::string party_kind;  // person | employer | staff
  std::string party_id;    // IIN | BIN | login
  std::string email, phone;
  std::string language = "kk";
  bool email_opt_in = false, sms_opt_in = false;
  std::string updated_at, updated_by;
};

Expected<std::optional<ContactRow>> FindContact(Tx& tx, const std::string& party_kind,
                                                const std::string& party_id);
Status UpsertContact(Tx& tx, const ContactRow& row);

struct NotificationRow {
  std::int64_t id = 0;
  std::string reference;
  std::optional<std::string> dedupe_key;
  std::string template_name;
  int template_version = 0;
  std::string channel;  // inbox | email | sms
  std::string party_kind, party_id;
  std::string address, language;
  std::string subject, body, html, link;
  std::optional<std::int64_t> case_id, task_id;
  std::string office_id;
  std::string status = "created";
  int attempts = 0;
  std::string next_attempt_at;
  std::optional<std::string> lease_owner, lease_until;
  std::string created_at;
  std::optional<std::string> sent_at, delivered_at, read_at;
};

struct NotificationAttemptRow {
  std::int64_t notification_id = 0;
  int attempt = 0;
  std::string started_at, finished_at;
  std::string outcome;  // a status name, or "capped" for an SMS over the daily cap
  std::string detail;
};

// Writes the message; nullopt when its dedupe_key is already taken (an alert sent before).
Expected<std::optional<std::int64_t>> InsertNotification(Tx& tx, const NotificationRow& row);
Expected<std::optional<NotificationRow>> FindNotification(Tx& tx, std::int64_t id);

// Leases up to `limit` messages due by `now` (status created, no live lease) to `owner` until
// `lease_until` and returns them. On PostgreSQL rows another node holds are skipped (FOR
// UPDATE SKIP LOCKED), so several nodes share one outbox.
Expected<std::vector<NotificationRow>> ClaimDueNotifications(Tx& tx, Dialect dialect,
                                                             const std::string& owner,
                                                             const std::string& now,
                                                             const std::string& lease_until,
                                                             int limit);
// Before each send of a claimed batch: the lease `owner` still holds on a message waiting to be
// sent runs to `lease_until` from now on. False when another node has claimed it since (the
// claim's lease ran out while earlier messages of the batch were sent): it is not sent.
Expected<bool> RenewLease(Tx& tx, std::int64_t id, const std::string& owner,
                          const std::string& lease_until);
Status InsertAttempt(Tx& tx, const NotificationAttemptRow& row);
// The end of one try by the lease holder: the new status and attempt count, when to try next
// (status created), and the lease released. A status a delivery receipt set while the message
// was being sent stands. False when the lease had passed to another owner.
Expected<bool> FinishAttempt(Tx& tx, std::int64_t id, const std::string& owner,
                             const std::string& status, int attempts,
                             const std::string& next_attempt_at, const std::string& now);

// SMS messages to `address` written since `since` that count against the daily cap.
Expected<std::int64_t> CountSmsSince(Tx& tx, const std::string& address, const std::string& since);

// The inbox of a party, newest first, after (below) `before_id` when given.
Expected<std::vector<NotificationRow>> ListInbox(Tx& tx, const std::string& party_kind,
                                                 const std::string& party_id, int limit,
                                                 std::optional<std::int64_t> before_id);
Expected<std::int64_t> CountUnread(Tx& tx, const std::string& party_kind,
                                   const std::string& party_id);
// Marks one inbox message (or all, without `id`) of the party read; returns how many changed.
Expected<std::int64_t> MarkRead(Tx& tx, const std::string& party_kind, const std::string& party_id,
                                std::optional<std::int64_t> id, const std::string& now);

struct NotificationFilter {
  std::string status, channel;       // "" = any
  std::vector<std::string> offices;  // the messages of these offices; empty: of every office
  int limit = 50;
  std::optional<std::int64_t> before_id;
};
Expected<std::vector<NotificationRow>> ListNotifications(Tx& tx, const NotificationFilter& filter);
Expected<std::vector<NotificationAttemptRow>> ListAttempts(Tx& tx, std::int64_t notification_id);

// A failed e-mail or SMS goes back to the queue, due at `now`. False when it had not failed.
Expected<bool> RequeueNotification(Tx& tx, std::int64_t id, const std::string& now);
// A gateway's delivery receipt: the final status of an SMS the gateway took (status sending,
// or still created when the receipt overtakes the record of the send).
// False when no such message is waiting for one.
Expected<bool> ApplyReceipt(Tx& tx, const std::string& reference, const std::string& status,
                            const std::string& now);

}  // namespace jumys::storage
