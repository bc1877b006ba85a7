#include "engine/case_relations.h"

#include "storage/database.h"

namespace jumys {

Status AddCaseParty(HookContext& ctx, const std::string& party, const std::string& iin,
                    const std::string& bin) {
  JUMYS_TRY(
      ctx.tx.Exec("INSERT INTO case_parties (case_id, party, iin, bin, added_by, added_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                  {ctx.kase.id, party, iin, bin, ctx.actor, FormatRfc3339(ctx.now)}));
  return {};
}

Status AddCaseLink(HookContext& ctx, const std::string& kind, std::int64_t target_id) {
  JUMYS_TRY(
      ctx.tx.Exec("INSERT INTO case_links (case_id, kind, target_id, added_at) VALUES ($1, "
                  "$2, $3, $4) ON CONFLICT DO NOTHING",
                  {ctx.kase.id, kind, target_id, FormatRfc3339(ctx.now)}));
  return {};
}

Expected<std::vector<CaseParty>> CaseParties(storage::Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT party, iin, bin, added_by, added_at FROM "
                                             "case_parties WHERE case_id = $1 ORDER BY added_at, "
                                             "party, iin, bin",
                                             {case_id}));
  std::vector<CaseParty> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back(
        {rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3), rows.Text(r, 4)});
  }
  return out;
}

Expected<std::vector<std::string>> EmployerParties(storage::Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT bin FROM case_parties WHERE case_id = $1 AND "
                                             "party = $2 AND bin <> '' ORDER BY bin",
                                             {case_id, std::string(kEmployerParty)}));
  std::vector<std::string> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(rows.Text(r, 0));
  return out;
}

Expected<std::vector<CaseLink>> CaseLinksOf(storage::Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT kind, target_id, added_at FROM case_links "
                                             "WHERE case_id = $1 ORDER BY added_at, kind, "
                                             "target_id",
                                             {case_id}));
  std::vector<CaseLink> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back({rows.Text(r, 0), rows.Int(r, 1), rows.Text(r, 2)});
  }
  return out;
}

Expected<std::vector<std::int64_t>> CaseLinks(storage::Tx& tx, std::int64_t case_id,
                                              const std::string& kind) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT target_id FROM case_links WHERE case_id = "
                                             "$1 AND kind = $2 ORDER BY target_id",
                                             {case_id, kind}));
  std::vector<std::int64_t> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(rows.Int(r, 0));
  return out;
}

}  // namespace jumys
