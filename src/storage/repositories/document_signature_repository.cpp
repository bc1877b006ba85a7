#include "storage/repositories/document_signature_repository.h"

#include "core/base64.h"

namespace jumys::storage {

Status InsertDocumentSignature(Tx& tx, const DocumentSignatureRow& s) {
  JUMYS_TRY(tx.Exec(
      "INSERT INTO document_signatures (document_id, seq, party, role, login, signer_name, iin, "
      "bin, subject, signature, signed_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
      {s.document_id, static_cast<std::int64_t>(s.seq), s.party, s.role, s.login, s.signer_name,
       s.iin, s.bin, s.subject, Base64Encode(s.signature), s.signed_at}));
  return {};
}

Expected<std::vector<DocumentSignatureRow>> ListDocumentSignatures(Tx& tx,
                                                                   std::int64_t document_id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT document_id, seq, party, role, login, signer_name, iin, bin, subject, "
               "signature, signed_at FROM document_signatures WHERE document_id = $1 ORDER BY seq",
               {document_id}));
  std::vector<DocumentSignatureRow> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    DocumentSignatureRow s;
    s.document_id = rows.Int(i, 0);
    s.seq = static_cast<int>(rows.Int(i, 1));
    s.party = rows.Text(i, 2);
    s.role = rows.Text(i, 3);
    s.login = rows.Text(i, 4);
    s.signer_name = rows.Text(i, 5);
    s.iin = rows.Text(i, 6);
    s.bin = rows.Text(i, 7);
    s.subject = rows.Text(i, 8);
    auto der = Base64Decode(rows.Text(i, 9));
    if (!der) return Error::Internal("stored signature is not base64");
    s.signature = std::move(*der);
    s.signed_at = rows.Text(i, 10);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace jumys::storage
