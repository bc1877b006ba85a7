#include "storage/repositories/annulment_repository.h"

namespace jumys::storage {

namespace {

constexpr const char* kColumns =
    "SELECT id, document_id, case_id, action, reason, actor, actor_name, capacity, "
    "delegation_id, at, replacement_id FROM document_annulments ";

std::vector<AnnulmentRow> ToRows(const Rows& rows) {
  std::vector<AnnulmentRow> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    AnnulmentRow a;
    a.id = rows.Int(i, 0);
    a.document_id = rows.Int(i, 1);
    a.case_id = rows.Int(i, 2);
    a.action = rows.Text(i, 3);
    a.reason = rows.Text(i, 4);
    a.actor = rows.Text(i, 5);
    a.actor_name = rows.Text(i, 6);
    a.capacity = rows.Text(i, 7);
    a.delegation_id = rows.Int(i, 8);
    a.at = rows.Text(i, 9);
    a.replacement_id = rows.Int(i, 10);
    out.push_back(std::move(a));
  }
  return out;
}

Value IdOrNull(std::int64_t v) {
  if (v == 0) return nullptr;
  return v;
}

}  // namespace

Expected<std::int64_t> InsertAnnulment(Tx& tx, const AnnulmentRow& a) {
  // Checked first so the usual case answers with the key, not a constraint error; the
  // constraint still decides between two requests racing past this check.
  JUMYS_ASSIGN_OR_RETURN(auto existing, FindAnnulment(tx, a.document_id));
  if (existing) {
    return Error::Conflict("annulment.already"_msg, "the document is already annulled or replaced");
  }
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO document_annulments (document_id, case_id, action, reason, actor, "
               "actor_name, capacity, delegation_id, at, replacement_id) "
               "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id",
               {a.document_id, a.case_id, a.action, a.reason, a.actor, a.actor_name, a.capacity,
                IdOrNull(a.delegation_id), a.at, IdOrNull(a.replacement_id)}));
  if (rows.empty()) return Error::Internal("annulment insert returned no id");
  return rows.Int(0, 0);
}

Expected<std::optional<AnnulmentRow>> FindAnnulment(Tx& tx, std::int64_t document_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows,
                         tx.Query(std::string(kColumns) + "WHERE document_id = $1", {document_id}));
  auto all = ToRows(rows);
  if (all.empty()) return std::optional<AnnulmentRow>{};
  return std::optional<AnnulmentRow>{std::move(all.front())};
}

Expected<std::optional<AnnulmentRow>> FindReplaced(Tx& tx, std::int64_t replacement_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string(kColumns) + "WHERE replacement_id = $1", {replacement_id}));
  auto all = ToRows(rows);
  if (all.empty()) return std::optional<AnnulmentRow>{};
  return std::optional<AnnulmentRow>{std::move(all.front())};
}

Expected<std::vector<AnnulmentRow>> ListCaseAnnulments(Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string(kColumns) + "WHERE case_id = $1 ORDER BY id", {case_id}));
  return ToRows(rows);
}

Status InsertReplacementDraft(Tx& tx, const ReplacementDraftRow& r) {
  JUMYS_TRY(
      tx.Exec("INSERT INTO replacement_drafts (draft_id, document_id, reason, corrected, "
              "prepared_by, prepared_at) VALUES ($1,$2,$3,$4,$5,$6)",
              {r.draft_id, r.document_id, r.reason, r.corrected, r.prepared_by, r.prepared_at}));
  return {};
}

namespace {
Expected<std::optional<ReplacementDraftRow>> OneDraft(Tx& tx, const std::string& where,
                                                      std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT draft_id, document_id, reason, corrected, prepared_by, prepared_at FROM "
               "replacement_drafts WHERE " +
                   where,
               {id}));
  if (rows.empty()) return std::optional<ReplacementDraftRow>{};
  return std::optional<ReplacementDraftRow>{ReplacementDraftRow{rows.Int(0, 0), rows.Int(0, 1),
                                                                rows.Text(0, 2), rows.Text(0, 3),
                                                                rows.Text(0, 4), rows.Text(0, 5)}};
}
}  // namespace

Expected<std::optional<ReplacementDraftRow>> FindReplacementOf(Tx& tx, std::int64_t draft_id) {
  return OneDraft(tx, "draft_id = $1", draft_id);
}

Expected<std::optional<ReplacementDraftRow>> FindReplacementDraft(Tx& tx,
                                                                  std::int64_t document_id) {
  return OneDraft(tx, "document_id = $1 ORDER BY draft_id DESC LIMIT 1", document_id);
}

}  // namespace jumys::storage
