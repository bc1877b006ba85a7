// Notifications: each account's inbox and contact details, the delivery log for
// administrators and analysts, and the SMS gateway's delivery receipts (docs/NOTIFICATIONS.md).
#include <algorithm>

#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/record_scope.h"
#include "services/notifications/notification_service.h"

namespace jumys::http {

namespace {

const RoleSet kLogReaders = {Role::kAdmin, Role::kAnalyst, Role::kNationalAdmin};
const RoleSet kRetriers = {Role::kAdmin, Role::kNationalAdmin};

nlohmann::json OrNull(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}
nlohmann::json OrNull(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json InboxJson(const notifications::Message& n) {
  return {{"id", n.id},
          {"reference", n.reference},
          {"template", n.template_name},
          {"subject", n.subject},
          {"body", n.body},
          {"link", n.link},
          {"case_id", OrNull(n.case_id)},
          {"created_at", n.created_at},
          {"read_at", OrNull(n.read_at)}};
}

// The delivery log shows where a message went but not the whole address: enough to tell two
// numbers apart, not enough to collect them.
std::string MaskedAddress(const std::string& address) {
  if (address.empty()) return address;
  if (auto at = address.find('@'); at != std::string::npos) {
    return address.substr(0, std::min<std::size_t>(at, 1)) + "***" + address.substr(at);
  }
  return address.size() <= 4 ? "***" : "***" + address.substr(address.size() - 4);
}

nlohmann::json LogJson(const notifications::LoggedMessage& m) {
  const auto& n = m.message;
  nlohmann::json attempts = nlohmann::json::array();
  for (const auto& a : m.attempts) {
    attempts.push_back({{"attempt", a.attempt},
                        {"started_at", a.started_at},
                        {"finished_at", a.finished_at},
                        {"outcome", a.outcome},
                        {"detail", a.detail}});
  }
  return {{"id", n.id},
          {"reference", n.reference},
          {"template", n.template_name},
          {"template_version", n.template_version},
          {"channel", n.channel},
          {"recipient", n.party_kind},
          {"address", MaskedAddress(n.address)},
          {"language", n.language},
          {"subject", n.subject},
          {"case_id", OrNull(n.case_id)},
          {"task_id", OrNull(n.task_id)},
          {"office", n.office_id},
          {"status", n.status},
          {"created_at", n.created_at},
          {"sent_at", OrNull(n.sent_at)},
          {"delivered_at", OrNull(n.delivered_at)},
          {"next_attempt_at",
           n.status == "created" ? nlohmann::json(n.next_attempt_at) : nlohmann::json(nullptr)},
          {"attempts", attempts}};
}

HttpResponse NoContent() { return HttpResponse{204, "", "", {}}; }

// The existing QueryId's 0 for "absent" as nullopt.
Expected<std::optional<std::int64_t>> BeforeId(const HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto id, QueryId(request, "before"));
  if (id == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(id);
}

Expected<HttpResponse> Inbox(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(int limit, QueryLimit(request, 20, 100));
  JUMYS_ASSIGN_OR_RETURN(auto before, BeforeId(request));
  JUMYS_ASSIGN_OR_RETURN(auto page, ctx.notifications->Inbox(actor, limit, before));
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& n : page.items) messages.push_back(InboxJson(n));
  return JsonResponse(200, nlohmann::json{{"unread", page.unread}, {"messages", messages}});
}

nlohmann::json ContactsJson(const notifications::ContactDetails& c) {
  return {{"email", c.email},
          {"phone", c.phone},
          {"language", c.language},
          {"email_opt_in", c.email_opt_in},
          {"sms_opt_in", c.sms_opt_in}};
}

Expected<HttpResponse> PutContacts(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto reader, BodyReader(body));
  notifications::ContactDetails d;
  JUMYS_ASSIGN_OR_RETURN(auto email, reader.OptionalString("email", 254));
  JUMYS_ASSIGN_OR_RETURN(auto phone, reader.OptionalString("phone", 20));
  JUMYS_ASSIGN_OR_RETURN(auto language, reader.OptionalString("language", 2));
  d.email = email.value_or("");
  d.phone = phone.value_or("");
  d.language = language.value_or("kk");
  JUMYS_ASSIGN_OR_RETURN(auto email_opt_in, reader.OptionalBool("email_opt_in"));
  JUMYS_ASSIGN_OR_RETURN(auto sms_opt_in, reader.OptionalBool("sms_opt_in"));
  d.email_opt_in = email_opt_in.value_or(false);
  d.sms_opt_in = sms_opt_in.value_or(false);
  JUMYS_ASSIGN_OR_RETURN(auto saved, ctx.notifications->SetContacts(actor, std::move(d)));
  return JsonResponse(200, ContactsJson(saved));
}

Expected<HttpResponse> Log(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  notifications::LogFilter filter;
  filter.status = request.Query("status").value_or("");
  filter.channel = request.Query("channel").value_or("");
  static const std::vector<std::string> kStatuses = {"",
                                                     "created",
                                                     "sending",
                                                     "delivered",
                                                     "temporary-failure",
                                                     "permanent-failure",
                                                     "technical-failure"};
  if (std::find(kStatuses.begin(), kStatuses.end(), filter.status) == kStatuses.end()) {
    return FieldError(ErrorCode::kInvalidInput, "status", "notification.bad_status"_msg,
                      "not a notification status");
  }
  if (filter.channel != "" && filter.channel != "inbox" && filter.channel != "email" &&
      filter.channel != "sms") {
    return FieldError(ErrorCode::kInvalidInput, "channel", "notification.bad_channel"_msg,
                      "must be inbox, email or sms");
  }
  JUMYS_ASSIGN_OR_RETURN(filter.limit, QueryLimit(request, 50, 200));
  JUMYS_ASSIGN_OR_RETURN(filter.before_id, BeforeId(request));
  if (!actor.roles.Has(Role::kNationalAdmin)) {
    filter.offices = VisibleOffices(actor, ctx.offices);
    if (filter.offices.empty()) return JsonResponse(200, {{"items", nlohmann::json::array()}});
  }
  JUMYS_ASSIGN_OR_RETURN(auto messages, ctx.notifications->Log(std::move(filter)));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : messages) items.push_back(LogJson(m));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> Receipt(ApiContext& ctx, HttpRequest& request) {
  std::string bearer;
  if (auto auth = request.Header("authorization"); auth && auth->rfind("Bearer ", 0) == 0) {
    bearer = auth->substr(7);
  }
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto reference, RequiredString(body, "reference", 64));
  JUMYS_ASSIGN_OR_RETURN(auto status, RequiredString(body, "status", 32));
  JUMYS_TRY(ctx.notifications->Receipt(bearer, reference, status));
  return NoContent();
}

}  // namespace

void AddNotificationRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/inbox",
              Scope::kSelf,
              {},
              "The caller's inbox, newest first: {unread, messages}. An employer's users share the "
              "employer's inbox. limit (default 20, at most 100), "
              "before: a message id to page on from",
              {{"tags", {"notifications"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return Inbox(ctx, r, a); }});
  router.Add({"POST",
              "/api/v1/inbox/{id}/read",
              Scope::kSelf,
              {},
              "Mark one message of the caller's inbox read (404 when it is not theirs)",
              {{"tags", {"notifications"}}},
              [&ctx](HttpRequest& r, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto id, PathId(r, "id"));
                JUMYS_TRY(ctx.notifications->MarkRead(a, id));
                return NoContent();
              }});
  router.Add({"POST",
              "/api/v1/inbox/read-all",
              Scope::kSelf,
              {},
              "Mark every message of the caller's inbox read",
              {{"tags", {"notifications"}}},
              [&ctx](HttpRequest&, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_TRY(ctx.notifications->MarkRead(a, std::nullopt));
                return NoContent();
              }});
  router.Add({"GET",
              "/api/v1/me/contacts",
              Scope::kSelf,
              {},
              "How the caller (or the caller's employer) may be reached: e-mail, phone, language, "
              "and consent to e-mail and SMS. The inbox needs no consent",
              {{"tags", {"notifications"}}},
              [&ctx](HttpRequest&, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto c, ctx.notifications->Contacts(a));
                return JsonResponse(200, ContactsJson(c));
              }});
  router.Add(
      {"PUT",
       "/api/v1/me/contacts",
       Scope::kSelf,
       {},
       "Set the caller's contact details and consent (audited). 422 with one detail per bad field: "
       "an e-mail that is not one, a phone not of the form +7XXXXXXXXXX (staff give none), a "
       "language other than kk/ru/en, an opt-in without its address",
       DocWithJsonBody("notifications", {},
                       {{"email", {{"type", "string"}}},
                        {"phone", {{"type", "string"}}},
                        {"language", {{"type", "string"}, {"enum", {"kk", "ru", "en"}}}},
                        {"email_opt_in", {{"type", "boolean"}}},
                        {"sms_opt_in", {{"type", "boolean"}}}}),
       [&ctx](HttpRequest& r, const Actor& a) { return PutContacts(ctx, r, a); }});
  router.Add(
      {"GET",
       "/api/v1/notifications",
       Scope::kOffice,
       kLogReaders,
       "The delivery log of the offices in the caller's scope, newest first: each message with its "
       "channel, masked address, status (created, sending, delivered, temporary-failure, "
       "permanent-failure, technical-failure) and attempts. status, channel, limit, before",
       {{"tags", {"notifications"}},
        {"parameters",
         {{{"name", "status"}, {"in", "query"}, {"schema", {{"type", "string"}}}},
          {{"name", "channel"}, {"in", "query"}, {"schema", {{"type", "string"}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return Log(ctx, r, a); }});
  router.Add({"POST",
              "/api/v1/notifications/{id}/retry",
              Scope::kOffice,
              kRetriers,
              "Send a failed e-mail or SMS again, under the same message id (audited). 409 when "
              "it has not failed",
              {{"tags", {"notifications"}}},
              [&ctx](HttpRequest& r, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto id, PathId(r, "id"));
                JUMYS_ASSIGN_OR_RETURN(auto m, ctx.notifications->Retry(a, id));
                return JsonResponse(200, LogJson(m));
              },
              {Record::kNotification, "id"}});
  router.Add(
      {"POST",
       "/api/v1/notifications/receipts",
       Scope::kPublic,
       {},
       "The SMS gateway's delivery receipt {reference, status: delivered | "
       "permanent-failure | temporary-failure}, authenticated by the shared secret as "
       "'Authorization: Bearer <secret>'. 401 for a wrong secret, 404 for a message not "
       "waiting for one",
       DocWithJsonBody("notifications", {"reference", "status"},
                       {{"reference", {{"type", "string"}}}, {"status", {{"type", "string"}}}}),
       [&ctx](HttpRequest& r, const Actor&) { return Receipt(ctx, r); }});
}

}  // namespace jumys::http
