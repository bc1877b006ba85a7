#pragma once
// A wrongly issued result annulled, or replaced by a corrected one (docs/ANNULMENT.md).
//
// Beyond the seeds. The rule comes from the Law of the RK "On public services" of 15.04.2013
// No. 88-V (the service provider remedies a violation of the applicant's rights and reissues a
// result issued wrongly) and the Administrative Procedural and Process Code of 29.06.2020
// No. 350-VI (an administrative act is revoked or amended by the body that adopted it, citing
// the reason). So:
//   - only the head of the office that owns the case (or one acting as head by a delegation in
//     force, engine/acting.h) annuls or replaces, and only an issued document in force;
//   - the reason is required (non-blank, at most kMaxReasonLength characters) and kept with who
//     and when in document_annulments, which is append-only: a document is annulled or replaced
//     once (a second attempt: 409 annulment.already);
//   - a replacement is drawn from the same template with the corrected values of the template's
//     staff fields only, checked as the step that took them checks them; it gets its own number
//     and verification code. When the original carried an EDS the replacement waits as a draft
//     until the head signs it (checked by the same CMS verifier as any signing step), then is
//     issued; an unsigned original is replaced at once and the replacement claims no EDS;
//   - the applicant is told through the outbox (result_annulled, result_replaced) and /verify
//     says "annulled" (date, reason) or "replaced by No. ..." (the corrected one's link).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/definition.h"
#include "engine/definition_catalog.h"
#include "services/documents/document_service.h"
#include "storage/database.h"
#include "storage/repositories/annulment_repository.h"

namespace jumys {
class Notifier;
}

namespace jumys::storage {
struct AnnulmentRow;
}

namespace jumys::documents {

inline constexpr std::size_t kMaxReasonLength = 2000;  // characters

// An annulment or replacement as the API shows it.
struct Annulment {
  storage::AnnulmentRow row;
  std::int64_t document_registry_id = 0;  // the id in the case's document URLs
  std::string document_number, document_kind, document_code;
  std::int64_t replacement_registry_id = 0;  // replace only
  std::string replacement_number, replacement_code;
};

// An issued document of the case with what may be corrected in it.
struct CorrectableDocument {
  std::int64_t registry_id = 0;
  std::string kind, number;
  std::string state;  // valid | annulled | replaced | superseded | expired
  bool signed_with_eds = false;
  struct FieldValue {
    const Field* field = nullptr;  // the definition's field (type, label, limits)
    std::string value;             // as entered
  };
  std::vector<FieldValue> fields;  // the template's staff fields
};

class DocumentAnnulments {
 public:
  DocumentAnnulments(storage::Database& db, const OfficeDirectory& offices,
                     const ProcessCatalog& catalog, DocumentService& documents,
                     const Notifier* notifier);

  // Annuls the case's issued document `registry_id`. 403 annulment.not_head; 404 no such
  // document; 409 annulment.already / annulment.not_in_force; 422 annulment.reason_*.
  Expected<Annulment> Annul(const Actor& actor, std::int64_t case_id, std::int64_t registry_id,
                            std::string_view reason, Instant now);

  // Draws the corrected document. `values`: {field: value} of the template's staff fields
  // (422 values.<name> annulment.not_staff_field for any other; the step's own checks apply).
  // An original with an EDS: the draft to sign (status draft); without: issued at once.
  struct Replacement {
    StoredDocument document;             // without content
    std::optional<Annulment> annulment;  // set when issued
  };
  Expected<Replacement> Replace(const Actor& actor, std::int64_t case_id, std::int64_t registry_id,
                                std::string_view reason, const nlohmann::json& values, Instant now);
  // The pending replacement draft's PDF, for the head who prepared it to sign.
  Expected<StoredDocument> ReplacementDraft(const Actor& actor, std::int64_t case_id,
                                            std::int64_t registry_id, Instant now);
  // Signs (CMS detached over the draft's bytes, DER or base64) and issues the replacement.
  // 422 annulment.prepare_first when no draft waits; eds.* when the signature does not verify.
  Expected<Annulment> SignReplacement(const Actor& actor, std::int64_t case_id,
                                      std::int64_t registry_id, std::string_view signature,
                                      Instant now);

  Expected<std::vector<Annulment>> List(std::int64_t case_id);
  // The case's issued documents with their state and staff fields (for the head's form).
  Expected<std::vector<CorrectableDocument>> Documents(std::int64_t case_id);

 private:
  struct Loaded;
  static storage::AnnulmentRow RowFor(const Loaded& l, const std::string& action,
                                      const std::string& reason, Instant now);
  Expected<Loaded> Load(storage::Tx& tx, const Actor& actor, std::int64_t case_id,
                        std::int64_t registry_id, Instant now);
  Status Issue(storage::Tx& tx, Loaded& l, StoredDocument& replacement, const std::string& reason,
               Instant now, Annulment& out);
  Expected<Annulment> Describe(storage::Tx& tx, const storage::AnnulmentRow& row);
  Status Notify(storage::Tx& tx, const Loaded& l, const std::string& name,
                std::map<std::string, std::string> values, Instant now);

  storage::Database& db_;
  const OfficeDirectory& offices_;
  const ProcessCatalog& catalog_;
  DocumentService& documents_;
  const Notifier* notifier_;
};

}  // namespace jumys::documents
