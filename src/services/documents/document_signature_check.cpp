// The signature check of signing steps: each draft a step signs, verified against the trust
// store and matched to the signer's account (document_service.h "Signing").
#include <algorithm>
#include <mutex>

#include "core/base64.h"
#include "security/eds.h"
#include "services/documents/document_service_impl.h"
#include "services/documents/document_wording.h"
#include "storage/repositories/employer_user_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::documents {

namespace {

// Whom the certificate of a task's signature must name: the IIN and, for a step the employer
// works, the case's BIN ("" for what is not checked).
Expected<std::pair<std::string, std::string>> ExpectedSigner(
    HookContext& ctx, const std::optional<storage::UserRecord>& user) {
  std::pair<std::string, std::string> out;  // IIN, BIN
  if (!user) return out;
  out.first = user->iin;
  // A step the employer works (engine/applicant_steps.h): the certificate is the
  // case's employer's, and the person's when the account has an IIN on record (an added
  // signatory's); without one the BIN alone binds it, as at filing from the portal.
  if (ctx.task->role == Role::kEmployer) {
    out.second = ctx.kase.applicant_bin;
    if (out.first.empty()) {
      JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindEmployerUser(ctx.tx, user->id));
      if (row) out.first = row->person_iin;
    }
  }
  return out;
}

}  // namespace

void DocumentService::Impl::PrecheckSignature(std::int64_t task_id,
                                              const TaskSignatures& signatures, Instant now) {
  const auto trust = Trust();
  if (!trust || signatures.empty()) return;
  std::vector<storage::DocumentFileRow> drafts;
  auto read = db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto first, storage::FindDraftForTask(tx, task_id, false));
    if (!first) return {};
    drafts.push_back(std::move(*first));
    for (const auto& [kind, unused] : signatures.by_kind) {
      if (kind.empty() || kind == drafts.front().kind) continue;
      JUMYS_ASSIGN_OR_RETURN(auto other, storage::FindTaskDraftOfKind(tx, task_id, kind, false));
      if (other) drafts.push_back(std::move(*other));
    }
    return {};
  });
  if (!read) return;
  for (const auto& draft : drafts) {
    const std::string_view signature = signatures.For(draft.kind);
    if (draft.status != "draft" || signature.empty()) continue;
    // The stored digest stands for the file: what the signer downloaded hashes to it.
    auto signer = VerifyDetachedSignatureOfDigest(*trust, draft.sha256, signature, now);
    if (!signer) continue;  // the write verifies again, with the file, and says why
    std::lock_guard lock(prechecked_mutex);
    if (prechecked.size() > 4096) prechecked.clear();  // left by completions refused later
    prechecked.insert_or_assign(draft.sha256 + "/" + std::string(signature), std::move(*signer));
  }
}

std::optional<SignerIdentity> DocumentService::Impl::TakePrechecked(const std::string& sha256,
                                                                    std::string_view signature) {
  std::lock_guard lock(prechecked_mutex);
  auto it = prechecked.find(sha256 + "/" + std::string(signature));
  if (it == prechecked.end()) return std::nullopt;
  SignerIdentity signer = std::move(it->second);
  prechecked.erase(it);
  return signer;
}

Status DocumentService::Impl::CheckTaskSignature(HookContext& ctx) {
  const MessageParams task = {{"task", std::to_string(ctx.task->id)}};
  const auto fetch_first = [&] {
    return Error::Unprocessable(
        "document.fetch_first"_msg,
        "fetch the document to sign first: GET /api/v1/tasks/{task}/document", task);
  };
  const Step* step = ctx.def.FindStep(ctx.task->step);
  if (!step) return Error::Internal(ctx.def.code + ": no step '" + ctx.task->step + "'");
  if (!ctx.kase.decided && step->signs.empty()) return fetch_first();
  const std::vector<std::string> kinds =
      SignedKinds(ctx.def, *step, ctx.kase.decided ? ctx.kase.decided->kind : "");
  const TaskSignatures none;
  const TaskSignatures& signatures = ctx.signatures ? *ctx.signatures : none;
  for (const auto& [kind, unused] : signatures.by_kind) {
    if (!kind.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
      return FieldError(
          ErrorCode::kUnprocessable, "signatures." + kind, "document.not_signed_here"_msg,
          "step {step} does not sign a {kind} document", {{"step", step->ref}, {"kind", kind}});
    }
  }
  JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(ctx.tx, ctx.actor));
  JUMYS_ASSIGN_OR_RETURN(const auto expected, ExpectedSigner(ctx, user));
  for (const auto& kind : kinds) {
    if (Parties(kind)) {  // several signers: this one signs as the next party
      const std::string_view signature = signatures.For(kind);
      if (signature.empty()) {
        return FieldError(ErrorCode::kUnprocessable, "signatures." + kind,
                          "document.signature_missing"_msg,
                          "no signature for the {kind} document: the step signs each of its "
                          "documents (GET /api/v1/tasks/{task}/documents)",
                          {{"kind", kind}, {"task", std::to_string(ctx.task->id)}});
      }
      JUMYS_TRY(SignAsParty(ctx, kind, signature));
      continue;
    }
    JUMYS_ASSIGN_OR_RETURN(auto draft, storage::FindTaskDraftOfKind(ctx.tx, ctx.task->id, kind,
                                                                    /*with_content=*/false));
    if (!draft) {
      // A draft of another kind: the decision changed since it was made.
      JUMYS_ASSIGN_OR_RETURN(auto any, storage::FindDraftForTask(ctx.tx, ctx.task->id, false));
      if (!any) return fetch_first();
      return Error::Unprocessable("document.decision_changed"_msg,
                                  "the decision changed since the draft was made; fetch the "
                                  "document to sign first: GET /api/v1/tasks/{task}/document",
                                  task);
    }
    if (draft->status != "draft") return fetch_first();
    if (draft->signer_login != ctx.actor) {
      return Error::Unprocessable("document.other_signer"_msg,
                                  "the draft was prepared for another signer; fetch the "
                                  "document to sign first: GET /api/v1/tasks/{task}/document",
                                  task);
    }
    const std::string_view signature = signatures.For(kind);
    if (signature.empty()) {
      return FieldError(ErrorCode::kUnprocessable, "signatures." + kind,
                        "document.signature_missing"_msg,
                        "no signature for the {kind} document: the step signs each of its "
                        "documents (GET /api/v1/tasks/{task}/documents)",
                        {{"kind", kind}, {"task", std::to_string(ctx.task->id)}});
    }
    if (expected.first.empty() && expected.second.empty()) {
      return Error::Unprocessable("eds.account_without_iin"_msg,
                                  "your account has no IIN on record to match an EDS certificate");
    }
    std::optional<SignerIdentity> signer = TakePrechecked(draft->sha256, signature);
    if (signer) {
      JUMYS_TRY(CheckSignerMatches(*signer, expected.first, expected.second));
    } else {
      JUMYS_ASSIGN_OR_RETURN(auto file, storage::FindTaskDraftOfKind(ctx.tx, ctx.task->id, kind));
      if (!file) return fetch_first();
      JUMYS_ASSIGN_OR_RETURN(
          signer, Check(file->content, signature, expected.first, expected.second, ctx.now));
    }
    JUMYS_ASSIGN_OR_RETURN(auto der, DecodeSignature(signature));
    JUMYS_TRY(storage::SetDraftSignature(ctx.tx, draft->id, der, signer->iin));
    Event(ctx, "document.sign", *draft, {{"signer_iin", MaskId(signer->iin)}});
  }
  return {};
}

Expected<SignerIdentity> DocumentService::Impl::Check(std::string_view content,
                                                      std::string_view signature,
                                                      std::string_view iin, std::string_view bin,
                                                      Instant at) const {
  const auto trust = Trust();
  if (!trust) {
    return Error::Unprocessable(
        "eds.no_trust_store"_msg,
        "EDS signatures cannot be checked: no trust store is configured (serve --trust-root)");
  }
  JUMYS_ASSIGN_OR_RETURN(auto signer, VerifyDetachedSignature(*trust, content, signature, at));
  JUMYS_TRY(CheckSignerMatches(signer, iin, bin));
  return signer;
}

Expected<std::string> DocumentService::Impl::DecodeSignature(std::string_view signature) {
  auto der = Base64Decode(signature);
  if (!der) return std::string(signature);  // sent as raw DER
  return *der;
}

Expected<SignerIdentity> DocumentService::CheckSignature(std::string_view content,
                                                         std::string_view signature,
                                                         std::string_view iin, std::string_view bin,
                                                         Instant at) const {
  return impl_->Check(content, signature, iin, bin, at);
}

}  // namespace jumys::documents
