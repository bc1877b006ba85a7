#include "security/accounts.h"

#include <cctype>

#include "security/password.h"
#include "security/token.h"
#include "security/totp.h"
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
  actor.must_change_password = user.must_change_password;
  actor.second_factor = user.totp_secret.has_value();
  if (!actor.applicant) {
    auto office = offices_.Find(user.office_id);
    if (!office) return Error::Internal("user " + user.login + " has an unknown office");
    actor.office_id = office->id;
    actor.oblast_kato = office->oblast_kato;
    actor.oblast_scope = office->oblast_level;
  }
  return actor;
}

Status CheckPasswordPolicy(std::string_view login, std::string_view password,
                           const std::string& field) {
  if (password.size() < kMinChosenPasswordLength) {
    return FieldError(ErrorCode::kUnprocessable, field, "password.too_short"_msg,
                      "must be at least {min} characters",
                      {{"min", std::to_string(kMinChosenPasswordLength)}});
  }
  if (password.size() > kMaxPasswordLength) {
    return FieldError(ErrorCode::kUnprocessable, field, "password.too_long"_msg,
                      "must be at most {max} characters",
                      {{"max", std::to_string(kMaxPasswordLength)}});
  }
  const auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  if (lower(password) == lower(login)) {
    return FieldError(ErrorCode::kUnprocessable, field, "password.is_login"_msg,
                      "must not be the login");
  }
  return {};
}

Status Accounts::RecordFailure(const std::optional<storage::UserRecord>& user,
                               const std::string& now, std::string_view address, const char* action,
                               const char* reason) {
  return db_.Write([&](storage::Tx& tx) -> Status {
    nlohmann::json data = {{"reason", reason}, {"address", std::string(address)}};
    if (user) {
      JUMYS_ASSIGN_OR_RETURN(auto failures, storage::CountLoginFailure(tx, user->id));
      data["failed_logins"] = failures;
      return storage::AppendAudit(
          tx, storage::AuditEvent{now, user->login, action, "user", user->login, user->office_id,
                                  std::move(data)});
    }
    // An unknown login is not recorded: people type passwords into the login field.
    return storage::AppendAudit(
        tx, storage::AuditEvent{now, "anonymous", action, "user", "", "", std::move(data)});
  });
}

Expected<LoginResult> Accounts::Login(const LoginAttempt& attempt) {
  const Instant now = clock_();
  const std::string now_text = FormatRfc3339(now);
  std::optional<storage::UserRecord> user;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(user, storage::FindUserByLogin(tx, std::string(attempt.login)));
    return {};
  }));
  if (user && !user->active) user.reset();
  const std::string address_key = AddressKey(attempt.remote_address);
  const std::string pair_key = AccountAddressKey(
      user ? std::to_string(user->id) : "?" + std::string(attempt.login), attempt.remote_address);
  const std::string account_key = user ? AccountKey(user->id) : "";

  // Each counter is claimed (incremented in SQL) before the password is checked, so concurrent
  // attempts see each other and those past the limit are never checked. The address first:
  // a throttled address claims nothing of the account's counters.
  const char* throttled = nullptr;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    throttled = nullptr;  // a retried transaction starts over
    const auto claim = [&](const std::string& key, const ThrottleRule& rule) -> Expected<bool> {
      JUMYS_ASSIGN_OR_RETURN(auto state, storage::ClaimLoginAttempt(tx, key, now_text));
      const bool allowed = ThrottleAllows(rule, state.failures, state.blocked_until, now);
      if (state.failures >= rule.free_attempts) {
        JUMYS_TRY(storage::BlockLoginKey(tx, key,
                                         FormatRfc3339(now + ThrottleDelay(rule, state.failures))));
      }
      return allowed;
    };
    JUMYS_ASSIGN_OR_RETURN(bool address_ok, claim(address_key, policy_.limits.per_address));
    if (!address_ok) {
      throttled = "address";
      return {};
    }
    JUMYS_ASSIGN_OR_RETURN(bool pair_ok, claim(pair_key, policy_.limits.per_account_address));
    if (!pair_ok) {
      throttled = "account_address";
      return {};
    }
    if (user) {
      JUMYS_ASSIGN_OR_RETURN(bool account_ok, claim(account_key, policy_.limits.per_account));
      if (!account_ok) throttled = "account";
    }
    return {};
  }));
  // Every refusal verifies a hash, so its time does not tell why it was refused.
  if (throttled || !user) {
    (void)VerifyPassword(DummyHash(), attempt.password);
    JUMYS_TRY(RecordFailure(user, now_text, attempt.remote_address,
                            throttled ? "login.throttled" : "login.failed",
                            throttled ? throttled : "unknown_login"));
    return BadCredentials();
  }
  if (!VerifyPassword(user->password_hash, attempt.password)) {
    JUMYS_TRY(RecordFailure(user, now_text, attempt.remote_address, "login.failed", "password"));
    return BadCredentials();
  }
  if (user->totp_secret) {
    auto step = MatchTotp(*user->totp_secret, attempt.totp, now);
    bool fresh = false;
    if (step) {
      JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
        JUMYS_ASSIGN_OR_RETURN(fresh, storage::UseTotpStep(tx, user->id, *step));
        return {};
      }));
    }
    if (!fresh) {
      JUMYS_TRY(RecordFailure(user, now_text, attempt.remote_address, "login.failed",
                              attempt.totp.empty() ? "totp_missing"
                              : step               ? "totp_reused"
                                                   : "totp_wrong"));
      return BadCredentials();
    }
  }
  JUMYS_ASSIGN_OR_RETURN(auto actor, ActorFor(*user));
  LoginResult result{NewSessionToken(), std::move(actor), user->full_name,
                     now + policy_.session_ttl};
  storage::SessionRecord session{HashToken(result.token),          user->id,     now_text,
                                 FormatRfc3339(result.expires_at), std::nullopt, now_text};
  const bool prune = logins_.fetch_add(1) % 256 == 0;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    // The claim's order (address, pair, account), so the two never wait on each other.
    JUMYS_TRY(storage::RefundLoginAttempt(tx, address_key));
    JUMYS_TRY(storage::ForgetLoginKey(tx, pair_key));
    JUMYS_TRY(storage::ForgetLoginKey(tx, account_key));
    JUMYS_TRY(storage::ResetLoginFailures(tx, user->id));
    if (prune) {
      JUMYS_TRY(storage::PruneLoginThrottle(tx, FormatRfc3339(now - std::chrono::hours(24))));
    }
    JUMYS_TRY(storage::InsertSession(tx, session));
    nlohmann::json data = {{"address", std::string(attempt.remote_address)}};
    if (user->totp_secret) data["second_factor"] = "totp";
    if (user->must_change_password) data["must_change_password"] = true;
    return storage::AppendAudit(
        tx, storage::AuditEvent{now_text, user->login, "session.login", "user", user->login,
                                user->office_id, std::move(data)});
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
                                   FormatRfc3339(result.expires_at), std::nullopt, std::nullopt}));
    return storage::AppendAudit(
        tx, storage::AuditEvent{now_text, user->login, "session.login", "user", user->login,
                                user->office_id, nlohmann::json{{"method", "eds"}}});
  }));
  return result;
}

Expected<std::int64_t> Accounts::ThrottleFailures(const std::string& key) const {
  std::int64_t out = 0;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, storage::LoginKeyFailures(tx, key));
    return {};
  }));
  return out;
}

Expected<std::int64_t> Accounts::LogoutEverywhere(const Actor& actor) {
  const std::string now = FormatRfc3339(clock_());
  std::int64_t ended = 0;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(ended, storage::RevokeOtherSessions(tx, actor.user_id, "", now));
    return storage::AppendAudit(tx, storage::AuditEvent{now,
                                                        actor.login,
                                                        "session.logout_all",
                                                        "user",
                                                        actor.login,
                                                        actor.office_id,
                                                        {{"sessions_revoked", ended}}});
  }));
  ForgetUser(actor.user_id);
  return ended;
}

Status Accounts::ChangePassword(const Actor& actor, std::string_view token,
                                std::string_view current, std::string_view replacement) {
  const std::string now = FormatRfc3339(clock_());
  std::optional<storage::UserRecord> user;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(user, storage::FindUserById(tx, actor.user_id));
    return {};
  }));
  if (!user) return InvalidSession();
  // A stolen session must not make this a way round the sign-in throttle: attempts are
  // claimed as sign-in attempts are, and one too early is refused like a wrong password.
  const std::string key = "password:" + std::to_string(user->id);
  const ThrottleRule& rule = policy_.limits.per_account_address;
  bool allowed = true;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto state, storage::ClaimLoginAttempt(tx, key, now));
    allowed = ThrottleAllows(rule, state.failures, state.blocked_until, clock_());
    if (state.failures >= rule.free_attempts) {
      JUMYS_TRY(storage::BlockLoginKey(
          tx, key, FormatRfc3339(clock_() + ThrottleDelay(rule, state.failures))));
    }
    return {};
  }));
  if (!VerifyPassword(user->password_hash, current) || !allowed) {
    JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
      return storage::AppendAudit(tx, storage::AuditEvent{now,
                                                          user->login,
                                                          "user.password_change_refused",
                                                          "user",
                                                          user->login,
                                                          user->office_id,
                                                          {{"reason", "current_password"}}});
    }));
    return FieldError(ErrorCode::kUnprocessable, "current_password", "password.current_wrong"_msg,
                      "is not your current password");
  }
  JUMYS_TRY(CheckPasswordPolicy(user->login, replacement));
  if (replacement == current) {
    return FieldError(ErrorCode::kUnprocessable, "new_password", "password.unchanged"_msg,
                      "must differ from the current password");
  }
  const std::string hash = HashPassword(replacement);
  const std::string keep = LooksLikeToken(token) ? HashToken(token) : "";
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(storage::ForgetLoginKey(tx, key));
    JUMYS_TRY(storage::SetPassword(tx, user->id, hash, false));
    JUMYS_ASSIGN_OR_RETURN(auto ended, storage::RevokeOtherSessions(tx, user->id, keep, now));
    return storage::AppendAudit(tx, storage::AuditEvent{now,
                                                        user->login,
                                                        "user.password_change",
                                                        "user",
                                                        user->login,
                                                        user->office_id,
                                                        {{"sessions_revoked", ended}}});
  }));
  ForgetUser(user->id);
  return {};
}

Expected<TotpEnrolment> Accounts::BeginTotp(const Actor& actor) {
  if (actor.applicant) {
    return Error::Forbidden("totp.staff_only"_msg,
                            "a second factor is for staff accounts; applicants sign with EDS");
  }
  const std::string now = FormatRfc3339(clock_());
  const std::string secret = NewTotpSecret();
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserById(tx, actor.user_id));
    if (!user) return InvalidSession();
    if (user->totp_secret) {
      return Error::Conflict("totp.already_on"_msg,
                             "a second factor is already on; an administrator can remove it");
    }
    JUMYS_TRY(storage::SetTotpPending(tx, user->id, secret));
    return storage::AppendAudit(
        tx, storage::AuditEvent{now, actor.login, "user.totp_enrol_start", "user", actor.login,
                                actor.office_id, nlohmann::json::object()});
  }));
  return TotpEnrolment{secret, TotpUri("jumys", actor.login, secret)};
}

Status Accounts::ConfirmTotp(const Actor& actor, std::string_view code) {
  const Instant now = clock_();
  const std::string now_text = FormatRfc3339(now);
  // The account's cached sessions would otherwise show it without its second factor.
  struct Forget {
    const Accounts& accounts;
    std::int64_t user_id;
    ~Forget() { accounts.ForgetUser(user_id); }
  } forget{*this, actor.user_id};
  return db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserById(tx, actor.user_id));
    if (!user) return InvalidSession();
    if (user->totp_secret || !user->totp_pending) {
      return Error::Conflict("totp.not_pending"_msg,
                             "no second-factor enrolment is waiting for a code");
    }
    auto step = MatchTotp(*user->totp_pending, code, now);
    if (!step) {
      return FieldError(ErrorCode::kUnprocessable, "code", "totp.wrong_code"_msg,
                        "is not the current code of the authenticator app");
    }
    JUMYS_TRY(storage::ConfirmTotp(tx, user->id, *user->totp_pending, *step));
    return storage::AppendAudit(
        tx, storage::AuditEvent{now_text, actor.login, "user.totp_enrol", "user", actor.login,
                                actor.office_id, nlohmann::json::object()});
  });
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
  const std::string last_seen = found->session.last_seen_at.value_or(found->session.created_at);
  if (policy_.idle_timeout.count() > 0 && last_seen <= FormatRfc3339(now - policy_.idle_timeout)) {
    return Error::Unauthenticated("auth.session_idle"_msg, "session ended after inactivity");
  }
  if (last_seen <= FormatRfc3339(now - policy_.session_touch_interval)) {
    JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
      return storage::TouchSession(tx, hash, FormatRfc3339(now));
    }));
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
