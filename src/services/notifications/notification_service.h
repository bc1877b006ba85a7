#pragma once
// What people do with notifications: read their inbox, say how they may be reached, and, for
// administrators and analysts, read the delivery log and send a failed message again. Also
// the SMS gateway's delivery receipts. The outbox itself is written by engine/notifier.h and
// sent by notification_dispatcher.h.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/actor.h"
#include "engine/case_service.h"
#include "storage/database.h"
#include "storage/repositories/notification_repository.h"

namespace jumys::notifications {

// A stored message and the delivery log's filter, as the service hands them out.
using Message = storage::NotificationRow;
using LogFilter = storage::NotificationFilter;

struct ContactDetails {
  std::string email, phone;
  std::string language = "kk";
  bool email_opt_in = false, sms_opt_in = false;
};

// Checks a contact entry: 422 with one detail per bad field (email, phone, language, and the
// opt-ins, which need an address). Staff give no phone.
Status ValidateContacts(const ContactDetails& details, bool staff);

struct InboxPage {
  std::int64_t unread = 0;
  std::vector<Message> items;
};

struct LoggedMessage {
  Message message;
  std::vector<storage::NotificationAttemptRow> attempts;
};

class NotificationService {
 public:
  // `receipt_secret`: what the SMS gateway sends as its bearer token; "" refuses every receipt.
  NotificationService(storage::Database& db, Clock clock, std::string receipt_secret);

  // Whose inbox and contacts an account has: staff their own login, an employer's user the
  // employer's BIN, a person their IIN.
  static std::pair<std::string, std::string> PartyOf(const Actor& actor);

  Expected<InboxPage> Inbox(const Actor& actor, int limit, std::optional<std::int64_t> before);
  // One message (404 when it is not in the actor's inbox) or all of them.
  Status MarkRead(const Actor& actor, std::optional<std::int64_t> id);

  Expected<ContactDetails> Contacts(const Actor& actor);
  Expected<ContactDetails> SetContacts(const Actor& actor, ContactDetails details);

  // The delivery log of the offices in `offices` (empty: every office), newest first.
  Expected<std::vector<LoggedMessage>> Log(LogFilter filter);
  Expected<std::optional<LoggedMessage>> Find(std::int64_t id);
  // The office a message belongs to, for the router's scope check; nullopt when none.
  Expected<std::optional<RecordOwner>> Owner(std::int64_t id);
  // A failed e-mail or SMS back to the queue (409 otherwise), audited.
  Expected<LoggedMessage> Retry(const Actor& actor, std::int64_t id);
  // 401 for a wrong secret, 404 for a message not waiting for a receipt, 422 for a bad status.
  Status Receipt(std::string_view bearer, const std::string& reference, const std::string& status);

 private:
  storage::Database& db_;
  Clock clock_;
  std::string receipt_secret_;
};

}  // namespace jumys::notifications
