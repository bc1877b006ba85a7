#pragma once
// Sign-in, sessions, throttling, passwords and the TOTP second factor. Tokens are 256 random
// bits; only their SHA-256 is stored.
#include <atomic>
#include <chrono>
#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "security/login_limiter.h"
#include "storage/database.h"
#include "storage/repositories/records.h"

namespace jumys {

struct AccountPolicy {
  std::chrono::seconds session_ttl{std::chrono::hours(12)};
  // A session unused this long ends (0: never). Its last use is written at most once per
  // session_touch_interval, so requests do not each write.
  std::chrono::seconds idle_timeout{std::chrono::minutes(30)};
  std::chrono::seconds session_touch_interval{std::chrono::minutes(1)};
  LoginLimits limits;
  // A verified session is trusted from memory this long. Sign-out on this node takes effect
  // at once; on another node of a PostgreSQL cluster within this time. 0 disables the cache.
  std::chrono::seconds session_cache_ttl{5};
};

// The shortest password a user may choose (a one-time password set by an administrator is
// generated, not chosen).
inline constexpr std::size_t kMinChosenPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 200;

// 422 (field `field`) for a password shorter than kMinChosenPasswordLength, longer than
// kMaxPasswordLength, or equal to the login (ignoring case).
Status CheckPasswordPolicy(std::string_view login, std::string_view password,
                           const std::string& field = "new_password");

struct LoginResult {
  std::string token;  // given to the client once, never stored
  Actor actor;
  std::string full_name;
  Instant expires_at;
};

// What a client needs to sign in: `totp` only for an account with a second factor.
struct LoginAttempt {
  std::string_view login;
  std::string_view password;
  std::string_view totp;
  std::string_view remote_address;
};

struct TotpEnrolment {
  std::string secret;  // base32, for typing into an authenticator app
  std::string uri;     // otpauth://, for a QR code
};

using Clock = std::function<Instant()>;
Instant SystemNow();

class Accounts {
 public:
  Accounts(storage::Database& db, const OfficeDirectory& offices, AccountPolicy policy,
           Clock clock = SystemNow);

  // 401 auth.bad_credentials for an unknown login, a wrong password, a missing or wrong
  // second-factor code, and an attempt refused by the throttle: all alike.
  Expected<LoginResult> Login(const LoginAttempt& attempt);
  Expected<LoginResult> Login(std::string_view login, std::string_view password) {
    return Login(LoginAttempt{login, password, {}, {}});
  }
  // Signs in the applicant account an EDS certificate names (its BIN's account, else its
  // IIN's), with a session exactly like Login's. `within` (using the signed challenge) runs in
  // the same transaction as the new session, so neither happens without the other. 401 exactly
  // as for a wrong password when no active applicant account has the certificate's IIN/BIN.
  Expected<LoginResult> LoginWithCertificate(std::string_view iin, std::string_view bin,
                                             const std::function<Status(storage::Tx&)>& within);
  // 401 for a malformed, unknown, expired, idle or revoked token.
  Expected<Actor> Authenticate(std::string_view token) const;
  Status Logout(std::string_view token);
  // Ends every session of the caller's account, on every device. Returns how many ended.
  Expected<std::int64_t> LogoutEverywhere(const Actor& actor);
  // Needs the current password (422 field current_password when wrong); the new one must
  // pass CheckPasswordPolicy and differ from the current. Ends the account's other sessions
  // and lifts "must change password".
  Status ChangePassword(const Actor& actor, std::string_view token, std::string_view current,
                        std::string_view replacement);
  // Staff only (403 for an applicant), 409 when a second factor is already on. A fresh secret
  // that takes effect only when ConfirmTotp gets a code of it.
  Expected<TotpEnrolment> BeginTotp(const Actor& actor);
  // 409 with no enrolment begun, 422 (field code) for a wrong code.
  Status ConfirmTotp(const Actor& actor, std::string_view code);
  // Failed attempts counted against a throttle key (tests and diagnostics).
  Expected<std::int64_t> ThrottleFailures(const std::string& key) const;
  // Drops the user's cached sessions, so a change to the account (roles, office, disabling)
  // takes effect on this node at once rather than after session_cache_ttl.
  void ForgetUser(std::int64_t user_id) const;
  // The actor a session of this account carries: its roles, and for staff the office with its
  // oblast. 500 for an unknown role or (staff) office.
  Expected<Actor> ActorFor(const storage::UserRecord& user) const;

 private:
  std::optional<Actor> Cached(const std::string& token_hash, Instant now) const;
  void Remember(const std::string& token_hash, const Actor& actor, const std::string& expires_at,
                Instant now) const;
  void Forget(const std::string& token_hash) const;

  struct CachedSession {
    Actor actor;
    std::string expires_at;
    Instant verified_at;
  };
  mutable std::shared_mutex cache_mutex_;
  mutable std::unordered_map<std::string, CachedSession> cache_;

  Status RecordFailure(const std::optional<storage::UserRecord>& user, const std::string& now,
                       std::string_view address, const char* action, const char* reason);

  storage::Database& db_;
  const OfficeDirectory& offices_;
  AccountPolicy policy_;
  std::atomic<std::uint64_t> logins_{0};
  Clock clock_;
};

}  // namespace jumys
