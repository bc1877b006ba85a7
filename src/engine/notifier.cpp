#include "engine/notifier.h"

#include <openssl/rand.h>

#include <array>
#include <map>
#include <stdexcept>

#include "storage/repositories/document_repository.h"
#include "storage/repositories/notification_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys {
namespace {

const std::string& In(const LocalizedText& t, std::string_view language) {
  if (language == "ru") return t.ru;
  if (language == "en") return t.en;
  return t.kk;
}

std::string OfficeName(const Office& office, std::string_view language) {
  if (language == "ru") return office.name_ru;
  if (language == "en") return office.name_en;
  return office.name_kk;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

// "2026-12-03 17:00" on the office's clock: what a person reads as the deadline.
std::string LocalDue(const Office& office, const std::string& due_at) {
  auto due = ParseRfc3339(due_at);
  if (!due) return due_at;
  const std::string local = FormatLocalTime(office.time_zone.ToLocal(*due));
  return local.substr(0, 10) + " " + local.substr(11, 5);
}

}  // namespace

std::string NewNotificationReference() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("no random bytes for a message id");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

Notifier::Notifier(const NotificationTemplates& templates, const OfficeDirectory& offices,
                   NotifierOptions options)
    : templates_(templates), offices_(offices), options_(std::move(options)) {}

Status Notifier::ToApplicant(storage::Tx& tx, const std::string& template_name,
                             const NotifySubject& subject, Instant now,
                             std::optional<std::string> dedupe_key) const {
  Recipient to;
  if (!subject.kase.applicant_bin.empty()) {
    to = {"employer", subject.kase.applicant_bin, ""};
    JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, to.id));
    if (employer) to.name = employer->name;
  } else {
    to = {"person", subject.kase.applicant_iin, ""};
    JUMYS_ASSIGN_OR_RETURN(auto person, storage::FindPerson(tx, to.id));
    if (person) {
      to.name = person->given_name;
      if (!person->patronymic.empty()) to.name += " " + person->patronymic;
    }
  }
  return Write(tx, to, template_name, subject, now, dedupe_key);
}

Status Notifier::ToEmployer(storage::Tx& tx, const std::string& bin,
                            const std::string& template_name, const NotifySubject& subject,
                            Instant now) const {
  Recipient to{"employer", bin, ""};
  JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, bin));
  if (employer) to.name = employer->name;
  return Write(tx, to, template_name, subject, now, std::nullopt);
}

Status Notifier::ToStaff(storage::Tx& tx, const std::string& login,
                         const std::string& template_name, const NotifySubject& subject,
                         Instant now, std::optional<std::string> dedupe_key) const {
  JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, login));
  if (!user || user->kind != "staff" || !user->active) return {};
  return Write(tx, {"staff", login, user->full_name}, template_name, subject, now, dedupe_key);
}

Status Notifier::Write(storage::Tx& tx, const Recipient& to, const std::string& template_name,
                       const NotifySubject& subject, Instant now,
                       const std::optional<std::string>& dedupe_key) const {
  const NotificationTemplate* tmpl = templates_.Find(template_name);
  if (!tmpl) return Error::Internal("no notification template '" + template_name + "'");
  const CaseRow& kase = subject.kase;
  auto office = offices_.Find(subject.task ? subject.task->office_id : kase.office_id);
  if (!office) return Error::Internal("office of case " + kase.number + " is not loaded");
  JUMYS_ASSIGN_OR_RETURN(auto contact, storage::FindContact(tx, to.kind, to.id));
  const std::string language = contact ? contact->language : "kk";

  const std::string base = Trimmed(options_.public_url);
  std::map<std::string, std::string> values = {
      {"case_number", kase.number},
      {"process_title", In(subject.def.title, language)},
      {"office_name", OfficeName(*office, language)},
      {"case_url", base + "/cases/" + std::to_string(kase.id)},
      {"recipient_name", to.name},
  };
  if (kase.result) values["result_number"] = kase.result->number;
  if (subject.step) values["step_title"] = In(subject.step->title, language);
  if (subject.task) {
    values["task_url"] = values["case_url"];
    if (subject.task->has_due()) values["due_at"] = LocalDue(*office, subject.task->due_at);
  }
  // The newest document issued to the case is the one the message is about.
  JUMYS_ASSIGN_OR_RETURN(auto documents, storage::ListIssuedDocumentFiles(tx, kase.id));
  for (auto it = documents.rbegin(); it != documents.rend(); ++it) {
    if (it->status != "issued" || it->verification_code.empty()) continue;
    values["verify_url"] = base + "/verify/" + it->verification_code;
    break;
  }
  for (const auto& [key, value] : subject.values) values[key] = value;
  const RenderedNotification text = RenderNotification(*tmpl, language, values);

  storage::NotificationRow row;
  row.template_name = tmpl->name;
  row.template_version = tmpl->version;
  row.party_kind = to.kind;
  row.party_id = to.id;
  row.language = language;
  row.subject = text.subject;
  row.body = text.text;
  // The verification page only for a message about a document (its text links one); any
  // other message, a staff alert included, opens the case.
  const bool about_document = In(tmpl->text, language).find("{verify_url}") != std::string::npos;
  row.link =
      about_document && values.count("verify_url") ? values["verify_url"] : values["case_url"];
  if (kase.id) row.case_id = kase.id;
  if (subject.task) row.task_id = subject.task->id;
  row.office_id = office->id;
  row.created_at = FormatRfc3339(now);
  row.next_attempt_at = row.created_at;
  const auto write = [&](std::string channel, std::string address) -> Status {
    storage::NotificationRow r = row;
    r.reference = NewNotificationReference();
    r.channel = channel;
    r.address = std::move(address);
    if (dedupe_key) r.dedupe_key = *dedupe_key + ":" + channel;
    if (channel == "inbox") {
      r.status = "delivered";
      r.sent_at = r.delivered_at = r.created_at;
    } else if (channel == "email") {
      r.html = text.html;
    } else {
      r.body = text.sms;
      JUMYS_ASSIGN_OR_RETURN(
          auto sent,
          storage::CountSmsSince(tx, r.address, FormatRfc3339(now - std::chrono::hours(24))));
      if (sent >= options_.sms_daily_cap) r.status = "permanent-failure";
    }
    JUMYS_ASSIGN_OR_RETURN(auto id, storage::InsertNotification(tx, r));
    if (id && r.status == "permanent-failure") {
      JUMYS_TRY(storage::InsertAttempt(
          tx, {*id, 0, r.created_at, r.created_at, "capped",
               "the daily cap of " + std::to_string(options_.sms_daily_cap) +
                   " SMS per number is reached; the message is in the inbox"}));
    }
    return {};
  };
  JUMYS_TRY(write("inbox", ""));
  if (options_.email && contact && !contact->email.empty() &&
      (contact->email_opt_in || to.kind == "staff")) {
    JUMYS_TRY(write("email", contact->email));
  }
  if (options_.sms && contact && !contact->phone.empty() && contact->sms_opt_in &&
      to.kind != "staff") {
    JUMYS_TRY(write("sms", contact->phone));
  }
  return {};
}

}  // namespace jumys
