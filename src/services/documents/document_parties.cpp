// Documents several parties sign (reference/documents/<kind>.yaml `signers:`): the first
// party's signing step draws the PDF as any signing step does; every later party's step signs
// those same stored bytes, never redrawn, each with its own detached CMS, in the declared order
// (docs/EDS.md "Several signers").
#include <algorithm>

#include "engine/case_relations.h"
#include "services/documents/document_service_impl.h"
#include "services/documents/document_wording.h"
#include "storage/repositories/document_signature_repository.h"
#include "storage/repositories/employer_user_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::documents {

namespace {

std::string Subject(const SignerIdentity& s) {
  if (s.organization.empty()) return s.common_name;
  return s.common_name + ", " + s.organization;
}

}  // namespace

const std::vector<rendering::Signer>* DocumentService::Impl::Parties(std::string_view kind) const {
  const auto* tmpl = templates.Find(kind);
  if (!tmpl || tmpl->signers.empty()) return nullptr;
  return &tmpl->signers;
}

Expected<std::optional<StoredDocument>> DocumentService::Impl::SharedDraft(storage::Tx& tx,
                                                                           const CaseRow& kase,
                                                                           const std::string& role,
                                                                           std::string_view kind,
                                                                           bool with_content) {
  const auto* parties = Parties(kind);
  if (!parties || parties->front().role == role) return std::optional<StoredDocument>{};
  JUMYS_ASSIGN_OR_RETURN(auto draft, storage::FindSignedDraft(tx, kase.id, std::string(kind)));
  if (!draft) {
    return Error::Unprocessable("document.signer_out_of_order"_msg,
                                "the {party} signs this document next",
                                {{"party", parties->front().party}});
  }
  if (!with_content) return draft;
  return storage::FindDocumentFile(tx, draft->id, true);
}

Status DocumentService::Impl::SignAsParty(HookContext& ctx, std::string_view kind,
                                          std::string_view signature) {
  const auto& parties = *Parties(kind);
  const std::string role = RoleName(*ctx.task->role);
  const MessageParams task = {{"task", std::to_string(ctx.task->id)}};
  std::optional<StoredDocument> draft;
  if (parties.front().role == role) {
    JUMYS_ASSIGN_OR_RETURN(
        draft, storage::FindTaskDraftOfKind(ctx.tx, ctx.task->id, std::string(kind), false));
    if (!draft || draft->status != "draft") {
      return Error::Unprocessable(
          "document.fetch_first"_msg,
          "fetch the document to sign first: GET /api/v1/tasks/{task}/document", task);
    }
    if (draft->signer_login != ctx.actor) {
      return Error::Unprocessable("document.other_signer"_msg,
                                  "the draft was prepared for another signer; fetch the "
                                  "document to sign first: GET /api/v1/tasks/{task}/document",
                                  task);
    }
  } else {
    JUMYS_ASSIGN_OR_RETURN(draft, SharedDraft(ctx.tx, ctx.kase, role, kind, false));
  }
  if (!draft) return Error::Internal("no draft of " + std::string(kind) + " to sign");
  JUMYS_ASSIGN_OR_RETURN(auto signed_before, storage::ListDocumentSignatures(ctx.tx, draft->id));
  for (const auto& s : signed_before) {
    if (s.role == role) {
      return Error::Unprocessable("document.party_signed"_msg,
                                  "the {party} has already signed this document",
                                  {{"party", s.party}});
    }
  }
  if (signed_before.size() >= parties.size()) {
    return Error::Unprocessable("document.all_signed"_msg,
                                "every party has already signed this document");
  }
  const rendering::Signer& next = parties[signed_before.size()];
  if (next.role != role) {
    return Error::Unprocessable("document.signer_out_of_order"_msg,
                                "the {party} signs this document next", {{"party", next.party}});
  }
  // The account's IIN when it has one; an employer's party also the case's employer's BIN.
  JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(ctx.tx, ctx.actor));
  std::string iin = user ? user->iin : "";
  std::string bin;
  if (role == "employer") {
    bin = ctx.kase.applicant_bin;
    if (bin.empty()) {
      // A case the employer did not apply for: its employer party (P1 route A's tripartite
      // social contract).
      JUMYS_ASSIGN_OR_RETURN(auto parties, EmployerParties(ctx.tx, ctx.kase.id));
      if (std::find(parties.begin(), parties.end(), user ? user->bin : "") != parties.end()) {
        bin = user->bin;
      }
    }
    if (bin.empty()) {
      return Error::Unprocessable("document.no_employer"_msg,
                                  "the case names no employer whose BIN the signature must carry");
    }
    if (user) {
      JUMYS_ASSIGN_OR_RETURN(auto added, storage::FindEmployerUserByLogin(ctx.tx, ctx.actor));
      if (added && added->capacity == "drafter") {
        return Error::Forbidden("document.signatory_only"_msg,
                                "only the employer's director or a signatory signs");
      }
      if (added && iin.empty()) iin = added->person_iin;
    }
  } else if (iin.empty()) {
    return Error::Unprocessable("eds.account_without_iin"_msg,
                                "your account has no IIN on record to match an EDS certificate");
  }
  // Verified before the write transaction (the first party's draft is the task's own).
  std::optional<SignerIdentity> signer = TakePrechecked(draft->sha256, signature);
  if (signer) {
    JUMYS_TRY(CheckSignerMatches(*signer, iin, bin));
  } else {
    JUMYS_ASSIGN_OR_RETURN(auto file, storage::FindDocumentFile(ctx.tx, draft->id, true));
    if (!file) return Error::Internal("document " + std::to_string(draft->id) + " vanished");
    JUMYS_ASSIGN_OR_RETURN(signer, Check(file->content, signature, iin, bin, ctx.now));
  }
  JUMYS_ASSIGN_OR_RETURN(auto der, DecodeSignature(signature));
  storage::DocumentSignatureRow row;
  row.document_id = draft->id;
  row.seq = static_cast<int>(signed_before.size());
  row.party = next.party;
  row.role = role;
  row.login = ctx.actor;
  JUMYS_ASSIGN_OR_RETURN(row.signer_name, FullName(ctx.tx, ctx.actor));
  row.iin = signer->iin;
  row.bin = signer->bin;
  row.subject = Subject(*signer);
  row.signature = der;
  row.signed_at = FormatRfc3339(ctx.now);
  JUMYS_TRY(storage::InsertDocumentSignature(ctx.tx, row));
  // The first party's signature is also the document's own, as for a single signer.
  if (row.seq == 0) JUMYS_TRY(storage::SetDraftSignature(ctx.tx, draft->id, der, signer->iin));
  Event(ctx, "document.sign", *draft,
        {{"signer_iin", MaskId(signer->iin)}, {"party", next.party}, {"seq", row.seq}});
  return {};
}

Expected<std::vector<storage::DocumentSignatureRow>> DocumentService::Signatures(
    std::int64_t document_id) {
  std::vector<storage::DocumentSignatureRow> out;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, storage::ListDocumentSignatures(tx, document_id));
    return {};
  }));
  return out;
}

std::vector<rendering::Signer> DocumentService::SignersOf(std::string_view kind) const {
  const auto* parties = impl_->Parties(kind);
  return parties ? *parties : std::vector<rendering::Signer>{};
}

Expected<StoredDocument> DocumentService::DocumentById(std::int64_t document_id) {
  std::optional<StoredDocument> found;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(found, storage::FindDocumentFile(tx, document_id, true));
    return {};
  }));
  if (!found) return Error::NotFound("document.not_found"_msg, "no such document");
  return std::move(*found);
}

}  // namespace jumys::documents
