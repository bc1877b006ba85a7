#pragma once
// Named SQL for stored document files (table documents, migration 4): drafts of signing steps
// and issued documents with their bytes, SHA-256, verification code and EDS signature.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

struct DocumentFileRow {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::int64_t registry_id = 0;  // case_documents.id once issued (the id in document URLs)
  std::int64_t task_id = 0;      // the signing task a draft was made for; 0 none
  std::string kind;              // template kind: notification, permit, coupon_receipt, ...
  std::string number;            // registry number once issued; the case number on a draft
  std::string case_number;       // printed as the document's number
  std::string office_id;
  std::string verification_code;
  std::string sha256;     // hex digest of content as issued
  std::string content;    // the PDF bytes
  std::string signature;  // DER CMS detached signature; "" when unsigned
  std::string signer_login;
  std::string signer_role;   // head, office_clerk, ... (the position printed)
  std::string signer_iin;    // from the verified certificate; "" when unsigned
  std::string applicant_id;  // the IIN/BIN printed on the document
  std::string status;        // draft | issued | superseded | annulled
  std::string created_at;
  std::string issued_at;  // "" for a draft
  std::string issued_by;
};

Expected<std::int64_t> InsertDocumentFile(Tx& tx, const DocumentFileRow& d);
// Replaces a draft's bytes and signer (another signer fetched it); signature cleared.
Status ReplaceDraft(Tx& tx, const DocumentFileRow& d);
Status SetDraftSignature(Tx& tx, std::int64_t id, const std::string& signature,
                         const std::string& signer_iin);
// Issues a draft (or a fresh file) under the registry entry.
Status IssueDocumentFile(Tx& tx, std::int64_t id, std::int64_t registry_id,
                         const std::string& number, const std::string& issued_at,
                         const std::string& issued_by);
// issued -> superseded / annulled (a permit replaced by its reissue, ...).
Status SetDocumentFileStatus(Tx& tx, std::int64_t id, const std::string& status);

// `with_content`: false when the caller needs only the row, not the file. The task's first
// draft (a step signing several documents has one per kind: the second form).
Expected<std::optional<DocumentFileRow>> FindDraftForTask(Tx& tx, std::int64_t task_id,
                                                          bool with_content = true);
Expected<std::optional<DocumentFileRow>> FindTaskDraftOfKind(Tx& tx, std::int64_t task_id,
                                                             const std::string& kind,
                                                             bool with_content = true);
// The newest signed draft of the case of this kind not yet issued (without its file: issuing
// it changes only the row).
Expected<std::optional<DocumentFileRow>> FindSignedDraft(Tx& tx, std::int64_t case_id,
                                                         const std::string& kind);
Expected<std::optional<DocumentFileRow>> FindIssuedDocumentFile(Tx& tx, std::int64_t case_id,
                                                                std::int64_t registry_id);
Expected<std::optional<DocumentFileRow>> FindDocumentFileByCode(Tx& tx, const std::string& code);
// The case's issued (and superseded, annulled) documents, oldest first, without their bytes.
Expected<std::vector<DocumentFileRow>> ListIssuedDocumentFiles(Tx& tx, std::int64_t case_id);
// A stored document by its own id (documents.id), draft or issued; nullopt when none.
Expected<std::optional<DocumentFileRow>> FindDocumentFile(Tx& tx, std::int64_t id,
                                                          bool with_content = true);

}  // namespace jumys::storage
