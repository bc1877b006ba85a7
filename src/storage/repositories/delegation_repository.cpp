#include "storage/repositories/delegation_repository.h"

namespace jumys::storage {

namespace {

constexpr const char* kColumns =
    "id, office_id, role, delegator, delegate, starts_on, ends_on, created_by, created_at, "
    "revoked_at, revoked_by";

std::vector<DelegationRow> RowsOf(const Rows& rows) {
  std::vector<DelegationRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    DelegationRow d;
    d.id = rows.Int(r, 0);
    d.office_id = rows.Text(r, 1);
    d.role = rows.Text(r, 2);
    d.delegator = rows.Text(r, 3);
    d.delegate = rows.Text(r, 4);
    d.starts_on = rows.Text(r, 5);
    d.ends_on = rows.Text(r, 6);
    d.created_by = rows.Text(r, 7);
    d.created_at = rows.Text(r, 8);
    d.revoked_at = rows.Optional(r, 9);
    d.revoked_by = rows.Optional(r, 10);
    out.push_back(std::move(d));
  }
  return out;
}

Expected<std::vector<DelegationRow>> Select(Tx& tx, const std::string& where, const Params& p) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kColumns + " FROM delegations WHERE " + where +
                              " ORDER BY id DESC",
                          p));
  return RowsOf(rows);
}

}  // namespace

Expected<std::int64_t> InsertDelegation(Tx& tx, const DelegationRow& d) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO delegations (office_id, role, delegator, delegate, starts_on, ends_on, "
               "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
               {d.office_id, d.role, d.delegator, d.delegate, d.starts_on, d.ends_on, d.created_by,
                d.created_at}));
  return rows.Int(0, 0);
}

Expected<std::optional<DelegationRow>> FindDelegation(Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(auto found, Select(tx, "id = $1", {id}));
  if (found.empty()) return std::optional<DelegationRow>{};
  return std::optional<DelegationRow>{std::move(found.front())};
}

Expected<std::vector<DelegationRow>> ListOfficeDelegations(Tx& tx, const std::string& office_id) {
  return Select(tx, "office_id = $1", {office_id});
}

Expected<std::vector<DelegationRow>> ListDelegationsInForce(Tx& tx, const std::string& delegate,
                                                            const std::string& office_id,
                                                            const std::string& day) {
  return Select(tx,
                "delegate = $1 AND office_id = $2 AND revoked_at IS NULL AND starts_on <= $3 "
                "AND ends_on >= $3",
                {delegate, office_id, day});
}

Expected<std::vector<DelegationRow>> ListOverlappingDelegations(Tx& tx,
                                                                const std::string& delegator,
                                                                const std::string& role,
                                                                const std::string& starts_on,
                                                                const std::string& ends_on) {
  return Select(tx,
                "delegator = $1 AND role = $2 AND revoked_at IS NULL AND starts_on <= $4 AND "
                "ends_on >= $3",
                {delegator, role, starts_on, ends_on});
}

Expected<bool> RevokeDelegation(Tx& tx, std::int64_t id, const std::string& at,
                                const std::string& by) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE delegations SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND "
              "revoked_at IS NULL",
              {id, at, by}));
  return changed > 0;
}

Status PutDocumentSigner(Tx& tx, const DocumentSignerRow& s) {
  Value delegation = nullptr;
  if (s.delegation_id != 0) delegation = s.delegation_id;
  JUMYS_TRY(tx.Exec("DELETE FROM document_signers WHERE document_id = $1", {s.document_id}));
  JUMYS_TRY(
      tx.Exec("INSERT INTO document_signers (document_id, signer_name, role, capacity, "
              "delegation_id) VALUES ($1, $2, $3, $4, $5)",
              {s.document_id, s.signer_name, s.role, s.capacity, delegation}));
  return {};
}

Expected<std::optional<DocumentSignerRow>> FindDocumentSigner(Tx& tx, std::int64_t document_id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT document_id, signer_name, role, capacity, "
                                             "delegation_id FROM document_signers WHERE "
                                             "document_id = $1",
                                             {document_id}));
  if (rows.empty()) return std::optional<DocumentSignerRow>{};
  DocumentSignerRow s;
  s.document_id = rows.Int(0, 0);
  s.signer_name = rows.Text(0, 1);
  s.role = rows.Text(0, 2);
  s.capacity = rows.Text(0, 3);
  s.delegation_id = rows.Int(0, 4);
  return std::optional<DocumentSignerRow>{std::move(s)};
}

}  // namespace jumys::storage
