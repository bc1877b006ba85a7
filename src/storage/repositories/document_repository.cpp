#include "storage/repositories/document_repository.h"

#include "core/base64.h"

namespace jumys::storage {

namespace {

constexpr const char* kColumns =
    "id, case_id, registry_id, draft_task_id, kind, number, case_number, office_id, "
    "verification_code, sha256, "
    "(SELECT content FROM document_contents WHERE document_id = documents.id) AS content, "
    "signature, signer_login, signer_role, signer_iin, "
    "applicant_id, status, created_at, issued_at, issued_by";

std::string Encode(const std::string& bytes) { return Base64Encode(bytes); }

Expected<std::string> Decode(const std::string& text) {
  auto bytes = Base64Decode(text);
  if (!bytes) return Error::Internal("stored document is not base64");
  return std::move(*bytes);
}

Value TextOrNull(const std::string& v) {
  if (v.empty()) return nullptr;
  return v;
}

Value IdOrNull(std::int64_t v) {
  if (v == 0) return nullptr;
  return v;
}

// `with_content`: false leaves DocumentFileRow::content empty (the file is not read).
Expected<std::optional<DocumentFileRow>> One(Tx& tx, const std::string& where, const Params& p,
                                             bool with_content = true) {
  static const std::string kWithoutContent = [] {
    std::string columns = kColumns;
    const std::string file =
        "(SELECT content FROM document_contents WHERE document_id = documents.id)";
    columns.replace(columns.find(file), file.size(), "''");
    return columns;
  }();
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + (with_content ? kColumns : kWithoutContent) +
                              " FROM documents WHERE " + where,
                          p));
  if (rows.empty()) return std::optional<DocumentFileRow>{};
  DocumentFileRow d;
  d.id = rows.Int(0, 0);
  d.case_id = rows.Int(0, 1);
  d.registry_id = rows.Int(0, 2);
  d.task_id = rows.Int(0, 3);
  d.kind = rows.Text(0, 4);
  d.number = rows.Text(0, 5);
  d.case_number = rows.Text(0, 6);
  d.office_id = rows.Text(0, 7);
  d.verification_code = rows.Text(0, 8);
  d.sha256 = rows.Text(0, 9);
  JUMYS_ASSIGN_OR_RETURN(d.content, Decode(rows.Text(0, 10)));
  JUMYS_ASSIGN_OR_RETURN(d.signature, Decode(rows.Text(0, 11)));
  d.signer_login = rows.Text(0, 12);
  d.signer_role = rows.Text(0, 13);
  d.signer_iin = rows.Text(0, 14);
  d.applicant_id = rows.Text(0, 15);
  d.status = rows.Text(0, 16);
  d.created_at = rows.Text(0, 17);
  d.issued_at = rows.Text(0, 18);
  d.issued_by = rows.Text(0, 19);
  return std::optional<DocumentFileRow>{std::move(d)};
}

}  // namespace

Expected<std::int64_t> InsertDocumentFile(Tx& tx, const DocumentFileRow& d) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(
          "INSERT INTO documents (case_id, registry_id, draft_task_id, kind, number, case_number, "
          "office_id, verification_code, sha256, signature, signer_login, "
          "signer_role, signer_iin, applicant_id, status, created_at, issued_at, issued_by) "
          "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) "
          "RETURNING id",
          {d.case_id, IdOrNull(d.registry_id), IdOrNull(d.task_id), d.kind, d.number, d.case_number,
           d.office_id, d.verification_code, d.sha256, TextOrNull(Encode(d.signature)),
           d.signer_login, d.signer_role, TextOrNull(d.signer_iin), d.applicant_id, d.status,
           d.created_at, TextOrNull(d.issued_at), TextOrNull(d.issued_by)}));
  if (rows.empty()) return Error::Internal("document file insert returned no id");
  const std::int64_t id = rows.Int(0, 0);
  JUMYS_TRY(tx.Exec("INSERT INTO document_contents (document_id, content) VALUES ($1, $2)",
                    {id, Encode(d.content)}));
  return id;
}

Status ReplaceDraft(Tx& tx, const DocumentFileRow& d) {
  JUMYS_ASSIGN_OR_RETURN(
      auto n,
      tx.Exec("UPDATE documents SET sha256 = $1, signer_login = $2, "
              "signer_role = $3, signature = NULL, signer_iin = NULL, created_at = $4, "
              "kind = $5, number = $7 WHERE id = $6 AND status = 'draft' AND "
              "registry_id IS NULL",
              {d.sha256, d.signer_login, d.signer_role, d.created_at, d.kind, d.id, d.number}));
  if (n != 1) {
    return Error::Conflict("document.issued_meanwhile"_msg, "the draft was issued meanwhile");
  }
  JUMYS_TRY(tx.Exec("UPDATE document_contents SET content = $1 WHERE document_id = $2",
                    {Encode(d.content), d.id}));
  return {};
}

Status SetDraftSignature(Tx& tx, std::int64_t id, const std::string& signature,
                         const std::string& signer_iin) {
  JUMYS_TRY(tx.Exec("UPDATE documents SET signature = $1, signer_iin = $2 WHERE id = $3",
                    {Encode(signature), signer_iin, id}));
  return {};
}

Status IssueDocumentFile(Tx& tx, std::int64_t id, std::int64_t registry_id,
                         const std::string& number, const std::string& issued_at,
                         const std::string& issued_by) {
  JUMYS_TRY(
      tx.Exec("UPDATE documents SET status = 'issued', registry_id = $1, number = $2, "
              "issued_at = $3, issued_by = $4 WHERE id = $5",
              {registry_id, number, issued_at, issued_by, id}));
  return {};
}

Status SetDocumentFileStatus(Tx& tx, std::int64_t id, const std::string& status) {
  JUMYS_TRY(tx.Exec("UPDATE documents SET status = $1 WHERE id = $2", {status, id}));
  return {};
}

Expected<std::optional<DocumentFileRow>> FindDraftForTask(Tx& tx, std::int64_t task_id,
                                                          bool with_content) {
  return One(tx, "draft_task_id = $1 ORDER BY id LIMIT 1", {task_id}, with_content);
}

Expected<std::optional<DocumentFileRow>> FindTaskDraftOfKind(Tx& tx, std::int64_t task_id,
                                                             const std::string& kind,
                                                             bool with_content) {
  return One(tx, "draft_task_id = $1 AND kind = $2", {task_id, kind}, with_content);
}

Expected<std::optional<DocumentFileRow>> FindSignedDraft(Tx& tx, std::int64_t case_id,
                                                         const std::string& kind) {
  return One(tx,
             "case_id = $1 AND kind = $2 AND status = 'draft' AND signature IS NOT NULL "
             "ORDER BY id DESC LIMIT 1",
             {case_id, kind}, /*with_content=*/false);
}

Expected<std::optional<DocumentFileRow>> FindIssuedDocumentFile(Tx& tx, std::int64_t case_id,
                                                                std::int64_t registry_id) {
  return One(tx, "case_id = $1 AND registry_id = $2", {case_id, registry_id});
}

Expected<std::optional<DocumentFileRow>> FindDocumentFileByCode(Tx& tx, const std::string& code) {
  return One(tx, "verification_code = $1", {code});
}

}  // namespace jumys::storage

namespace jumys::storage {

Expected<std::vector<DocumentFileRow>> ListIssuedDocumentFiles(Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT id, registry_id, kind, number, verification_code, status, "
                          "issued_at FROM documents WHERE case_id = $1 AND registry_id IS NOT NULL "
                          "ORDER BY id",
                          {case_id}));
  std::vector<DocumentFileRow> out(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto& d = out[r];
    d.id = rows.Int(r, 0);
    d.case_id = case_id;
    d.registry_id = rows.Int(r, 1);
    d.kind = rows.Text(r, 2);
    d.number = rows.Text(r, 3);
    d.verification_code = rows.Text(r, 4);
    d.status = rows.Text(r, 5);
    d.issued_at = rows.Text(r, 6);
  }
  return out;
}

Expected<std::optional<DocumentFileRow>> FindDocumentFile(Tx& tx, std::int64_t id,
                                                          bool with_content) {
  return One(tx, "id = $1", {id}, with_content);
}

}  // namespace jumys::storage
