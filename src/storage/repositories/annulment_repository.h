#pragma once
// Named SQL for annulled and replaced documents (migration 14): the append-only
// document_annulments (one row per document at most) and the replacement drafts waiting for
// the head's EDS.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

struct AnnulmentRow {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::int64_t case_id = 0;
  std::string action;  // annul | replace
  std::string reason;
  std::string actor;       // login
  std::string actor_name;  // as it stood at the time
  std::string capacity;    // own | acting
  std::int64_t delegation_id = 0;
  std::string at;                   // RFC 3339 UTC
  std::int64_t replacement_id = 0;  // documents.id of the corrected one; 0 for annul
};

// 409 annulment.already when the document was annulled or replaced meanwhile (the unique
// constraint decides between racing requests).
Expected<std::int64_t> InsertAnnulment(Tx& tx, const AnnulmentRow& a);
Expected<std::optional<AnnulmentRow>> FindAnnulment(Tx& tx, std::int64_t document_id);
// The row that names `replacement_id` as the corrected document (what it replaced).
Expected<std::optional<AnnulmentRow>> FindReplaced(Tx& tx, std::int64_t replacement_id);
Expected<std::vector<AnnulmentRow>> ListCaseAnnulments(Tx& tx, std::int64_t case_id);

struct ReplacementDraftRow {
  std::int64_t draft_id = 0;     // documents.id of the draft
  std::int64_t document_id = 0;  // the document it replaces
  std::string reason;
  std::string corrected;  // JSON object of the corrected staff values
  std::string prepared_by;
  std::string prepared_at;
};

Status InsertReplacementDraft(Tx& tx, const ReplacementDraftRow& r);
// What a corrected document was drawn with (its own row, by draft_id = its documents.id).
Expected<std::optional<ReplacementDraftRow>> FindReplacementOf(Tx& tx, std::int64_t draft_id);
// The newest draft prepared to replace the document.
Expected<std::optional<ReplacementDraftRow>> FindReplacementDraft(Tx& tx, std::int64_t document_id);

}  // namespace jumys::storage
