#pragma once
// DocumentService's private state, shared by its parts: drawing and issuing results
// (document_service.cpp), drawing the drafts a signing step signs (document_drafts.cpp),
// checking the signatures of those drafts (document_signature_check.cpp) and answering /verify
// (document_verification.cpp). Not for other modules: they use document_service.h.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rendering/document_templates.h"
#include "security/eds.h"
#include "services/documents/document_service.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys::documents {

struct DocumentService::Impl {
  using Fields = std::map<std::string, std::string>;

  storage::Database& db;
  const OfficeDirectory& offices;
  const ProcessCatalog& catalog;
  DocumentServiceOptions options;
  rendering::DocumentTemplates templates{};
  std::unique_ptr<TrustFiles> trust_files{};  // none: no trust roots configured
  std::shared_ptr<const TrustStore> Trust() const {
    return trust_files ? trust_files->Current() : nullptr;
  }
  std::map<std::string, FieldsFn, std::less<>> fields{};
  std::map<std::string, ValidityFn, std::less<>> validity{};
  std::map<std::string, std::string, std::less<>> signed_kinds{};  // "process/step/decided" -> kind
  // Signatures verified outside the write transaction, by "<digest of the bytes verified>/
  // <signature>": one completion claims its entry.
  std::mutex prechecked_mutex{};
  std::unordered_map<std::string, SignerIdentity> prechecked{};

  // Verifying a CMS signature is the dearest part of a signing step; done here, before the
  // write transaction, it runs in parallel instead of holding the one writer.
  void PrecheckSignature(std::int64_t task_id, const TaskSignatures& signatures, Instant now);
  std::optional<SignerIdentity> TakePrechecked(const std::string& sha256,
                                               std::string_view signature);

  // The kind of document a signing step signs: the decided result unless registered otherwise.
  std::string SignedKind(const std::string& process, const std::string& step,
                         const std::string& decided) const {
    auto it = signed_kinds.find(process + "/" + step + "/" + decided);
    return it == signed_kinds.end() ? decided : it->second;
  }

  // The documents a signing step signs, in its order: its `signs` kinds (a kind some outcome
  // decides only when it is the one decided), else the one SignedKind.
  static bool DecidedSomewhere(const ProcessDefinition& def, const std::string& kind) {
    for (const auto& step : def.steps) {
      for (const auto& o : step.outcomes) {
        if (o.decides && o.decides->kind == kind) return true;
      }
    }
    return false;
  }
  std::vector<std::string> SignedKinds(const ProcessDefinition& def, const Step& step,
                                       const std::string& decided) const {
    if (step.signs.empty()) return {SignedKind(def.code, step.id, decided)};
    std::vector<std::string> out;
    for (const auto& kind : step.signs) {
      if (kind == decided || !DecidedSomewhere(def, kind)) out.push_back(kind);
    }
    return out;
  }

  Expected<SigningTask> OpenSigningTask(storage::Tx& tx, const Actor& actor, std::int64_t task_id,
                                        Instant now);

  Expected<std::string> FullName(storage::Tx& tx, const std::string& login) {
    if (login == kSystemActor) return std::string("—");
    JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, login));
    return user ? user->full_name : login;
  }

  // The role a document is signed in when no signing task says: a staff member's first role,
  // or the system (for an applicant's own filing refused at intake).
  Expected<std::string> SignerRole(HookContext& ctx) {
    if (ctx.task && ctx.task->role) return std::string(RoleName(*ctx.task->role));
    if (ctx.actor == kSystemActor) return std::string("system");
    JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(ctx.tx, ctx.actor));
    if (!user || user->kind != "staff") return std::string("system");
    return user->roles.substr(0, user->roles.find(','));
  }

  // The values a document of `kind` may draw on, by source (reference/documents/README.md):
  // staff entries and the application's data from the engine, kept apart; the system's
  // computed here and by the kind's registered hook. `extra` are an effect's own (system).
  Expected<rendering::SourcedValues> Gather(HookContext& ctx, std::string_view kind,
                                            const std::string& signer, const std::string& role,
                                            const Fields& extra, const Fields* corrected);

  // A rendered, unsaved document of `kind` for the case in ctx.
  Expected<StoredDocument> Render(HookContext& ctx, std::string_view kind,
                                  const std::string& signer, const std::string& role,
                                  const std::vector<std::string>& grounds, const Fields& extra,
                                  std::string code = {}, bool eds = false,
                                  const Fields* corrected = nullptr);

  void Event(HookContext& ctx, const char* action, const StoredDocument& d,
             nlohmann::json extra = nlohmann::json::object()) {
    extra["kind"] = d.kind;
    extra["document"] = d.id;
    extra["sha256"] = d.sha256;
    ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, action, "case",
                          std::to_string(ctx.kase.id), ctx.kase.office_id, std::move(extra)});
  }

  Status Issue(HookContext& ctx, StoredDocument& d, const DocumentRow& registered);

  // issue_result's file: the signed draft of the kind if the case has one, else rendered now.
  Status StoreResult(HookContext& ctx, const DocumentRow& registered);

  // Each document the step signs: its draft (made for this signer, of the decision as it
  // stands) and its own signature, verified and kept with the draft.
  Status CheckTaskSignature(HookContext& ctx);

  Expected<SignerIdentity> Check(std::string_view content, std::string_view signature,
                                 std::string_view iin, std::string_view bin, Instant at) const;

  // Several signers (document_parties.cpp): the kind's parties in order, nullptr for a kind
  // one signer signs; the draft a later party's step signs (the first party's, signed), none
  // for the first party's step; and one party's signature over it, checked and kept.
  const std::vector<rendering::Signer>* Parties(std::string_view kind) const;
  Expected<std::optional<StoredDocument>> SharedDraft(storage::Tx& tx, const CaseRow& kase,
                                                      const std::string& role,
                                                      std::string_view kind, bool with_content);
  Status SignAsParty(HookContext& ctx, std::string_view kind, std::string_view signature);

  // What /verify says of an annulled or replaced document, and of a corrected one.
  static Status AddAnnulment(storage::Tx& tx, Verification& v);

  static Expected<std::string> DecodeSignature(std::string_view signature);
};

}  // namespace jumys::documents
