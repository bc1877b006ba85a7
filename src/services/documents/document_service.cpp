#include "services/documents/document_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <set>
#include <unordered_map>

#include "core/base64.h"
#include "core/sha256.h"
#include "engine/acting.h"
#include "engine/case_engine.h"
#include "engine/case_results.h"
#include "engine/case_store.h"
#include "engine/case_values.h"
#include "rendering/pdf_renderer.h"
#include "rendering/verification_code.h"
#include "security/eds.h"
#include "services/documents/document_service_impl.h"
#include "services/documents/document_wording.h"
#include "storage/audit_log.h"
#include "storage/repositories/annulment_repository.h"
#include "storage/repositories/delegation_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::documents {

namespace {

using Fields = std::map<std::string, std::string>;

Error NoDocumentWithCode() {
  return Error::NotFound("document.code_not_found"_msg, "no document with this code");
}

const nlohmann::json& NoData() {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  return kEmpty;
}

// Strings of a JSON object's scalar members (numbers printed as JSON writes them).
// A definition's `date` fields arrive as "YYYY-MM-DD"; a document prints them its own way.
void AddScalars(const nlohmann::json& obj, Fields& out) {
  if (!obj.is_object()) return;
  for (const auto& [key, value] : obj.items()) {
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      out[key] = text.size() == 10 && ParseDate(text) ? PrintedDate(text) : text;
    } else if (value.is_number()) {
      out[key] = value.dump();
    }
  }
}

}  // namespace

Expected<rendering::SourcedValues> DocumentService::Impl::Gather(
    HookContext& ctx, std::string_view kind, const std::string& signer, const std::string& role,
    const Fields& extra, const Fields* corrected) {
  rendering::SourcedValues v;
  JUMYS_ASSIGN_OR_RETURN(const CaseValues values, CollectCaseValues(ctx));
  AddScalars(values.staff, v.staff);
  // A corrected result (document_annulment.h): the head's values over those entered.
  if (corrected) AddScalars(nlohmann::json(*corrected), v.staff);
  AddScalars(values.application, v.application);
  Fields& f = v.system;
  const std::string today = FormatDate(OfficeDate(ctx.office, ctx.now));
  f["case_number"] = ctx.kase.number;
  f["issue_date"] = PrintedDate(today);
  f["office_name_kk"] = ctx.office.name_kk;
  f["office_name_ru"] = ctx.office.name_ru;
  JUMYS_ASSIGN_OR_RETURN(f["signer_name"], FullName(ctx.tx, signer));
  const auto [kk, ru] = Position(role, ctx.office.oblast_level);
  f["signer_position_kk"] = kk;
  f["signer_position_ru"] = ru;
  f["service_kk"] = ctx.def.title.kk;
  f["service_ru"] = ctx.def.title.ru;
  f["application_date"] = PrintedDate(ctx.kase.created_at.substr(0, 10));
  // The day the document is drawn on the office's clock; an effect's own (the receipt's
  // registration at 6.2) comes in `extra`.
  f["registration_date"] = PrintedDate(today);
  JUMYS_ASSIGN_OR_RETURN(f["clerk_name"], FullName(ctx.tx, ctx.kase.created_by));
  const std::string& id =
      ctx.kase.applicant_iin.empty() ? ctx.kase.applicant_bin : ctx.kase.applicant_iin;
  f["applicant_id"] = id;
  f["applicant_iin"] = ctx.kase.applicant_iin;
  if (!ctx.kase.applicant_iin.empty()) {
    JUMYS_ASSIGN_OR_RETURN(auto person, storage::FindPerson(ctx.tx, ctx.kase.applicant_iin));
    if (person) {
      std::string name = person->surname + " " + person->given_name;
      if (!person->patronymic.empty()) name += " " + person->patronymic;
      f["applicant_name"] = name;
    }
  } else {
    JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(ctx.tx, ctx.kase.applicant_bin));
    if (employer) {
      f["applicant_name"] = f["employer_name"] = employer->name;
      f["employer_bin"] = employer->bin;
    }
  }
  if (auto it = fields.find(kind); it != fields.end()) {
    JUMYS_ASSIGN_OR_RETURN(auto own, it->second(ctx));
    for (auto& [k, value] : own) f[k] = std::move(value);
  }
  for (const auto& [k, value] : extra) f[k] = value;
  return v;
}

Expected<StoredDocument> DocumentService::Impl::Render(HookContext& ctx, std::string_view kind,
                                                       const std::string& signer,
                                                       const std::string& role,
                                                       const std::vector<std::string>& grounds,
                                                       const Fields& extra, std::string code,
                                                       bool eds, const Fields* corrected) {
  const rendering::DocumentTemplate* tmpl = templates.Find(kind);
  if (!tmpl) {
    return Error::Unprocessable("document.no_template"_msg, "no document template for '{kind}'",
                                {{"kind", std::string(kind)}});
  }
  rendering::DocumentData data;
  data.kind = std::string(kind);
  JUMYS_ASSIGN_OR_RETURN(const rendering::SourcedValues values,
                         Gather(ctx, kind, signer, role, extra, corrected));
  const std::vector<std::string> listed = ctx.def.FromApplication(kind);
  data.fields =
      rendering::ResolveFields(*tmpl, values, std::set<std::string>(listed.begin(), listed.end()));
  if (tmpl->prints_grounds(data.fields)) {
    for (const auto& code_name : grounds) {
      const RefusalGround* g = ctx.def.FindGround(code_name);
      data.grounds_kk.push_back(g ? g->text.kk : code_name);
      data.grounds_ru.push_back(g ? g->text.ru : code_name);
    }
  }
  data.eds = eds;
  data.verification_code = code.empty() ? rendering::NewVerificationCode() : code;
  data.verification_url =
      rendering::VerificationUrl(options.public_base_url, data.verification_code);
  JUMYS_ASSIGN_OR_RETURN(auto pdf, rendering::RenderPdf(templates, data));
  StoredDocument d;
  d.case_id = ctx.kase.id;
  d.kind = data.kind;
  d.case_number = ctx.kase.number;
  // Its registry number when it has one (reserved for a draft); the case's until then.
  const auto numbered = values.system.find("document_number");
  d.number = numbered != values.system.end() && !numbered->second.empty() ? numbered->second
                                                                          : ctx.kase.number;
  d.office_id = ctx.office.id;
  d.verification_code = data.verification_code;
  d.sha256 = Sha256Hex(pdf);
  d.content = std::move(pdf);
  d.signer_login = signer;
  d.signer_role = role;
  d.applicant_id = values.system.at("applicant_id");
  d.created_at = FormatRfc3339(ctx.now);
  return d;
}

Status DocumentService::Impl::Issue(HookContext& ctx, StoredDocument& d,
                                    const DocumentRow& registered) {
  d.registry_id = registered.id;
  d.number = registered.number;
  d.issued_at = registered.issued_at;
  d.issued_by = registered.issued_by;
  d.status = "issued";
  if (d.id == 0) {
    JUMYS_ASSIGN_OR_RETURN(d.id, storage::InsertDocumentFile(ctx.tx, d));
    JUMYS_ASSIGN_OR_RETURN(auto name, FullName(ctx.tx, d.signer_login));
    JUMYS_TRY(storage::PutDocumentSigner(ctx.tx, {d.id, name, d.signer_role, "own", 0}));
  } else {
    JUMYS_TRY(storage::IssueDocumentFile(ctx.tx, d.id, d.registry_id, d.number, d.issued_at,
                                         d.issued_by));
  }
  Event(ctx, "document.issue", d,
        {{"number", d.number}, {"code", d.verification_code}, {"signed", !d.signature.empty()}});
  return {};
}

Status DocumentService::Impl::StoreResult(HookContext& ctx, const DocumentRow& registered) {
  JUMYS_ASSIGN_OR_RETURN(auto draft,
                         storage::FindSignedDraft(ctx.tx, ctx.kase.id, registered.kind));
  if (draft) return Issue(ctx, *draft, registered);
  if (!templates.Find(registered.kind)) return {};  // a result with no printed form
  JUMYS_ASSIGN_OR_RETURN(const std::string role, SignerRole(ctx));
  const std::string signer = role == "system" ? std::string(kSystemActor) : ctx.actor;
  auto grounds = registered.data.value("grounds", std::vector<std::string>{});
  auto rendered =
      Render(ctx, registered.kind, signer, role, grounds, {{"document_number", registered.number}});
  if (!rendered) {
    // The result stands (it is the legal outcome); its file waits for the missing values.
    if (rendered.error().code != ErrorCode::kUnprocessable) return rendered.error();
    spdlog::warn(R"({{"name":"document_not_rendered","case":{},"kind":"{}","error":{}}})",
                 ctx.kase.id, registered.kind, nlohmann::json(rendered.error().message).dump());
    return {};
  }
  return Issue(ctx, *rendered, registered);
}

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

DocumentService::DocumentService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DocumentService::~DocumentService() = default;

Expected<std::unique_ptr<DocumentService>> DocumentService::Create(storage::Database& db,
                                                                   const OfficeDirectory& offices,
                                                                   const ProcessCatalog& catalog,
                                                                   DocumentServiceOptions options) {
  auto impl = std::unique_ptr<Impl>(new Impl{db, offices, catalog, std::move(options)});
  JUMYS_ASSIGN_OR_RETURN(impl->templates,
                         rendering::LoadDocumentTemplates(impl->options.templates_dir));
  if (!impl->options.trust_roots.empty()) {
    JUMYS_ASSIGN_OR_RETURN(auto trust,
                           TrustStore::Load(impl->options.trust_roots, impl->options.crls));
    impl->trust = std::move(trust);
  }
  return std::unique_ptr<DocumentService>(new DocumentService(std::move(impl)));
}

void DocumentService::Install(CaseHooks& hooks) {
  Impl* impl = impl_.get();
  hooks.SetDocuments(DocumentHooks{
      [impl](HookContext& ctx) { return impl->CheckTaskSignature(ctx); },
      [impl](HookContext& ctx, const DocumentRow& doc) { return impl->StoreResult(ctx, doc); },
      [this](HookContext& ctx, std::string_view kind,
             const Fields& fields) -> Expected<std::int64_t> {
        JUMYS_ASSIGN_OR_RETURN(auto doc, IssueCaseDocument(ctx, kind, fields));
        return doc.registry_id;
      },
      [impl](std::int64_t task_id, const TaskSignatures& signatures, Instant now) {
        impl->PrecheckSignature(task_id, signatures, now);
      }});
}

void DocumentService::RegisterFields(std::string kind, FieldsFn fn) {
  impl_->fields[std::move(kind)] = std::move(fn);
}

void DocumentService::RegisterSignedKind(const std::string& process, const std::string& step,
                                         const std::string& decided, std::string kind) {
  impl_->signed_kinds[process + "/" + step + "/" + decided] = std::move(kind);
}

void DocumentService::RegisterValidity(std::string kind, ValidityFn fn) {
  impl_->validity[std::move(kind)] = std::move(fn);
}

Expected<StoredDocument> DocumentService::IssueCaseDocument(HookContext& ctx, std::string_view kind,
                                                            const Fields& fields) {
  // A draft of this kind signed earlier in the case is what is issued; else it is drawn now.
  JUMYS_ASSIGN_OR_RETURN(auto draft,
                         storage::FindSignedDraft(ctx.tx, ctx.kase.id, std::string(kind)));
  StoredDocument d;
  DocumentRow registered;
  if (draft) {
    d = std::move(*draft);
    // Issued under the number reserved for the draft and printed on it.
    if (d.number != ctx.kase.number) registered.number = d.number;
  }
  if (registered.number.empty()) {
    JUMYS_ASSIGN_OR_RETURN(registered.number, NextResultNumber(ctx));
  }
  if (!draft) {
    JUMYS_ASSIGN_OR_RETURN(const std::string role, impl_->SignerRole(ctx));
    const std::string signer = role == "system" ? std::string(kSystemActor) : ctx.actor;
    Fields with_number = fields;
    with_number["document_number"] = registered.number;
    JUMYS_ASSIGN_OR_RETURN(d, impl_->Render(ctx, kind, signer, role, {}, with_number));
  }
  registered.case_id = ctx.kase.id;
  registered.kind = d.kind;
  registered.office_id = ctx.office.id;
  registered.issued_at = FormatRfc3339(ctx.now);
  registered.issued_by = ctx.actor;
  registered.data = nlohmann::json::object();
  JUMYS_ASSIGN_OR_RETURN(registered.id, InsertDocument(ctx.tx, registered));
  JUMYS_TRY(impl_->Issue(ctx, d, registered));
  return d;
}

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
  JUMYS_TRY(MayComplete(effective, *kase, *task, *out.step));
  if (!task->open() || !kase->open()) {
    return Error::Conflict("task.not_open"_msg, "the task is no longer open");
  }
  if (out.step->signers.empty()) {
    return Error::Unprocessable("task.not_signed"_msg, "step {step} is not signed with EDS",
                                {{"step", out.step->ref}});
  }
  if (!kase->decided) {
    return Error::Unprocessable("document.nothing_decided"_msg,
                                "no result has been decided to sign yet");
  }
  out.kinds = SignedKinds(*out.def, *out.step, kase->decided->kind);
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

Expected<StoredDocument> DocumentService::CaseDocument(std::int64_t case_id,
                                                       std::int64_t registry_id) {
  std::optional<StoredDocument> found;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(found, storage::FindIssuedDocumentFile(tx, case_id, registry_id));
    return {};
  }));
  if (!found) return Error::NotFound("document.not_found"_msg, "no such document");
  return std::move(*found);
}

Expected<std::vector<StoredDocument>> DocumentService::ListCaseDocuments(std::int64_t case_id) {
  std::vector<StoredDocument> out;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, storage::ListIssuedDocumentFiles(tx, case_id));
    return {};
  }));
  return out;
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
  if (intact && !v.doc.signature.empty() && impl_->trust) {
    // The signature covers the bytes too: a file and digest changed together still fail it.
    // Only a broken signature or other content counts: the certificate was checked when it
    // signed, and a later revocation does not alter the document.
    auto signed_at = ParseRfc3339(v.doc.issued_at.empty() ? v.doc.created_at : v.doc.issued_at);
    if (!signed_at) return Error::Internal("document " + std::to_string(v.doc.id) + ": bad date");
    auto checked =
        VerifyDetachedSignature(*impl_->trust, v.doc.content, v.doc.signature, *signed_at);
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

bool DocumentService::HasPrintedForm(std::string_view kind) const {
  return impl_->templates.Find(kind) != nullptr;
}

std::vector<std::string> DocumentService::StaffFields(std::string_view kind) const {
  std::vector<std::string> out;
  if (const auto* tmpl = impl_->templates.Find(kind)) {
    for (const auto& [name, spec] : tmpl->fields) {
      if (spec.source == rendering::FieldSource::kStaff) out.push_back(name);
    }
  }
  return out;
}

Expected<StoredDocument> DocumentService::DrawCorrected(HookContext& ctx, std::string_view kind,
                                                        const std::string& signer,
                                                        const std::string& role,
                                                        const Fields& system,
                                                        const Fields& corrected, bool eds) {
  return impl_->Render(ctx, kind, signer, role, ctx.kase.grounds, system, {}, eds, &corrected);
}

}  // namespace jumys::documents
