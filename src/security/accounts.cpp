#include "security/accounts.h"

#include "security/password.h"
#include "security/token.h"
#include "storage/audit_log.h"
#include "storage/repositories/challenge_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys {

namespace {

// One answer for an unknown login and a wrong password, so neither reveals which logins exist.
Error BadCredentials() {
  return Error::Unauthenticated("auth.bad_credentials"_msg, "wrong login or password");
}
Error InvalidSession() {
  return Error::Unauthenticated("auth.invalid_session"_msg, "invalid session token");
}
Error SessionEnded() {
  return Error::Unauthenticated("auth.session_ended"_msg, "session has ended");
}

// A fixed hash verified for unknown logins, so response time does not reveal which exist.
const std::string& DummyHash() {
  static const std::string kHash = HashPassword("jumys-dummy-password");
  return kHash;
}

}  // namespace

Instant SystemNow() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Accounts::Accounts(storage::Database& db, const OfficeDirectory& offices, AccountPolicy policy,
                   Clock clock)
    : db_(db), offices_(offices), policy_(policy), clock_(std::move(clock)) {}

Expected<Actor> Accounts::ActorFor(const storage::UserRecord& user) const {
  Actor actor;
  actor.user_id = user.id;
  actor.login = user.login;
  actor.applicant = user.kind == "applicant";
  auto roles = RoleSet::Parse(user.roles);
  if (!roles) return Error::Internal("user " + user.login + " has an unknown role");
  actor.roles = *roles;
  actor.iin = user.iin;
  actor.bin = user.bin;
  if (!actor.applicant) {
    auto office = offices_.Find(user.office_id);
    if (!office) return Error::Internal("user " + user.login + " has an unknown office");
    actor.office_id = office->id;
    actor.oblast_kato = office->oblast_kato;
    actor.oblast_scope = office->oblast_level;
  }
  return actor;
}

Expected<LoginResult> Accounts::Login(std::string_view login, std::string_view password) {
  const Instant now = clock_();
  const std::string now_text = FormatRfc3339(now);
  std::optional<storage::UserRecord> user;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(user, storage::FindUserByLogin(tx, std::string(login)));
    return {};
  }));
  if (!user || !user->active) {
    (void)VerifyPassword(DummyHash(), password);
    return BadCredentials();
  }
  const bool locked = user->locked_until && *user->locked_until > now_text;
  if (locked) {
    return Error::Make(ErrorCode::kRateLimited, "auth.too_many_attempts"_msg,
                       "too many failed sign-in attempts; try again later");
  }
  if (!VerifyPassword(user->password_hash, password)) {
    // A lock that has run out starts a fresh count.
    const std::int64_t previous = user->locked_until ? 0 : user->failed_logins;
    const std::int64_t failures = previous + 1;
    std::optional<std::string> lock_until;
    if (failures >= policy_.max_failed_logins) lock_until = FormatRfc3339(now + policy_.lockout);
    JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
      JUMYS_TRY(storage::RecordLoginFailure(tx, user->id, failures, lock_until));
      return storage::AppendAudit(tx,
                                  storage::AuditEvent{now_text,
                                                      user->login,
                                                      lock_until ? "user.locked" : "login.failed",
                                                      "user",
                                                      user->login,
                                                      user->office_id,
                                                      {{"failed_logins", failures}}});
    }));
    return BadCredentials();
  }
  JUMYS_ASSIGN_OR_RETURN(auto actor, ActorFor(*user));
  LoginResult result{NewSessionToken(), std::move(actor), user->full_name,
                     now + policy_.session_ttl};
  storage::SessionRecord session{HashToken(result.token), user->id, now_text,
                                 FormatRfc3339(result.expires_at), std::nullopt};
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    if (user->failed_logins != 0 || user->locked_until) {
      JUMYS_TRY(storage::ResetLoginFailures(tx, user->id));
    }
    JUMYS_TRY(storage::InsertSession(tx, session));
    return storage::AppendAudit(
        tx, storage::AuditEvent{now_text, user->login, "session.login", "user", user->login,
                                user->office_id, nlohmann::json::object()});
  }));
  return result;
}

Expected<LoginResult> Accounts::LoginWithCertificate(
    std::string_view iin, std::string_view bin, const std::function<Status(storage::Tx&)>& within) {
  const Instant now = clock_();
  const std::string now_text = FormatRfc3339(now);
  LoginResult result;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto id, storage::FindApplicantForCertificate(tx, std::string(iin), std::string(bin)));
    if (!id) return BadCredentials();
    JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserById(tx, *id));
    if (!user || !user->active || user->kind != "applicant") return BadCredentials();
    JUMYS_TRY(within(tx));
    JUMYS_ASSIGN_OR_RETURN(auto actor, ActorFor(*user));
    result = LoginResult{NewSessionToken(), std::move(actor), user->full_name,
                         now + policy_.session_ttl};
    JUMYS_TRY(storage::InsertSession(
        tx, storage::SessionRecord{HashToken(result.token), user->id, now_text,
                                   FormatRfc3339(result.expires_at), std::nullopt}));
    return storage::AppendAudit(
        tx, storage::AuditEvent{now_text, user->login, "session.login", "user", user->login,
                                user->office_id, nlohmann::json{{"method", "eds"}}});
  }));
  return result;
}

std::optional<Actor> Accounts::Cached(const std::string& token_hash, Instant now) const {
  if (policy_.session_cache_ttl.count() == 0) return std::nullopt;
  std::shared_lock lock(cache_mutex_);
  auto it = cache_.find(token_hash);
  if (it == cache_.end() || now - it->second.verified_at >= policy_.session_cache_ttl ||
      it->second.expires_at <= FormatRfc3339(now)) {
    return std::nullopt;
  }
  return it->second.actor;
}

void Accounts::Remember(const std::string& token_hash, const Actor& actor,
                        const std::string& expires_at, Instant now) const {
  if (policy_.session_cache_ttl.count() == 0) return;
  constexpr std::size_t kMaxCached = 100'000;
  std::unique_lock lock(cache_mutex_);
  if (cache_.size() >= kMaxCached) cache_.clear();
  cache_[token_hash] = {actor, expires_at, now};
}

void Accounts::Forget(const std::string& token_hash) const {
  std::unique_lock lock(cache_mutex_);
  cache_.erase(token_hash);
}

void Accounts::ForgetUser(std::int64_t user_id) const {
  std::unique_lock lock(cache_mutex_);
  std::erase_if(cache_, [&](const auto& entry) { return entry.second.actor.user_id == user_id; });
}

Expected<Actor> Accounts::Authenticate(std::string_view token) const {
  if (!LooksLikeToken(token)) return InvalidSession();
  const std::string hash = HashToken(token);
  const Instant now = clock_();
  if (auto actor = Cached(hash, now)) return std::move(*actor);
  std::optional<storage::SessionWithUser> found;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(found, storage::FindSession(tx, hash));
    return {};
  }));
  if (!found) return InvalidSession();
  if (found->session.revoked_at) return SessionEnded();
  if (found->session.expires_at <= FormatRfc3339(now)) {
    return Error::Unauthenticated("auth.session_expired"_msg, "session has expired");
  }
  if (!found->user.active) {
    return Error::Unauthenticated("auth.account_disabled"_msg, "account is disabled");
  }
  JUMYS_ASSIGN_OR_RETURN(auto actor, ActorFor(found->user));
  Remember(hash, actor, found->session.expires_at, now);
  return actor;
}

Status Accounts::Logout(std::string_view token) {
  if (!LooksLikeToken(token)) return InvalidSession();
  const std::string hash = HashToken(token);
  const std::string now_text = FormatRfc3339(clock_());
  Forget(hash);
  return db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto found, storage::FindSession(tx, hash));
    if (!found) return InvalidSession();
    JUMYS_ASSIGN_OR_RETURN(bool revoked, storage::RevokeSession(tx, hash, now_text));
    if (!revoked) return SessionEnded();
    return storage::AppendAudit(
        tx,
        storage::AuditEvent{now_text, found->user.login, "session.logout", "user",
                            found->user.login, found->user.office_id, nlohmann::json::object()});
  });
}

}  // namespace jumys
