#include "storage/repositories/repositories.h"

#include <algorithm>

#include "storage/repositories/nullable.h"

namespace jumys::storage {

namespace {

Value TextOrNull(const std::string& v) {
  if (v.empty()) return nullptr;
  return v;
}

constexpr const char* kOfficeColumns =
    "id, name_kk, name_ru, name_en, kato, oblast_kato, level, time_zone, hours";

OfficeRecord OfficeAt(const Rows& rows, std::size_t r) {
  return {rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3), rows.Text(r, 4),
          rows.Text(r, 5), rows.Text(r, 6), rows.Text(r, 7), rows.Text(r, 8)};
}

#define JUMYS_USER_COLUMNS(p)                                                             \
  p "id, " p "login, " p "kind, " p "full_name, " p "office_id, " p "roles, " p "iin, " p \
    "bin, " p "password_hash, " p "failed_logins, " p "locked_until, " p "active, " p     \
    "must_change_password, " p "totp_secret, " p "totp_pending, " p "totp_last_step"
constexpr int kUserColumnCount = 16;

UserRecord UserAt(const Rows& rows, std::size_t r, std::size_t first = 0) {
  UserRecord u;
  u.id = rows.Int(r, first + 0);
  u.login = rows.Text(r, first + 1);
  u.kind = rows.Text(r, first + 2);
  u.full_name = rows.Text(r, first + 3);
  u.office_id = rows.Text(r, first + 4);
  u.roles = rows.Text(r, first + 5);
  u.iin = rows.Text(r, first + 6);
  u.bin = rows.Text(r, first + 7);
  u.password_hash = rows.Text(r, first + 8);
  u.failed_logins = rows.Int(r, first + 9);
  u.locked_until = rows.Optional(r, first + 10);
  u.active = rows.Int(r, first + 11) != 0;
  u.must_change_password = rows.Int(r, first + 12) != 0;
  u.totp_secret = rows.Optional(r, first + 13);
  u.totp_pending = rows.Optional(r, first + 14);
  if (!rows.IsNull(r, first + 15)) u.totp_last_step = rows.Int(r, first + 15);
  return u;
}

Expected<std::optional<UserRecord>> OneUser(Expected<Rows> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<UserRecord>{};
  return std::optional<UserRecord>{UserAt(*rows, 0)};
}

constexpr const char* kPersonColumns =
    "iin, surname, given_name, patronymic, birth_date, sex, office_id, phone, address, "
    "created_at, updated_at";

constexpr const char* kEmployerColumns =
    "bin, name, registered_on, kato, office_id, created_at, updated_at";

}  // namespace

Expected<std::vector<OfficeRecord>> ListOffices(Tx& tx) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kOfficeColumns + " FROM offices ORDER BY id"));
  std::vector<OfficeRecord> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(OfficeAt(rows, r));
  return out;
}

Status UpsertOffice(Tx& tx, const OfficeRecord& o, const std::string& now) {
  auto r = tx.Exec(
      "INSERT INTO offices (id, name_kk, name_ru, name_en, kato, oblast_kato, level, time_zone, "
      "hours, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) "
      "ON CONFLICT (id) DO UPDATE SET name_kk=excluded.name_kk, name_ru=excluded.name_ru, "
      "name_en=excluded.name_en, kato=excluded.kato, oblast_kato=excluded.oblast_kato, "
      "level=excluded.level, time_zone=excluded.time_zone, hours=excluded.hours, "
      "updated_at=excluded.updated_at",
      {o.id, o.name_kk, o.name_ru, o.name_en, o.kato, o.oblast_kato, o.level, o.time_zone, o.hours,
       now});
  if (!r) return r.error();
  return {};
}

Expected<std::optional<UserRecord>> FindUserByLogin(Tx& tx, const std::string& login) {
  return OneUser(
      tx.Query("SELECT " JUMYS_USER_COLUMNS("") " FROM users WHERE login = $1", {login}));
}

Expected<std::optional<UserRecord>> FindUserById(Tx& tx, std::int64_t id) {
  return OneUser(tx.Query("SELECT " JUMYS_USER_COLUMNS("") " FROM users WHERE id = $1", {id}));
}

Expected<std::vector<UserRecord>> ListUsers(Tx& tx) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT " JUMYS_USER_COLUMNS("") " FROM users ORDER BY login"));
  std::vector<UserRecord> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(UserAt(rows, r));
  return out;
}

Expected<std::int64_t> InsertUser(Tx& tx, const UserRecord& u, const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO users (login, kind, full_name, office_id, roles, iin, bin, "
               "password_hash, failed_logins, active, created_at, must_change_password) "
               "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,0,$9,$10,$11) RETURNING id",
               {u.login, u.kind, u.full_name, TextOrNull(u.office_id), u.roles, TextOrNull(u.iin),
                TextOrNull(u.bin), u.password_hash, std::int64_t{u.active ? 1 : 0}, now,
                std::int64_t{u.must_change_password ? 1 : 0}}));
  return rows.Int(0, 0);
}

Expected<std::int64_t> CountLoginFailure(Tx& tx, std::int64_t user_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("UPDATE users SET failed_logins = failed_logins + 1 "
                                             "WHERE id = $1 RETURNING failed_logins",
                                             {user_id}));
  if (rows.empty()) return Error::Internal("no user " + std::to_string(user_id));
  return rows.Int(0, 0);
}

Status ResetLoginFailures(Tx& tx, std::int64_t user_id) {
  auto r =
      tx.Exec("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1", {user_id});
  if (!r) return r.error();
  return {};
}

Status SetPassword(Tx& tx, std::int64_t user_id, const std::string& password_hash,
                   bool must_change) {
  auto r = tx.Exec("UPDATE users SET password_hash = $2, must_change_password = $3 WHERE id = $1",
                   {user_id, password_hash, std::int64_t{must_change ? 1 : 0}});
  if (!r) return r.error();
  return {};
}

Status SetTotpPending(Tx& tx, std::int64_t user_id, const std::optional<std::string>& secret) {
  auto r =
      tx.Exec("UPDATE users SET totp_pending = $2 WHERE id = $1", {user_id, OptionalText(secret)});
  if (!r) return r.error();
  return {};
}

Status ConfirmTotp(Tx& tx, std::int64_t user_id, const std::string& secret, std::int64_t step) {
  auto r = tx.Exec(
      "UPDATE users SET totp_secret = $2, totp_pending = NULL, totp_last_step = $3 WHERE id = $1",
      {user_id, secret, step});
  if (!r) return r.error();
  return {};
}

Status RemoveTotp(Tx& tx, std::int64_t user_id) {
  auto r = tx.Exec(
      "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL "
      "WHERE id = $1",
      {user_id});
  if (!r) return r.error();
  return {};
}

Expected<bool> UseTotpStep(Tx& tx, std::int64_t user_id, std::int64_t step) {
  JUMYS_ASSIGN_OR_RETURN(auto changed,
                         tx.Exec("UPDATE users SET totp_last_step = $2 WHERE id = $1 AND "
                                 "(totp_last_step IS NULL OR totp_last_step < $2)",
                                 {user_id, step}));
  return changed > 0;
}

Expected<std::int64_t> CountAdministrators(Tx& tx) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT COUNT(*) FROM users WHERE kind = 'staff' AND active = 1 "
                                  "AND (',' || roles || ',') LIKE '%,admin,%'"));
  return rows.Int(0, 0);
}

Expected<LoginThrottle> ClaimLoginAttempt(Tx& tx, const std::string& key, const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO login_throttle (key, failures, blocked_until, updated_at) "
               "VALUES ($1, 1, NULL, $2) ON CONFLICT (key) DO UPDATE SET "
               "failures = login_throttle.failures + 1, updated_at = excluded.updated_at "
               "RETURNING failures, blocked_until",
               {key, now}));
  if (rows.empty()) return Error::Internal("login throttle claim returned no row");
  return LoginThrottle{rows.Int(0, 0), rows.Optional(0, 1)};
}

Status BlockLoginKey(Tx& tx, const std::string& key, const std::string& until) {
  auto r = tx.Exec("UPDATE login_throttle SET blocked_until = $2 WHERE key = $1", {key, until});
  if (!r) return r.error();
  return {};
}

Status RefundLoginAttempt(Tx& tx, const std::string& key) {
  auto r = tx.Exec(
      "UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0", {key});
  if (!r) return r.error();
  return {};
}

Status ForgetLoginKey(Tx& tx, const std::string& key) {
  auto r = tx.Exec("DELETE FROM login_throttle WHERE key = $1", {key});
  if (!r) return r.error();
  return {};
}

Expected<std::int64_t> LoginKeyFailures(Tx& tx, const std::string& key) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT failures FROM login_throttle WHERE key = $1", {key}));
  return rows.empty() ? 0 : rows.Int(0, 0);
}

Status PruneLoginThrottle(Tx& tx, const std::string& before) {
  auto r = tx.Exec("DELETE FROM login_throttle WHERE updated_at < $1", {before});
  if (!r) return r.error();
  return {};
}

Expected<std::int64_t> CountUsers(Tx& tx) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM users"));
  return rows.Int(0, 0);
}

Expected<std::vector<UserRecord>> ListActiveStaff(Tx& tx, const std::string& office_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT " JUMYS_USER_COLUMNS("") " FROM users WHERE kind = 'staff' "
                                                "AND active = 1 AND office_id = $1 ORDER BY login",
               {office_id}));
  std::vector<UserRecord> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(UserAt(rows, r));
  return out;
}

Expected<std::vector<UserRecord>> ListStaffOf(Tx& tx, const std::vector<std::string>& office_ids) {
  std::vector<UserRecord> out;
  // One office at a time keeps the SQL the same on both stores (no array binding).
  for (const auto& office : office_ids) {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT " JUMYS_USER_COLUMNS("") " FROM users WHERE kind = 'staff' "
                                                             "AND office_id = $1",
                            {office}));
    for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(UserAt(rows, r));
  }
  std::sort(out.begin(), out.end(),
            [](const UserRecord& a, const UserRecord& b) { return a.login < b.login; });
  return out;
}

Status UpdateStaffUser(Tx& tx, const UserRecord& u) {
  auto r = tx.Exec(
      "UPDATE users SET full_name = $2, office_id = $3, roles = $4, active = $5 "
      "WHERE id = $1 AND kind = 'staff'",
      {u.id, u.full_name, u.office_id, u.roles, std::int64_t{u.active ? 1 : 0}});
  if (!r) return r.error();
  return {};
}

Expected<std::int64_t> RevokeUserSessions(Tx& tx, std::int64_t user_id, const std::string& now) {
  return tx.Exec("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                 {user_id, now});
}

Status InsertSession(Tx& tx, const SessionRecord& s) {
  auto r = tx.Exec(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) "
      "VALUES ($1,$2,$3,$4,$3)",
      {s.token_hash, s.user_id, s.created_at, s.expires_at});
  if (!r) return r.error();
  return {};
}

Expected<std::optional<SessionWithUser>> FindSession(Tx& tx, const std::string& token_hash) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT s.token_hash, s.user_id, s.created_at, s.expires_at, "
                                  "s.revoked_at, s.last_seen_at, " JUMYS_USER_COLUMNS(
                                      "u.") " FROM sessions s JOIN users u ON u.id = s.user_id "
                                            "WHERE s.token_hash = $1",
                                  {token_hash}));
  if (rows.empty()) return std::optional<SessionWithUser>{};
  SessionWithUser out;
  out.session = {rows.Text(0, 0), rows.Int(0, 1),      rows.Text(0, 2),
                 rows.Text(0, 3), rows.Optional(0, 4), rows.Optional(0, 5)};
  out.user = UserAt(rows, 0, 6);
  static_assert(kUserColumnCount == 16);
  return std::optional<SessionWithUser>{std::move(out)};
}

Expected<bool> RevokeSession(Tx& tx, const std::string& token_hash, const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(auto changed,
                         tx.Exec("UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND "
                                 "revoked_at IS NULL",
                                 {token_hash, now}));
  return changed > 0;
}

Expected<std::int64_t> RevokeOtherSessions(Tx& tx, std::int64_t user_id,
                                           const std::string& keep_hash, const std::string& now) {
  return tx.Exec(
      "UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND token_hash <> $2 AND "
      "revoked_at IS NULL",
      {user_id, keep_hash, now});
}

Status TouchSession(Tx& tx, const std::string& token_hash, const std::string& now) {
  auto r = tx.Exec(
      "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND "
      "(last_seen_at IS NULL OR last_seen_at < $2)",
      {token_hash, now});
  if (!r) return r.error();
  return {};
}

Expected<std::optional<PersonRecord>> FindPerson(Tx& tx, const std::string& iin) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kPersonColumns + " FROM people WHERE iin = $1", {iin}));
  if (rows.empty()) return std::optional<PersonRecord>{};
  return std::optional<PersonRecord>{PersonRecord{rows.Text(0, 0), rows.Text(0, 1), rows.Text(0, 2),
                                                  rows.Text(0, 3), rows.Text(0, 4), rows.Text(0, 5),
                                                  rows.Text(0, 6), rows.Text(0, 7), rows.Text(0, 8),
                                                  rows.Text(0, 9), rows.Text(0, 10)}};
}

Expected<bool> UpsertPerson(Tx& tx, const PersonRecord& p, const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(
      auto inserted,
      tx.Exec("INSERT INTO people (iin, surname, given_name, patronymic, birth_date, sex, "
              "office_id, phone, address, created_at, updated_at) "
              "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) ON CONFLICT (iin) DO NOTHING",
              {p.iin, p.surname, p.given_name, p.patronymic, p.birth_date, p.sex, p.office_id,
               p.phone, p.address, now}));
  if (inserted > 0) return true;
  JUMYS_TRY(tx.Exec(
      "UPDATE people SET surname=$2, given_name=$3, patronymic=$4, office_id=$5, "
      "phone=$6, address=$7, updated_at=$8 WHERE iin=$1",
      {p.iin, p.surname, p.given_name, p.patronymic, p.office_id, p.phone, p.address, now}));
  return false;
}

Expected<std::optional<EmployerRecord>> FindEmployer(Tx& tx, const std::string& bin) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kEmployerColumns +
                                                 " FROM employers WHERE bin = $1",
                                             {bin}));
  if (rows.empty()) return std::optional<EmployerRecord>{};
  return std::optional<EmployerRecord>{
      EmployerRecord{rows.Text(0, 0), rows.Text(0, 1), rows.Text(0, 2), rows.Text(0, 3),
                     rows.Text(0, 4), rows.Text(0, 5), rows.Text(0, 6)}};
}

Expected<bool> UpsertEmployer(Tx& tx, const EmployerRecord& e, const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(
      auto inserted,
      tx.Exec("INSERT INTO employers (bin, name, registered_on, kato, office_id, created_at, "
              "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$6) ON CONFLICT (bin) DO NOTHING",
              {e.bin, e.name, e.registered_on, e.kato, e.office_id, now}));
  if (inserted > 0) return true;
  JUMYS_TRY(
      tx.Exec("UPDATE employers SET name=$2, registered_on=$3, kato=$4, office_id=$5, "
              "updated_at=$6 WHERE bin=$1",
              {e.bin, e.name, e.registered_on, e.kato, e.office_id, now}));
  return false;
}

Status UpsertRevenue(Tx& tx, const RevenueRecord& r) {
  auto result = tx.Exec(
      "INSERT INTO revenue_records (bin, as_of, tax_arrears_tiyn, social_arrears_tiyn, "
      "imported_at, imported_by) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (bin) DO UPDATE SET "
      "as_of=excluded.as_of, tax_arrears_tiyn=excluded.tax_arrears_tiyn, "
      "social_arrears_tiyn=excluded.social_arrears_tiyn, imported_at=excluded.imported_at, "
      "imported_by=excluded.imported_by",
      {r.bin, r.as_of, r.tax_arrears_tiyn, r.social_arrears_tiyn, r.imported_at, r.imported_by});
  if (!result) return result.error();
  return {};
}

Expected<std::optional<RevenueRecord>> FindRevenue(Tx& tx, const std::string& bin) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT bin, as_of, tax_arrears_tiyn, social_arrears_tiyn, "
                                  "imported_at, imported_by FROM revenue_records WHERE bin = $1",
                                  {bin}));
  if (rows.empty()) return std::optional<RevenueRecord>{};
  return std::optional<RevenueRecord>{RevenueRecord{rows.Text(0, 0), rows.Text(0, 1),
                                                    rows.Int(0, 2), rows.Int(0, 3), rows.Text(0, 4),
                                                    rows.Text(0, 5)}};
}

Expected<std::vector<CalendarOverrideRecord>> ListCalendarOverrides(Tx& tx) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT day, working, note, updated_by, updated_at "
                                             "FROM calendar_overrides ORDER BY day"));
  std::vector<CalendarOverrideRecord> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back(
        {rows.Text(r, 0), rows.Int(r, 1) != 0, rows.Text(r, 2), rows.Text(r, 3), rows.Text(r, 4)});
  }
  return out;
}

Status UpsertCalendarOverride(Tx& tx, const CalendarOverrideRecord& c) {
  auto r = tx.Exec(
      "INSERT INTO calendar_overrides (day, working, note, updated_by, updated_at) "
      "VALUES ($1,$2,$3,$4,$5) ON CONFLICT (day) DO UPDATE SET working=excluded.working, "
      "note=excluded.note, updated_by=excluded.updated_by, updated_at=excluded.updated_at",
      {c.day, std::int64_t{c.working ? 1 : 0}, c.note, c.updated_by, c.updated_at});
  if (!r) return r.error();
  return {};
}

Expected<bool> DeleteCalendarOverride(Tx& tx, const std::string& day) {
  JUMYS_ASSIGN_OR_RETURN(auto n, tx.Exec("DELETE FROM calendar_overrides WHERE day = $1", {day}));
  return n > 0;
}

}  // namespace jumys::storage
