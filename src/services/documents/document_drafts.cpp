// The drafts a signing step signs: which kinds a step signs, and each drawn for the signer in
// the capacity they sign in (own role or acting), under a registry number reserved once.
#include <algorithm>

#include "engine/acting.h"
#include "engine/case_engine.h"
#include "engine/case_relations.h"
#include "engine/case_results.h"
#include "engine/case_store.h"
#include "services/documents/document_service.h"
#include "services/documents/document_service_impl.h"
#include "services/documents/document_wording.h"
#include "storage/audit_log.h"
#include "storage/repositories/delegation_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::documents {

namespace {

using Fields = std::map<std::string, std::string>;

const nlohmann::json& NoData() {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  return kEmpty;
}

}  // namespace

Expected<DocumentService::SigningTask> DocumentService::Impl::OpenSigningTask(storage::Tx& tx,
                                                                              const Actor& actor,
                                                                              std::int64_t task_id,
                                                                              Instant now) {
  SigningTask out;
  JUMYS_ASSIGN_OR_RETURN(auto task, FindTask(tx, task_id));
  if (!task) return Error::NotFound("task.not_found"_msg, "no such task");
  JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, task->case_id));
  if (!kase) return Error::Internal("task " + std::to_string(task_id) + " has no case");
  JUMYS_ASSIGN_OR_RETURN(out.def, catalog.Find(kase->process, kase->version));
  out.step = out.def->FindStep(task->step);
  if (!out.step) return Error::Internal(kase->process + " has no step '" + task->step + "'");
  // An acting head signs the head's task while the delegation is in force.
  JUMYS_ASSIGN_OR_RETURN(const Actor effective, WithDelegatedRoles(tx, actor, offices, now));
  JUMYS_ASSIGN_OR_RETURN(auto employer_parties, EmployerParties(tx, kase->id));
  JUMYS_TRY(MayComplete(effective, *kase, *task, *out.step, employer_parties));
  if (!task->open() || !kase->open()) {
    return Error::Conflict("task.not_open"_msg, "the task is no longer open");
  }
  if (out.step->signers.empty()) {
    return Error::Unprocessable("task.not_signed"_msg, "step {step} is not signed with EDS",
                                {{"step", out.step->ref}});
  }
  // A step that `signs:` a kind no outcome decides (a contract) needs no decision.
  if (!kase->decided && out.step->signs.empty()) {
    return Error::Unprocessable("document.nothing_decided"_msg,
                                "no result has been decided to sign yet");
  }
  out.kinds = SignedKinds(*out.def, *out.step, kase->decided ? kase->decided->kind : "");
  out.task = std::move(*task);
  out.kase = std::move(*kase);
  return out;
}

Expected<std::vector<DocumentService::DraftToSign>> DocumentService::DraftsToSign(
    const Actor& actor, std::int64_t task_id, Instant now) {
  std::vector<DraftToSign> out;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto signing, impl_->OpenSigningTask(tx, actor, task_id, now));
    for (const auto& kind : signing.kinds) {
      DraftToSign d;
      d.kind = kind;
      if (const auto* tmpl = impl_->templates.Find(kind)) {
        d.title_kk = PlainTitle(tmpl->title.kk);
        d.title_ru = PlainTitle(tmpl->title.ru);
      }
      d.title_en = EnglishTitle(kind);
      out.push_back(std::move(d));
    }
    return {};
  }));
  return out;
}

Expected<StoredDocument> DocumentService::DraftForTask(const Actor& actor, std::int64_t task_id,
                                                       Instant now, std::string_view wanted) {
  // Checked and drawn in a read snapshot, so the PDF is not rendered while holding the writer;
  // stored afterwards only if the case has not moved meanwhile.
  StoredDocument out;
  storage::DocumentSignerRow signer;  // who draws it, in what capacity
  Fields position;                    // the signer's position when acting, the number
  bool stored = false;
  std::int64_t case_version = 0;
  std::string kind;
  // The registry number printed on the draft: reserved once, before it is first drawn (and so
  // kept when it is drawn again); the result is issued under it (ReservedNumber).
  std::string reserved;
  bool needs_number = false;
  const auto draw = [&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto signing, impl_->OpenSigningTask(tx, actor, task_id, now));
    if (signing.kinds.empty()) {
      return Error::Unprocessable("document.nothing_decided"_msg,
                                  "no result has been decided to sign yet");
    }
    kind = wanted.empty() ? signing.kinds.front() : std::string(wanted);
    if (std::find(signing.kinds.begin(), signing.kinds.end(), kind) == signing.kinds.end()) {
      return FieldError(ErrorCode::kUnprocessable, "kind", "document.not_signed_here"_msg,
                        "step {step} does not sign a {kind} document",
                        {{"step", signing.step->ref}, {"kind", kind}});
    }
    const ProcessDefinition* def = signing.def.get();
    const TaskRow* task = &signing.task;
    const CaseRow* kase = &signing.kase;
    // A later party of a document several sign gets the bytes the first party signed.
    JUMYS_ASSIGN_OR_RETURN(auto shared, impl_->SharedDraft(tx, *kase, RoleName(*task->role), kind,
                                                           /*with_content=*/true));
    if (shared) {
      out = std::move(*shared);
      stored = true;
      return {};
    }
    JUMYS_ASSIGN_OR_RETURN(auto capacity, CapacityFor(tx, actor, *task->role, impl_->offices, now));
    if (!capacity) return Error::Internal("task " + std::to_string(task_id) + ": no capacity");
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindTaskDraftOfKind(tx, task_id, kind));
    if (existing && existing->signer_login == actor.login) {
      JUMYS_ASSIGN_OR_RETURN(auto recorded, storage::FindDocumentSigner(tx, existing->id));
      // Drawn in another capacity (acting then, own now, or another delegation): draw again.
      // A draft from before signers were recorded was drawn in the signer's own role.
      if ((recorded ? recorded->delegation_id : 0) == capacity->delegation_id) {
        out = std::move(*existing);
        stored = true;
        return {};
      }
    }
    if (existing && existing->number != kase->number) reserved = existing->number;
    if (reserved.empty()) {
      needs_number = true;
      return {};
    }
    needs_number = false;
    position["document_number"] = reserved;
    auto office = impl_->offices.Find(kase->office_id);
    if (!office) return Error::Internal("case office " + kase->office_id + " is not loaded");
    std::vector<storage::AuditEvent> unused;
    CaseRow copy = *kase;
    HookContext ctx{*def, copy, task, nullptr, NoData(), actor.login, now, *office, tx, unused};
    signer.document_id = 0;
    JUMYS_ASSIGN_OR_RETURN(signer.signer_name, impl_->FullName(tx, actor.login));
    signer.role = RoleName(*task->role);
    if (capacity->acting) {
      JUMYS_ASSIGN_OR_RETURN(auto delegator, impl_->FullName(tx, capacity->acting_for));
      const auto texts = ActingPosition(signer.role, office->oblast_level, delegator,
                                        capacity->starts_on, capacity->ends_on);
      position["signer_position_kk"] = texts[0];
      position["signer_position_ru"] = texts[1];
      signer.capacity = "acting";
      signer.delegation_id = capacity->delegation_id;
    }
    JUMYS_ASSIGN_OR_RETURN(
        out, impl_->Render(ctx, kind, actor.login, signer.role, kase->grounds, position,
                           existing ? existing->verification_code : "", /*eds=*/true));
    out.task_id = task_id;
    out.status = "draft";
    out.id = existing ? existing->id : 0;
    case_version = kase->row_version;
    return {};
  };
  JUMYS_TRY(impl_->db.Read(draw));
  if (needs_number) {
    // Reserved in a write of its own; the event accounts for it should the draft never be issued.
    JUMYS_TRY(impl_->db.Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(auto task, FindTask(tx, task_id));
      if (!task || !task->open()) {
        return Error::Conflict("task.not_open"_msg, "the task is no longer open");
      }
      JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, task->case_id));
      if (!kase) return Error::Internal("task " + std::to_string(task_id) + " has no case");
      JUMYS_ASSIGN_OR_RETURN(auto def, impl_->catalog.Find(kase->process, kase->version));
      auto office = impl_->offices.Find(kase->office_id);
      if (!office) return Error::Internal("case office " + kase->office_id + " is not loaded");
      std::vector<storage::AuditEvent> events;
      HookContext ctx{*def,        *kase, &*task,  nullptr, NoData(),
                      actor.login, now,   *office, tx,      events};
      JUMYS_ASSIGN_OR_RETURN(reserved, ReserveResultNumber(ctx, kind, {{"task", task_id}}));
      return storage::AppendAudit(tx, events);
    }));
    JUMYS_TRY(impl_->db.Read(draw));
  }
  if (stored) return out;
  JUMYS_TRY(impl_->db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, out.case_id));
    JUMYS_ASSIGN_OR_RETURN(auto task, FindTask(tx, task_id));
    if (!kase || !task || kase->row_version != case_version || !task->open()) {
      return Error::Conflict("document.case_changed"_msg,
                             "the case changed meanwhile; fetch the document again");
    }
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindTaskDraftOfKind(tx, task_id, kind, false));
    if (existing && existing->id != out.id) {
      return Error::Conflict("document.draft_made_meanwhile"_msg,
                             "the draft was made meanwhile; fetch the document again");
    }
    if (existing) {
      JUMYS_TRY(storage::ReplaceDraft(tx, out));
    } else {
      JUMYS_ASSIGN_OR_RETURN(out.id, storage::InsertDocumentFile(tx, out));
    }
    signer.document_id = out.id;
    JUMYS_TRY(storage::PutDocumentSigner(tx, signer));
    std::vector<storage::AuditEvent> events;
    events.push_back({FormatRfc3339(now),
                      actor.login,
                      "document.draft",
                      "case",
                      std::to_string(kase->id),
                      kase->office_id,
                      {{"kind", out.kind},
                       {"document", out.id},
                       {"sha256", out.sha256},
                       {"task", task_id},
                       {"capacity", signer.capacity}}});
    if (signer.delegation_id != 0) events.back().data["delegation"] = signer.delegation_id;
    return storage::AppendAudit(tx, events);
  }));
  return out;
}

}  // namespace jumys::documents
