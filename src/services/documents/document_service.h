#pragma once
// Stored result documents: every result a case issues is rendered from its template
// (reference/documents/<kind>.yaml) and kept as PDF bytes with their SHA-256, a verification
// code (printed with a QR of /verify/{code}), its signer and, when signed, the EDS signature.
//
// Signing: a step with `signature: required` signs the case's decided result, or the documents
// its `signs:` lists (S4a 6.7 the decision notice; S4c 6.5 the notice and the permit). The
// signer fetches each draft (GET /api/v1/tasks/{id}/document?kind=: stored on first request, the
// same bytes afterwards), signs each, and completes the task with `signature` (one document) or
// `signatures: {kind: ...}`; the server verifies each (chain, validity, key usage, CRL, the
// signer's IIN = the account's) and a document issued later in the case is exactly those bytes
// with that signature. A document no one signs says on its page that it carries no EDS.
//
// Other modules: from an effect, ctx.hooks->documents().issue_document(ctx, kind, fields) (or
// IssueCaseDocument) for documents that are not the case's result (coupon and receipt);
// RegisterFields for the values a kind needs (permit number, employer, ...), and
// RegisterValidity for kinds whose validity changes (a permit extended or expired), both called
// by the owning service's Install (permits::Install); their values are the system's.
//
// Each field of a template takes its value only from the source the template declares
// (reference/documents/README.md): `system` from the case record, the clock, the office, the
// signer and the registered hooks; `staff` from what staff entered completing steps that
// declare the field; `application` from the applicant's intake data, and only the fields the
// definition's `from_application` lists for the kind (engine/case_values.h keeps them apart).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/actor.h"
#include "engine/case_hooks.h"
#include "engine/decision_lists.h"
#include "rendering/document_templates.h"
#include "security/eds.h"
#include "storage/repositories/document_repository.h"
#include "storage/repositories/document_signature_repository.h"

namespace jumys::documents {

// A stored document with its bytes (content) and signature (DER, "" when unsigned).
using StoredDocument = storage::DocumentFileRow;

// How a document stands when checked (/verify).
struct DocumentValidity {
  std::string status = "valid";  // valid | superseded | expired | annulled | draft | altered
  std::string valid_until;       // YYYY-MM-DD when the kind has a term; "" otherwise
};

// The values of a kind's own template fields, from the case (inside its write transaction).
using FieldsFn = std::function<Expected<std::map<std::string, std::string>>(HookContext&)>;
// The validity of an issued document of a kind (e.g. the permit's current term), read-only.
using ValidityFn = std::function<Expected<DocumentValidity>(storage::Tx&, const StoredDocument&)>;

struct DocumentServiceOptions {
  std::filesystem::path templates_dir;                    // reference/documents
  std::string public_base_url = "http://127.0.0.1:8080";  // printed in the QR
  // CA and CRL PEM files; none: every signature is refused (no EDS trust configured).
  std::vector<std::filesystem::path> trust_roots;
  std::vector<std::filesystem::path> crls;
};

class DocumentService {
 public:
  static Expected<std::unique_ptr<DocumentService>> Create(storage::Database& db,
                                                           const OfficeDirectory& offices,
                                                           const ProcessCatalog& catalog,
                                                           DocumentServiceOptions options);
  ~DocumentService();

  // Wires issue_result's file, the signing steps' signature check into the engine.
  void Install(CaseHooks& hooks);
  void RegisterFields(std::string kind, FieldsFn fn);
  void RegisterValidity(std::string kind, ValidityFn fn);
  // What a signing step signs when not the decided result itself: at S4a 6.7 the head signs
  // the notice of a decided permit (RegisterSignedKind("foreign-labour-permit", "sign_notice",
  // "permit", "<notice kind>")); the effect that issues it then gets the signed draft.
  void RegisterSignedKind(const std::string& process, const std::string& step,
                          const std::string& decided, std::string kind);

  // Renders and stores a document of `kind` for the case in ctx (registered in the case's
  // registry with its own number), e.g. the coupon and receipt at registration. `fields` are
  // system values the effect computed (they replace the service's own of the same name).
  Expected<StoredDocument> IssueCaseDocument(HookContext& ctx, std::string_view kind,
                                             const std::map<std::string, std::string>& fields = {});

  // A draft the signer of an open signing task signs, made on first request: of `kind`, one of
  // the documents the step signs (DraftsToSign), or the first of them when "". An acting head
  // (engine/acting.h) draws it in that capacity: the position printed names the delegation. 404 no
  // such task (or not visible), 403 not the caller's to complete, 409 closed, 422 nothing to sign
  // or a kind the step does not sign.
  Expected<StoredDocument> DraftForTask(const Actor& actor, std::int64_t task_id, Instant now,
                                        std::string_view kind = {});

  // The documents an open signing task signs, in order (the step's `signs`, else its decided
  // result); each is fetched with DraftForTask and signed on its own. Errors as DraftForTask.
  struct DraftToSign {
    std::string kind;
    std::string title_kk, title_ru, title_en;
  };
  Expected<std::vector<DraftToSign>> DraftsToSign(const Actor& actor, std::int64_t task_id,
                                                  Instant now);

  // Whether results of `kind` have a printed form (a template); a deregistration has none.
  bool HasPrintedForm(std::string_view kind) const;

  // An issued document of the case with its PDF bytes; 404 when the case has none by that id.
  Expected<StoredDocument> CaseDocument(std::int64_t case_id, std::int64_t registry_id);
  // The case's issued documents, without their bytes (the result, coupons, ...).
  Expected<std::vector<StoredDocument>> ListCaseDocuments(std::int64_t case_id);

  struct Verification {
    StoredDocument doc;
    DocumentValidity validity;
    std::string office_name_kk, office_name_ru, office_name_en;
    std::string title_kk, title_ru, title_en;           // the document's title
    std::string position_kk, position_ru, position_en;  // the signer's position
    // Who signed and in what capacity: own (their own role) or acting (a delegated one, with
    // whose delegation and for which period). "" for documents stored before signers were.
    std::string signer_name;
    std::string capacity;
    std::string acting_for_name, acting_from, acting_to;
    std::string issue_date;  // YYYY-MM-DD on the office's clock
    // Annulled or replaced (document_annulment.h): when (RFC 3339, and the office's date), why,
    // and the corrected document; for a corrected one, the document it replaces.
    std::string annulled_at, annulled_on, annulment_reason;
    std::string replaced_by_number, replaced_by_code;
    std::string replaces_number, replaces_code;
  };
  // What /verify shows for a code; 404 for an unknown code. A stored file whose bytes no longer
  // match its SHA-256 (or its signature) is "altered".
  Expected<Verification> Verify(std::string_view code);

  // For correcting a result (document_annulment.h): the fields of `kind`'s template whose
  // source is staff, and a document of `kind` for the case in ctx drawn from the same template
  // with `corrected` staff values over those entered in the case; `system` as an effect's own
  // (the acting position). A new verification code; `eds` prints that it carries an EDS.
  std::vector<std::string> StaffFields(std::string_view kind) const;
  Expected<StoredDocument> DrawCorrected(HookContext& ctx, std::string_view kind,
                                         const std::string& signer, const std::string& role,
                                         const std::map<std::string, std::string>& system,
                                         const std::map<std::string, std::string>& corrected,
                                         bool eds);

  // The trust roots and CRLs read again: when `force` (SIGHUP) or a file changed (the sweeper).
  // True when a new store is in use; an error, with the old store kept, when they do not load.
  Expected<bool> ReloadTrust(bool force);

  // A detached CMS signature (DER, or its base64) over `content`, checked against the trust
  // store at `at` and matched to the account (IIN and/or BIN). 422 with the reason otherwise.
  Expected<SignerIdentity> CheckSignature(std::string_view content, std::string_view signature,
                                          std::string_view iin, std::string_view bin,
                                          Instant at) const;

  // Several signers on one document (reference/documents/<kind>.yaml `signers:`, docs/EDS.md):
  // a kind's parties in signing order (empty: one signer); a document's signatures in that
  // order; a stored document by its own id with its bytes (404 none).
  std::vector<rendering::Signer> SignersOf(std::string_view kind) const;
  Expected<std::vector<storage::DocumentSignatureRow>> Signatures(std::int64_t document_id);
  Expected<StoredDocument> DocumentById(std::int64_t document_id);

  // A decided list (docs/DECISION_LISTS.md) printed from its record
  // (reference/documents/decision_list.yaml): each application in order with the decision and
  // the grounds of each refusal. Drawn anew on each request: the record and the audit chain are
  // what is kept. 409 decision_list.not_decided before the head has decided it.
  Expected<std::string> DecisionListPdf(const DecisionListDetail& list,
                                        const ProcessDefinition& def, const Office& office);

 private:
  struct SigningTask {
    ProcessCatalog::DefinitionPtr def;
    const Step* step = nullptr;
    TaskRow task;
    CaseRow kase;
    std::vector<std::string> kinds;  // what it signs, in order
  };
  struct Impl;
  explicit DocumentService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jumys::documents
