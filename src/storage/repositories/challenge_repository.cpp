#include "storage/repositories/challenge_repository.h"

namespace jumys::storage {

namespace {

Value OptionalId(std::optional<std::int64_t> id) {
  if (!id) return nullptr;
  return *id;
}

}  // namespace

Status InsertChallenge(Tx& tx, const ChallengeRow& row) {
  JUMYS_TRY(tx.Exec(
      "INSERT INTO challenges (challenge, purpose, user_id, issued_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {row.challenge, row.purpose, OptionalId(row.user_id), row.issued_at, row.expires_at}));
  return {};
}

Expected<bool> UseChallenge(Tx& tx, const std::string& challenge, const std::string& purpose,
                            std::optional<std::int64_t> user_id, const std::string& now) {
  constexpr const char* kUse =
      "UPDATE challenges SET used_at = $3 WHERE challenge = $1 AND purpose = $2 "
      "AND used_at IS NULL AND expires_at > $3";
  std::int64_t changed = 0;
  if (user_id) {
    JUMYS_ASSIGN_OR_RETURN(changed, tx.Exec(std::string(kUse) + " AND user_id = $4",
                                            {challenge, purpose, now, *user_id}));
  } else {
    JUMYS_ASSIGN_OR_RETURN(changed, tx.Exec(kUse, {challenge, purpose, now}));
  }
  return changed == 1;
}

Expected<std::optional<ChallengeRow>> FindChallenge(Tx& tx, const std::string& challenge) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT challenge, purpose, user_id, issued_at, "
                                             "expires_at, used_at FROM challenges "
                                             "WHERE challenge = $1",
                                             {challenge}));
  if (rows.empty()) return std::optional<ChallengeRow>();
  ChallengeRow row;
  row.challenge = rows.Text(0, 0);
  row.purpose = rows.Text(0, 1);
  if (!rows.IsNull(0, 2)) row.user_id = rows.Int(0, 2);
  row.issued_at = rows.Text(0, 3);
  row.expires_at = rows.Text(0, 4);
  row.used_at = rows.Optional(0, 5);
  return std::optional<ChallengeRow>(std::move(row));
}

Status DeleteChallengesExpiredBefore(Tx& tx, const std::string& before) {
  JUMYS_TRY(tx.Exec("DELETE FROM challenges WHERE expires_at < $1", {before}));
  return {};
}

Expected<std::optional<std::int64_t>> FindApplicantForCertificate(Tx& tx, const std::string& iin,
                                                                  const std::string& bin) {
  Rows rows;
  if (!bin.empty()) {
    // The signer's own account of the organisation first, then the organisation's account.
    JUMYS_ASSIGN_OR_RETURN(rows,
                           tx.Query("SELECT id FROM users WHERE kind = 'applicant' AND active = 1 "
                                    "AND bin = $1 AND (iin = $2 OR iin IS NULL OR iin = '') "
                                    "ORDER BY CASE WHEN iin = $2 THEN 0 ELSE 1 END, id LIMIT 1",
                                    {bin, iin}));
  } else if (!iin.empty()) {
    JUMYS_ASSIGN_OR_RETURN(
        rows, tx.Query("SELECT id FROM users WHERE kind = 'applicant' AND active = 1 "
                       "AND iin = $1 AND (bin IS NULL OR bin = '') ORDER BY id LIMIT 1",
                       {iin}));
  }
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows.Int(0, 0));
}

}  // namespace jumys::storage
