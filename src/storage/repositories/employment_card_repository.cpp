#include "storage/repositories/employment_card_repository.h"

#include "storage/repositories/nullable.h"

namespace jumys::storage {

Expected<std::optional<EmploymentCardRow>> FindEmploymentCard(Tx& tx, const std::string& iin) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT iin, office_id, status, job_seeker_since, unemployed_since, "
                          "last_case_id, created_at, updated_at FROM employment_cards "
                          "WHERE iin = $1",
                          {iin}));
  if (rows.empty()) return std::optional<EmploymentCardRow>{};
  EmploymentCardRow c;
  c.iin = rows.Text(0, 0);
  c.office_id = rows.Text(0, 1);
  c.status = rows.Text(0, 2);
  c.job_seeker_since = rows.Text(0, 3);
  c.unemployed_since = rows.Optional(0, 4);
  if (!rows.IsNull(0, 5)) c.last_case_id = rows.Int(0, 5);
  c.created_at = rows.Text(0, 6);
  c.updated_at = rows.Text(0, 7);
  return std::optional<EmploymentCardRow>{std::move(c)};
}

Expected<bool> UpsertEmploymentCard(Tx& tx, const EmploymentCardRow& c) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE employment_cards SET office_id = $1, status = $2, job_seeker_since = $3, "
              "unemployed_since = $4, last_case_id = $5, updated_at = $6 WHERE iin = $7",
              {c.office_id, c.status, c.job_seeker_since, OptionalText(c.unemployed_since),
               OptionalInt(c.last_case_id), c.updated_at, c.iin}));
  if (changed == 1) return false;
  JUMYS_TRY(
      tx.Exec("INSERT INTO employment_cards (iin, office_id, status, job_seeker_since, "
              "unemployed_since, last_case_id, created_at, updated_at) "
              "VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
              {c.iin, c.office_id, c.status, c.job_seeker_since, OptionalText(c.unemployed_since),
               OptionalInt(c.last_case_id), c.created_at, c.updated_at}));
  return true;
}

Status AppendCardHistory(Tx& tx, const CardHistoryRow& e) {
  JUMYS_TRY(
      tx.Exec("INSERT INTO employment_card_history (iin, at, actor, action, case_id, data) "
              "VALUES ($1,$2,$3,$4,$5,$6)",
              {e.iin, e.at, e.actor, e.action, OptionalInt(e.case_id), e.data.dump()}));
  return {};
}

Expected<std::vector<CardHistoryRow>> ListCardHistory(Tx& tx, const std::string& iin) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT id, iin, at, actor, action, case_id, data "
                                  "FROM employment_card_history WHERE iin = $1 ORDER BY id",
                                  {iin}));
  std::vector<CardHistoryRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    CardHistoryRow e;
    e.id = rows.Int(r, 0);
    e.iin = rows.Text(r, 1);
    e.at = rows.Text(r, 2);
    e.actor = rows.Text(r, 3);
    e.action = rows.Text(r, 4);
    if (!rows.IsNull(r, 5)) e.case_id = rows.Int(r, 5);
    auto data = nlohmann::json::parse(rows.Text(r, 6), nullptr, false);
    if (data.is_discarded()) return Error::Internal("unreadable employment card history data");
    e.data = std::move(data);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace jumys::storage
