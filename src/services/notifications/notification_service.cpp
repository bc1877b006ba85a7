#include "services/notifications/notification_service.h"

#include <regex>

#include "security/token.h"
#include "storage/audit_log.h"

namespace jumys::notifications {
namespace {

bool IsEmail(const std::string& s) {
  static const std::regex kEmail(
      R"([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)");
  return s.size() <= 254 && std::regex_match(s, kEmail);
}

bool IsPhone(const std::string& s) {
  static const std::regex kPhone(R"(\+7[0-9]{10})");
  return std::regex_match(s, kPhone);
}

}  // namespace

Status ValidateContacts(const ContactDetails& d, bool staff) {
  std::vector<ErrorDetail> details;
  const auto bad = [&](std::string field, MessageKey key, std::string_view english) {
    details.push_back(
        FieldError(ErrorCode::kUnprocessable, std::move(field), key, english).details.front());
  };
  if (!d.email.empty() && !IsEmail(d.email)) {
    bad("email", "contacts.bad_email"_msg, "not an e-mail address");
  }
  if (!d.phone.empty() && (staff || !IsPhone(d.phone))) {
    bad("phone", "contacts.bad_phone"_msg, "not a mobile number of the form +7XXXXXXXXXX");
  }
  if (d.language != "kk" && d.language != "ru" && d.language != "en") {
    bad("language", "contacts.bad_language"_msg, "must be kk, ru or en");
  }
  if (d.email_opt_in && d.email.empty()) {
    bad("email_opt_in", "contacts.opt_in_needs_email"_msg, "e-mail notifications need an address");
  }
  if (d.sms_opt_in && (staff || d.phone.empty())) {
    bad("sms_opt_in", "contacts.opt_in_needs_phone"_msg, "SMS notifications need a phone number");
  }
  if (details.empty()) return {};
  return Error::Unprocessable("contacts.invalid"_msg, "the contact details are not valid", {},
                              std::move(details));
}

NotificationService::NotificationService(storage::Database& db, Clock clock,
                                         std::string receipt_secret)
    : db_(db), clock_(std::move(clock)), receipt_secret_(std::move(receipt_secret)) {}

std::pair<std::string, std::string> NotificationService::PartyOf(const Actor& actor) {
  if (!actor.applicant) return {"staff", actor.login};
  if (!actor.bin.empty()) return {"employer", actor.bin};
  return {"person", actor.iin};
}

Expected<InboxPage> NotificationService::Inbox(const Actor& actor, int limit,
                                               std::optional<std::int64_t> before) {
  const auto [kind, id] = PartyOf(actor);
  InboxPage page;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(page.unread, storage::CountUnread(tx, kind, id));
    if (limit > 0) {
      JUMYS_ASSIGN_OR_RETURN(page.items, storage::ListInbox(tx, kind, id, limit, before));
    }
    return {};
  }));
  return page;
}

Status NotificationService::MarkRead(const Actor& actor, std::optional<std::int64_t> id) {
  const auto [kind, party] = PartyOf(actor);
  const std::string now = FormatRfc3339(clock_());
  return db_.Write([&](storage::Tx& tx) -> Status {
    if (id) {
      JUMYS_ASSIGN_OR_RETURN(auto found, storage::FindNotification(tx, *id));
      if (!found || found->channel != "inbox" || found->party_kind != kind ||
          found->party_id != party) {
        return Error::NotFound("notification.not_found"_msg, "no such notification");
      }
    }
    JUMYS_TRY(storage::MarkRead(tx, kind, party, id, now));
    return {};
  });
}

Expected<ContactDetails> NotificationService::Contacts(const Actor& actor) {
  const auto [kind, id] = PartyOf(actor);
  ContactDetails out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindContact(tx, kind, id));
    if (row) out = {row->email, row->phone, row->language, row->email_opt_in, row->sms_opt_in};
    return {};
  }));
  return out;
}

Expected<ContactDetails> NotificationService::SetContacts(const Actor& actor,
                                                          ContactDetails details) {
  const auto [kind, id] = PartyOf(actor);
  JUMYS_TRY(ValidateContacts(details, kind == "staff"));
  const std::string now = FormatRfc3339(clock_());
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(
        storage::UpsertContact(tx, {kind, id, details.email, details.phone, details.language,
                                    details.email_opt_in, details.sms_opt_in, now, actor.login}));
    // Consent is evidence: who agreed to what, when. The addresses stay out of the chain.
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "contacts.update",
                                     "contacts",
                                     kind + ":" + id,
                                     actor.office_id,
                                     {{"email_opt_in", details.email_opt_in},
                                      {"sms_opt_in", details.sms_opt_in},
                                      {"language", details.language},
                                      {"has_email", !details.email.empty()},
                                      {"has_phone", !details.phone.empty()}}});
  }));
  return details;
}

Expected<std::vector<LoggedMessage>> NotificationService::Log(LogFilter filter) {
  std::vector<LoggedMessage> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, storage::ListNotifications(tx, filter));
    for (auto& row : rows) {
      JUMYS_ASSIGN_OR_RETURN(auto attempts, storage::ListAttempts(tx, row.id));
      out.push_back({std::move(row), std::move(attempts)});
    }
    return {};
  }));
  return out;
}

Expected<std::optional<LoggedMessage>> NotificationService::Find(std::int64_t id) {
  std::optional<LoggedMessage> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindNotification(tx, id));
    if (!row) return {};
    JUMYS_ASSIGN_OR_RETURN(auto attempts, storage::ListAttempts(tx, id));
    out = LoggedMessage{std::move(*row), std::move(attempts)};
    return {};
  }));
  return out;
}

Expected<std::optional<RecordOwner>> NotificationService::Owner(std::int64_t id) {
  std::optional<RecordOwner> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindNotification(tx, id));
    if (row) out = RecordOwner{{row->office_id}, "", "", ""};
    return {};
  }));
  return out;
}

Expected<LoggedMessage> NotificationService::Retry(const Actor& actor, std::int64_t id) {
  const std::string now = FormatRfc3339(clock_());
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindNotification(tx, id));
    if (!row) return Error::NotFound("notification.not_found"_msg, "no such notification");
    JUMYS_ASSIGN_OR_RETURN(bool requeued, storage::RequeueNotification(tx, id, now));
    if (!requeued) {
      return Error::Conflict("notification.not_failed"_msg,
                             "only a failed e-mail or SMS can be sent again");
    }
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "notification.retry",
                                     "notification",
                                     std::to_string(id),
                                     row->office_id,
                                     {{"status", row->status}, {"attempts", row->attempts}}});
  }));
  JUMYS_ASSIGN_OR_RETURN(auto found, Find(id));
  if (!found) return Error::NotFound("notification.not_found"_msg, "no such notification");
  return std::move(*found);
}

Status NotificationService::Receipt(std::string_view bearer, const std::string& reference,
                                    const std::string& status) {
  if (receipt_secret_.empty() || !ConstantTimeEquals(bearer, receipt_secret_)) {
    return Error::Unauthenticated("notification.receipt_unauthenticated"_msg,
                                  "the receipt's secret is not the gateway's");
  }
  if (status != "delivered" && status != "permanent-failure" && status != "temporary-failure") {
    return FieldError(ErrorCode::kUnprocessable, "status", "notification.bad_receipt_status"_msg,
                      "must be delivered, permanent-failure or temporary-failure");
  }
  const std::string now = FormatRfc3339(clock_());
  return db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(bool applied, storage::ApplyReceipt(tx, reference, status, now));
    if (!applied) {
      return Error::NotFound("notification.receipt_unknown"_msg,
                             "no SMS is waiting for a receipt with this reference");
    }
    return {};
  });
}

}  // namespace jumys::notifications
