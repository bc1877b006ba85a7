#pragma once
// Sign-in, sessions and lockout. Tokens are 256 random bits; only their SHA-256 is stored.
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
#include "storage/database.h"
#include "storage/repositories/records.h"

namespace jumys {

struct AccountPolicy {
  std::chrono::seconds session_ttl{std::chrono::hours(12)};
  int max_failed_logins = 5;
  std::chrono::seconds lockout{std::chrono::minutes(15)};
  // A verified session is trusted from memory this long. Sign-out on this node takes effect
  // at once; on another node of a PostgreSQL cluster within this time. 0 disables the cache.
  std::chrono::seconds session_cache_ttl{5};
};

struct LoginResult {
  std::string token;  // given to the client once, never stored
  Actor actor;
  std::string full_name;
  Instant expires_at;
};

using Clock = std::function<Instant()>;
Instant SystemNow();

class Accounts {
 public:
  Accounts(storage::Database& db, const OfficeDirectory& offices, AccountPolicy policy,
           Clock clock = SystemNow);

  // 401 for an unknown login or wrong password (same message for both), 429 while locked.
  Expected<LoginResult> Login(std::string_view login, std::string_view password);
  // Signs in the applicant account an EDS certificate names (its BIN's account, else its
  // IIN's), with a session exactly like Login's. `within` (using the signed challenge) runs in
  // the same transaction as the new session, so neither happens without the other. 401 exactly
  // as for a wrong password when no active applicant account has the certificate's IIN/BIN.
  Expected<LoginResult> LoginWithCertificate(std::string_view iin, std::string_view bin,
                                             const std::function<Status(storage::Tx&)>& within);
  // 401 for a malformed, unknown, expired or revoked token.
  Expected<Actor> Authenticate(std::string_view token) const;
  Status Logout(std::string_view token);
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

  storage::Database& db_;
  const OfficeDirectory& offices_;
  AccountPolicy policy_;
  Clock clock_;
};

}  // namespace jumys
