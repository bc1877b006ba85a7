#include "services/documents/document_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <set>
#include <unordered_map>

#include "core/base64.h"
#include "core/sha256.h"
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
#include "storage/repositories/delegation_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::documents {

namespace {

using Fields = std::map<std::string, std::string>;

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
    JUMYS_ASSIGN_OR_RETURN(impl->trust_files,
                           TrustFiles::Load(impl->options.trust_roots, impl->options.crls));
  }
  return std::unique_ptr<DocumentService>(new DocumentService(std::move(impl)));
}

Expected<bool> DocumentService::ReloadTrust(bool force) {
  if (!impl_->trust_files) return false;
  return impl_->trust_files->Reload(force);
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
