// What /verify/{code} says of a document: its validity (issued, annulled, replaced, altered,
// or as its kind's validity hook rules), who signed it and in what capacity, and its office.
#include <tuple>

#include "core/sha256.h"
#include "engine/case_results.h"
#include "rendering/verification_code.h"
#include "security/eds.h"
#include "services/documents/document_service.h"
#include "services/documents/document_service_impl.h"
#include "services/documents/document_wording.h"
#include "storage/repositories/annulment_repository.h"
#include "storage/repositories/delegation_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::documents {

namespace {

Error NoDocumentWithCode() {
  return Error::NotFound("document.code_not_found"_msg, "no document with this code");
}

}  // namespace

Status DocumentService::Impl::AddAnnulment(storage::Tx& tx, Verification& v) {
  // The number and verification code of a document it points to (its replacement, or the one
  // it replaces).
  const auto point_at = [&tx](std::int64_t id, std::string& number, std::string& code) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT number, verification_code FROM documents WHERE id = $1", {id}));
    if (!rows.empty()) {
      number = rows.Text(0, 0);
      code = rows.Text(0, 1);
    }
    return {};
  };
  JUMYS_ASSIGN_OR_RETURN(auto annulment, storage::FindAnnulment(tx, v.doc.id));
  if (annulment) {
    v.annulled_at = annulment->at;
    v.annulment_reason = annulment->reason;
    if (annulment->replacement_id != 0) {
      JUMYS_TRY(point_at(annulment->replacement_id, v.replaced_by_number, v.replaced_by_code));
    }
  }
  JUMYS_ASSIGN_OR_RETURN(auto replaced, storage::FindReplaced(tx, v.doc.id));
  if (replaced) JUMYS_TRY(point_at(replaced->document_id, v.replaces_number, v.replaces_code));
  return {};
}
Expected<DocumentService::Verification> DocumentService::Verify(std::string_view code) {
  if (!rendering::IsVerificationCode(code)) return NoDocumentWithCode();
  Verification v;
  bool found = false;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto doc, storage::FindDocumentFileByCode(tx, std::string(code)));
    if (!doc) return {};
    found = true;
    v.doc = std::move(*doc);
    JUMYS_ASSIGN_OR_RETURN(auto signer, storage::FindDocumentSigner(tx, v.doc.id));
    if (signer) {
      v.signer_name = signer->signer_name;
      v.capacity = signer->capacity;
    }
    if (signer && signer->delegation_id != 0) {
      JUMYS_ASSIGN_OR_RETURN(auto delegation, storage::FindDelegation(tx, signer->delegation_id));
      if (delegation) {
        JUMYS_ASSIGN_OR_RETURN(v.acting_for_name, impl_->FullName(tx, delegation->delegator));
        v.acting_from = delegation->starts_on;
        v.acting_to = delegation->ends_on;
      }
    }
    JUMYS_TRY(Impl::AddAnnulment(tx, v));
    if (!v.annulled_at.empty()) {
      v.validity.status = v.replaced_by_number.empty() ? "annulled" : "replaced";
    } else if (v.doc.status != "issued") {
      v.validity.status = v.doc.status;
    } else if (auto hook = impl_->validity.find(v.doc.kind); hook != impl_->validity.end()) {
      JUMYS_ASSIGN_OR_RETURN(v.validity, hook->second(tx, v.doc));
    }
    return {};
  }));
  if (!found) return NoDocumentWithCode();
  bool intact = Sha256Hex(v.doc.content) == v.doc.sha256;
  const auto trust = impl_->Trust();
  if (intact && !v.doc.signature.empty() && trust) {
    // The signature covers the bytes too: a file and digest changed together still fail it.
    // Only a broken signature or other content counts: the certificate was checked when it
    // signed, and a later revocation does not alter the document.
    auto signed_at = ParseRfc3339(v.doc.issued_at.empty() ? v.doc.created_at : v.doc.issued_at);
    if (!signed_at) return Error::Internal("document " + std::to_string(v.doc.id) + ": bad date");
    auto checked = VerifyDetachedSignature(*trust, v.doc.content, v.doc.signature, *signed_at);
    intact = checked || (checked.error().code != ErrorCode::kInvalidInput &&
                         checked.error().key != "eds.content_mismatch");
  }
  if (!intact) v.validity = DocumentValidity{"altered", ""};
  auto office = impl_->offices.Find(v.doc.office_id);
  if (!v.annulled_at.empty()) {
    if (auto at = ParseRfc3339(v.annulled_at); at && office) {
      v.annulled_on = FormatDate(OfficeDate(*office, *at));
    }
  }
  if (office) {
    v.office_name_kk = office->name_kk;
    v.office_name_ru = office->name_ru;
    v.office_name_en = office->name_en;
  }
  if (const auto* tmpl = impl_->templates.Find(v.doc.kind)) {
    v.title_kk = PlainTitle(tmpl->title.kk);
    v.title_ru = PlainTitle(tmpl->title.ru);
  }
  v.title_en = EnglishTitle(v.doc.kind);
  const bool oblast = office && office->oblast_level;
  std::tie(v.position_kk, v.position_ru) = Position(v.doc.signer_role, oblast);
  v.position_en = EnglishPosition(v.doc.signer_role, oblast);
  if (v.capacity == "acting" && !v.acting_from.empty()) {
    const auto texts =
        ActingPosition(v.doc.signer_role, oblast, v.acting_for_name, v.acting_from, v.acting_to);
    v.position_kk = texts[0];
    v.position_ru = texts[1];
    v.position_en = texts[2];
  }
  auto at = ParseRfc3339(v.doc.issued_at.empty() ? v.doc.created_at : v.doc.issued_at);
  if (at && office) v.issue_date = FormatDate(OfficeDate(*office, *at));
  return v;
}

}  // namespace jumys::documents
