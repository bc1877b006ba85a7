#pragma once
// Named SQL for the single-use challenges (table challenges, migration 6) and the applicant
// account an EDS certificate names.
#include <cstdint>
#include <optional>
#include <string>

#include "storage/database.h"

namespace jumys::storage {

struct ChallengeRow {
  std::string challenge;
  std::string purpose;  // portal-request | sign-in
  std::optional<std::int64_t> user_id;
  std::string issued_at, expires_at;
  std::optional<std::string> used_at;
};

Status InsertChallenge(Tx& tx, const ChallengeRow& row);

// Marks the challenge used at `now` in one UPDATE, only while it is unused, unexpired, of this
// purpose and (when `user_id` is given) issued to that user. True when this call used it: of
// any number of concurrent calls, exactly one gets true.
Expected<bool> UseChallenge(Tx& tx, const std::string& challenge, const std::string& purpose,
                            std::optional<std::int64_t> user_id, const std::string& now);

Expected<std::optional<ChallengeRow>> FindChallenge(Tx& tx, const std::string& challenge);

// Removes challenges that expired before `before` (used or not): they can never be used again.
Status DeleteChallengesExpiredBefore(Tx& tx, const std::string& before);

// The active applicant account an EDS certificate signs in: with a BIN, the organisation's
// account (the one whose IIN is the signer's, else one with no IIN); without, the person's
// account with that IIN and no BIN. nullopt when there is none.
Expected<std::optional<std::int64_t>> FindApplicantForCertificate(Tx& tx, const std::string& iin,
                                                                  const std::string& bin);

}  // namespace jumys::storage
