#include "security/challenges.h"

#include "security/token.h"
#include "storage/repositories/challenge_repository.h"

namespace jumys {

namespace {

// Expired challenges are kept this long (a late replay still reads "expired"), then removed.
constexpr std::chrono::hours kKeepExpired{24};

}  // namespace

const char* ChallengePurposeName(ChallengePurpose purpose) {
  switch (purpose) {
    case ChallengePurpose::kPortalRequest:
      return "portal-request";
    case ChallengePurpose::kSignIn:
      return "sign-in";
  }
  return "portal-request";
}

Challenges::Challenges(storage::Database& db, std::function<Instant()> clock,
                       std::chrono::seconds lifetime)
    : db_(db), clock_(std::move(clock)), lifetime_(lifetime) {}

Expected<IssuedChallenge> Challenges::Issue(ChallengePurpose purpose,
                                            std::optional<std::int64_t> user_id) {
  const Instant now = clock_();
  IssuedChallenge issued{NewSessionToken(), purpose, now, now + lifetime_};
  storage::ChallengeRow row{issued.challenge,
                            ChallengePurposeName(purpose),
                            user_id,
                            FormatRfc3339(issued.issued_at),
                            FormatRfc3339(issued.expires_at),
                            std::nullopt};
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(storage::DeleteChallengesExpiredBefore(tx, FormatRfc3339(now - kKeepExpired)));
    return storage::InsertChallenge(tx, row);
  }));
  return issued;
}

Status Challenges::Consume(storage::Tx& tx, std::string_view challenge, ChallengePurpose purpose,
                           std::optional<std::int64_t> user_id) const {
  const std::string now = FormatRfc3339(clock_());
  const std::string text(challenge);
  const std::string purpose_name = ChallengePurposeName(purpose);
  if (LooksLikeToken(text)) {
    JUMYS_ASSIGN_OR_RETURN(bool used, storage::UseChallenge(tx, text, purpose_name, user_id, now));
    if (used) return {};
    // Why not: read back only to name the reason.
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindChallenge(tx, text));
    const bool ours = row && row->purpose == purpose_name && (!user_id || row->user_id == user_id);
    if (ours && row->used_at) {
      return Error::Conflict("challenge.used"_msg,
                             "this signed request was already used; get a new challenge and "
                             "sign again");
    }
    if (ours) {
      return Error::Conflict("challenge.expired"_msg,
                             "the challenge has expired; get a new challenge and sign again");
    }
  }
  return Error::Conflict("challenge.unknown"_msg,
                         "the challenge was not issued for this request; get a new challenge "
                         "and sign again");
}

std::function<Status(storage::Tx&)> Challenges::Consumer(
    std::string challenge, ChallengePurpose purpose, std::optional<std::int64_t> user_id) const {
  return [this, challenge = std::move(challenge), purpose, user_id](storage::Tx& tx) {
    return Consume(tx, challenge, purpose, user_id);
  };
}

}  // namespace jumys
