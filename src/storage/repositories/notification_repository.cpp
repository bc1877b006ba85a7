#include "storage/repositories/notification_repository.h"

#include <algorithm>

#include "storage/repositories/nullable.h"
#include "storage/sql_params.h"

namespace jumys::storage {
namespace {

constexpr const char* kColumns =
    "id, reference, dedupe_key, template, template_version, channel, party_kind, party_id, "
    "address, language, subject, body, html, link, case_id, task_id, office_id, status, "
    "attempts, next_attempt_at, lease_owner, lease_until, created_at, sent_at, delivered_at, "
    "read_at";

std::optional<std::int64_t> IntOrNull(const Rows& rows, std::size_t r, std::size_t c) {
  if (rows.IsNull(r, c)) return std::nullopt;
  return rows.Int(r, c);
}

std::vector<NotificationRow> ToNotifications(const Rows& rows) {
  std::vector<NotificationRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    NotificationRow n;
    n.id = rows.Int(r, 0);
    n.reference = rows.Text(r, 1);
    n.dedupe_key = rows.Optional(r, 2);
    n.template_name = rows.Text(r, 3);
    n.template_version = static_cast<int>(rows.Int(r, 4));
    n.channel = rows.Text(r, 5);
    n.party_kind = rows.Text(r, 6);
    n.party_id = rows.Text(r, 7);
    n.address = rows.Text(r, 8);
    n.language = rows.Text(r, 9);
    n.subject = rows.Text(r, 10);
    n.body = rows.Text(r, 11);
    n.html = rows.Text(r, 12);
    n.link = rows.Text(r, 13);
    n.case_id = IntOrNull(rows, r, 14);
    n.task_id = IntOrNull(rows, r, 15);
    n.office_id = rows.Text(r, 16);
    n.status = rows.Text(r, 17);
    n.attempts = static_cast<int>(rows.Int(r, 18));
    n.next_attempt_at = rows.Text(r, 19);
    n.lease_owner = rows.Optional(r, 20);
    n.lease_until = rows.Optional(r, 21);
    n.created_at = rows.Text(r, 22);
    n.sent_at = rows.Optional(r, 23);
    n.delivered_at = rows.Optional(r, 24);
    n.read_at = rows.Optional(r, 25);
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

Expected<std::optional<ContactRow>> FindContact(Tx& tx, const std::string& party_kind,
                                                const std::string& party_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT email, phone, language, email_opt_in, sms_opt_in, updated_at, "
                          "updated_by FROM contacts WHERE party_kind = $1 AND party_id = $2",
                          {party_kind, party_id}));
  if (rows.empty()) return std::optional<ContactRow>();
  ContactRow c;
  c.party_kind = party_kind;
  c.party_id = party_id;
  c.email = rows.Text(0, 0);
  c.phone = rows.Text(0, 1);
  c.language = rows.Text(0, 2);
  c.email_opt_in = rows.Bool(0, 3);
  c.sms_opt_in = rows.Bool(0, 4);
  c.updated_at = rows.Text(0, 5);
  c.updated_by = rows.Text(0, 6);
  return std::optional<ContactRow>(std::move(c));
}

Status UpsertContact(Tx& tx, const ContactRow& row) {
  JUMYS_TRY(
      tx.Exec("INSERT INTO contacts (party_kind, party_id, email, phone, language, email_opt_in, "
              "sms_opt_in, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
              "ON CONFLICT (party_kind, party_id) DO UPDATE SET email = excluded.email, "
              "phone = excluded.phone, language = excluded.language, "
              "email_opt_in = excluded.email_opt_in, sms_opt_in = excluded.sms_opt_in, "
              "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
              {row.party_kind, row.party_id, row.email, row.phone, row.language,
               std::int64_t{row.email_opt_in}, std::int64_t{row.sms_opt_in}, row.updated_at,
               row.updated_by}));
  return {};
}

Expected<std::optional<std::int64_t>> InsertNotification(Tx& tx, const NotificationRow& n) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO notifications (reference, dedupe_key, template, template_version, "
               "channel, party_kind, party_id, address, language, subject, body, html, link, "
               "case_id, task_id, office_id, status, attempts, next_attempt_at, created_at, "
               "sent_at, delivered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
               "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) "
               "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
               {n.reference,
                OptionalText(n.dedupe_key),
                n.template_name,
                std::int64_t{n.template_version},
                n.channel,
                n.party_kind,
                n.party_id,
                n.address,
                n.language,
                n.subject,
                n.body,
                n.html,
                n.link,
                OptionalInt(n.case_id),
                OptionalInt(n.task_id),
                n.office_id,
                n.status,
                std::int64_t{n.attempts},
                n.next_attempt_at,
                n.created_at,
                OptionalText(n.sent_at),
                OptionalText(n.delivered_at)}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows.Int(0, 0));
}

Expected<std::optional<NotificationRow>> FindNotification(Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kColumns + " FROM notifications WHERE id = $1", {id}));
  auto found = ToNotifications(rows);
  if (found.empty()) return std::optional<NotificationRow>();
  return std::optional<NotificationRow>(std::move(found.front()));
}

Expected<std::vector<NotificationRow>> ClaimDueNotifications(Tx& tx, Dialect dialect,
                                                             const std::string& owner,
                                                             const std::string& now,
                                                             const std::string& lease_until,
                                                             int limit) {
  const std::string lock = dialect == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("UPDATE notifications SET lease_owner = $1, lease_until = $2 WHERE id IN "
               "(SELECT id FROM notifications WHERE status = 'created' AND next_attempt_at <= $3 "
               "AND (lease_until IS NULL OR lease_until <= $3) ORDER BY next_attempt_at, id "
               "LIMIT $4" +
                   lock + ") RETURNING " + kColumns,
               {owner, lease_until, now, std::int64_t{limit}}));
  auto out = ToNotifications(rows);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

Expected<bool> RenewLease(Tx& tx, std::int64_t id, const std::string& owner,
                          const std::string& lease_until) {
  JUMYS_ASSIGN_OR_RETURN(auto changed,
                         tx.Exec("UPDATE notifications SET lease_until = $3 WHERE id = $1 AND "
                                 "lease_owner = $2 AND status = 'created'",
                                 {id, owner, lease_until}));
  return changed == 1;
}

Status InsertAttempt(Tx& tx, const NotificationAttemptRow& row) {
  JUMYS_TRY(tx.Exec(
      "INSERT INTO notification_attempts (notification_id, attempt, started_at, finished_at, "
      "outcome, detail) VALUES ($1, $2, $3, $4, $5, $6)",
      {row.notification_id, std::int64_t{row.attempt}, row.started_at, row.finished_at, row.outcome,
       row.detail}));
  return {};
}

Expected<bool> FinishAttempt(Tx& tx, std::int64_t id, const std::string& owner,
                             const std::string& status, int attempts,
                             const std::string& next_attempt_at, const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      // A receipt that came while the message was being sent has settled it already: its
      // status stands (the old `status` in each expression is the row's before this update).
      tx.Exec("UPDATE notifications SET "
              "status = CASE WHEN status = 'created' THEN $3 ELSE status END, "
              "attempts = $4, next_attempt_at = $5, lease_owner = NULL, lease_until = NULL, "
              "sent_at = CASE WHEN $3 IN ('sending', 'delivered') THEN $6 ELSE sent_at END, "
              "delivered_at = CASE WHEN $3 = 'delivered' AND status = 'created' THEN $6 "
              "ELSE delivered_at END "
              "WHERE id = $1 AND lease_owner = $2",
              {id, owner, status, std::int64_t{attempts}, next_attempt_at, now}));
  return changed == 1;
}

Expected<std::int64_t> CountSmsSince(Tx& tx, const std::string& address, const std::string& since) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT COUNT(*) FROM notifications WHERE channel = 'sms' AND "
                          "address = $1 AND created_at >= $2 AND status <> 'permanent-failure'",
                          {address, since}));
  return rows.Int(0, 0);
}

Expected<std::vector<NotificationRow>> ListInbox(Tx& tx, const std::string& party_kind,
                                                 const std::string& party_id, int limit,
                                                 std::optional<std::int64_t> before_id) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM notifications WHERE party_kind = $1 AND party_id = $2 AND "
                    "channel = 'inbox'";
  Params params = {party_kind, party_id, std::int64_t{limit}};
  if (before_id) {
    sql += " AND id < $4";
    params.push_back(*before_id);
  }
  sql += " ORDER BY id DESC LIMIT $3";
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  return ToNotifications(rows);
}

Expected<std::int64_t> CountUnread(Tx& tx, const std::string& party_kind,
                                   const std::string& party_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT COUNT(*) FROM notifications WHERE party_kind = $1 AND "
                                  "party_id = $2 AND channel = 'inbox' AND read_at IS NULL",
                                  {party_kind, party_id}));
  return rows.Int(0, 0);
}

Expected<std::int64_t> MarkRead(Tx& tx, const std::string& party_kind, const std::string& party_id,
                                std::optional<std::int64_t> id, const std::string& now) {
  std::string sql =
      "UPDATE notifications SET read_at = $3 WHERE party_kind = $1 AND party_id = $2 AND "
      "channel = 'inbox' AND read_at IS NULL";
  Params params = {party_kind, party_id, now};
  if (id) {
    sql += " AND id = $4";
    params.push_back(*id);
  }
  return tx.Exec(sql, params);
}

Expected<std::vector<NotificationRow>> ListNotifications(Tx& tx, const NotificationFilter& filter) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM notifications WHERE 1 = 1";
  SqlParams params;
  const auto add = [&](const char* clause, Value v) {
    sql += std::string(" AND ") + clause + " " + params.Bind(std::move(v));
  };
  if (!filter.status.empty()) add("status =", filter.status);
  if (!filter.channel.empty()) add("channel =", filter.channel);
  if (filter.before_id) add("id <", *filter.before_id);
  if (!filter.offices.empty()) sql += " AND office_id IN (" + params.BindAll(filter.offices) + ")";
  sql += " ORDER BY id DESC LIMIT " + params.Bind(std::int64_t{filter.limit});
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params.params()));
  return ToNotifications(rows);
}

Expected<std::vector<NotificationAttemptRow>> ListAttempts(Tx& tx, std::int64_t notification_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT attempt, started_at, finished_at, outcome, detail FROM "
                                  "notification_attempts WHERE notification_id = $1 ORDER BY id",
                                  {notification_id}));
  std::vector<NotificationAttemptRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back({notification_id, static_cast<int>(rows.Int(r, 0)), rows.Text(r, 1),
                   rows.Text(r, 2), rows.Text(r, 3), rows.Text(r, 4)});
  }
  return out;
}

Expected<bool> RequeueNotification(Tx& tx, std::int64_t id, const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE notifications SET status = 'created', next_attempt_at = $2, "
              "lease_owner = NULL, lease_until = NULL WHERE id = $1 AND channel <> 'inbox' AND "
              "status IN ('temporary-failure', 'permanent-failure', 'technical-failure')",
              {id, now}));
  return changed == 1;
}

Expected<bool> ApplyReceipt(Tx& tx, const std::string& reference, const std::string& status,
                            const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE notifications SET status = $2, "
              "delivered_at = CASE WHEN $2 = 'delivered' THEN $3 ELSE delivered_at END "
              "WHERE reference = $1 AND channel = 'sms' AND status IN ('sending', 'created')",
              {reference, status, now}));
  return changed == 1;
}

}  // namespace jumys::storage
