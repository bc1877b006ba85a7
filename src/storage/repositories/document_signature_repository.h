#pragma once
// Named SQL for the signatures of documents several parties sign (table document_signatures,
// migration 23): one row per party in the order the kind declares, each a detached CMS over
// the same stored bytes. Written once, never changed.
#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

struct DocumentSignatureRow {
  std::int64_t document_id = 0;
  int seq = 0;        // 0 the first party
  std::string party;  // customer, contractor, ...
  std::string role;   // the role of the step that signed
  std::string login;
  std::string signer_name;
  std::string iin;        // from the verified certificate
  std::string bin;        // from the verified certificate; "" for a personal one
  std::string subject;    // the certificate holder as printed (CN, organisation)
  std::string signature;  // DER CMS, detached
  std::string signed_at;  // RFC 3339
};

Status InsertDocumentSignature(Tx& tx, const DocumentSignatureRow& s);
// In signing order.
Expected<std::vector<DocumentSignatureRow>> ListDocumentSignatures(Tx& tx,
                                                                   std::int64_t document_id);

}  // namespace jumys::storage
