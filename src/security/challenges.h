#pragma once
// Single-use challenges for EDS signatures. The server issues a random challenge with its
// purpose, the account it belongs to (where known) and a short lifetime; a signed request
// carries it inside the signed content, and the server consumes it in the same transaction as
// the work the signature authorises. A replayed or stale signature finds its challenge used or
// expired and is refused (409), so it authorises nothing twice.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "storage/database.h"

namespace jumys {

enum class ChallengePurpose {
  kPortalRequest,  // "portal-request": an applicant's signed application (POST /cases)
  kSignIn,         // "sign-in": an applicant signs in with their EDS key
};
const char* ChallengePurposeName(ChallengePurpose purpose);

struct IssuedChallenge {
  std::string challenge;  // 43 base64url characters (256 random bits)
  ChallengePurpose purpose = ChallengePurpose::kPortalRequest;
  Instant issued_at;
  Instant expires_at;
};

class Challenges {
 public:
  static constexpr std::chrono::seconds kDefaultLifetime = std::chrono::minutes(5);

  Challenges(storage::Database& db, std::function<Instant()> clock,
             std::chrono::seconds lifetime = kDefaultLifetime);

  // A new challenge for `purpose`, bound to `user_id` when given (a portal request's applicant).
  Expected<IssuedChallenge> Issue(ChallengePurpose purpose,
                                  std::optional<std::int64_t> user_id = std::nullopt);

  // Uses the challenge inside `tx` (so it is used only if the work in `tx` commits). 409
  // challenge.used when it was used before, challenge.expired when its time has passed,
  // challenge.unknown when the server never issued it for this purpose and account. Of any
  // number of concurrent calls with one challenge, exactly one succeeds.
  Status Consume(storage::Tx& tx, std::string_view challenge, ChallengePurpose purpose,
                 std::optional<std::int64_t> user_id) const;

  // Consume as work for another service's transaction (CaseService::StartRequest::within,
  // Accounts::LoginWithCertificate), so a handler never holds the store.
  std::function<Status(storage::Tx&)> Consumer(std::string challenge, ChallengePurpose purpose,
                                               std::optional<std::int64_t> user_id) const;

  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  storage::Database& db_;
  std::function<Instant()> clock_;
  std::chrono::seconds lifetime_;
};

}  // namespace jumys
