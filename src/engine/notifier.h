#pragma once
// Writes notifications into the outbox inside the caller's write transaction, so a message
// exists exactly when the change that caused it committed (docs/NOTIFICATIONS.md). One call
// renders a template in the recipient's language and writes one row per channel: the inbox
// always, e-mail and SMS when the server sends them and the recipient agreed and left an
// address. Sending is the dispatcher's (services/notifications).
#include <map>
#include <optional>
#include <string>

#include "core/time.h"
#include "domain/offices.h"
#include "engine/case_model.h"
#include "engine/definition.h"
#include "engine/notification_templates.h"
#include "storage/database.h"

namespace jumys {

struct NotifierOptions {
  std::string public_url = "http://127.0.0.1:8080";  // links in messages
  bool email = false;                                // an SMTP server is configured
  bool sms = false;                                  // an SMS gateway is configured
  int sms_daily_cap = 5;  // SMS per phone number in any 24 hours; beyond it only the inbox
};

// What a message is about. `task` and `step` only for messages about a task.
struct NotifySubject {
  const ProcessDefinition& def;
  const CaseRow& kase;
  const TaskRow* task = nullptr;
  const Step* step = nullptr;
  // Values a caller knows better than the case (an annulled or replaced document: its number,
  // the reason, the corrected one's link); they win over the notifier's own.
  std::map<std::string, std::string> values = {};
};

class Notifier {
 public:
  Notifier(const NotificationTemplates& templates, const OfficeDirectory& offices,
           NotifierOptions options);

  // To the case's applicant: the person (IIN) or the employer (BIN). `dedupe_key` (per
  // channel) makes it once-only: a second call with the same key writes nothing.
  Status ToApplicant(storage::Tx& tx, const std::string& template_name,
                     const NotifySubject& subject, Instant now,
                     std::optional<std::string> dedupe_key = std::nullopt) const;
  // To an employer the case concerns without having applied (a party), by its BIN.
  Status ToEmployer(storage::Tx& tx, const std::string& bin, const std::string& template_name,
                    const NotifySubject& subject, Instant now) const;
  // To a staff member: the inbox, and e-mail when their account has an address.
  Status ToStaff(storage::Tx& tx, const std::string& login, const std::string& template_name,
                 const NotifySubject& subject, Instant now,
                 std::optional<std::string> dedupe_key = std::nullopt) const;

  const NotificationTemplates& templates() const { return templates_; }
  const NotifierOptions& options() const { return options_; }

 private:
  struct Recipient {
    std::string kind, id;  // person/IIN, employer/BIN, staff/login
    std::string name;
  };
  Status Write(storage::Tx& tx, const Recipient& to, const std::string& template_name,
               const NotifySubject& subject, Instant now,
               const std::optional<std::string>& dedupe_key) const;

  const NotificationTemplates& templates_;
  const OfficeDirectory& offices_;
  NotifierOptions options_;
};

// A new message id: 32 lower-case hex characters from 128 random bits.
std::string NewNotificationReference();

}  // namespace jumys
