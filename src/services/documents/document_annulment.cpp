#include "services/documents/document_annulment.h"

#include <algorithm>
#include <set>

#include "core/base64.h"
#include "engine/acting.h"
#include "engine/case_results.h"
#include "engine/case_store.h"
#include "engine/case_values.h"
#include "engine/field_validation.h"
#include "engine/notifier.h"
#include "engine/store_field_lookups.h"
#include "services/documents/document_wording.h"
#include "storage/audit_log.h"
#include "storage/repositories/delegation_repository.h"
#include "storage/repositories/document_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::documents {

namespace {

using Fields = std::map<std::string, std::string>;

const nlohmann::json& NoData() {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  return kEmpty;
}

std::size_t Characters(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

Expected<std::string> CheckReason(std::string_view given) {
  std::string reason = Trimmed(given);
  if (reason.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "reason", "annulment.reason_required"_msg,
                      "give the reason the document is annulled or replaced");
  }
  if (Characters(reason) > kMaxReasonLength) {
    return FieldError(ErrorCode::kUnprocessable, "reason", "annulment.reason_too_long"_msg,
                      "the reason is longer than {max} characters",
                      {{"max", std::to_string(kMaxReasonLength)}});
  }
  return reason;
}

// The outcome that decided `kind` and declares fields: what the staff values were checked by.
const Outcome* DecidingOutcome(const ProcessDefinition& def, const std::string& kind) {
  for (const auto& step : def.steps) {
    for (const auto& o : step.outcomes) {
      if (o.decides && o.decides->kind == kind && !o.fields.fields.empty()) return &o;
    }
  }
  return nullptr;
}

std::string ValueText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  return v.dump();
}

// The staff values a document was drawn with: those entered in the case, or for a corrected
// document the values it was corrected to.
Expected<nlohmann::json> DrawnStaffValues(storage::Tx& tx, HookContext& ctx,
                                          std::int64_t document_id) {
  JUMYS_ASSIGN_OR_RETURN(const CaseValues entered, CollectCaseValues(ctx));
  nlohmann::json out = entered.staff;
  JUMYS_ASSIGN_OR_RETURN(auto corrected, storage::FindReplacementOf(tx, document_id));
  if (corrected) {
    const auto values = nlohmann::json::parse(corrected->corrected, nullptr, false);
    if (values.is_object()) {
      for (const auto& [k, v] : values.items()) out[k] = v;
    }
  }
  return out;
}

// When the case's result is the replaced registry document, it becomes the corrected one (its
// number and id). The row version moves, so a completion working from the row read before
// does not write the old result back.
Status PointResultAt(storage::Tx& tx, const CaseRow& kase, std::int64_t replaced_id,
                     std::int64_t corrected_id, const std::string& corrected_number) {
  if (!kase.result || kase.result->document_id != replaced_id) return {};
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT result FROM cases WHERE id = $1", {kase.id}));
  if (rows.empty() || rows.IsNull(0, 0)) return {};
  auto result = nlohmann::json::parse(rows.Text(0, 0));
  if (result.value("document_id", std::int64_t{0}) != replaced_id) return {};
  result["document_id"] = corrected_id;
  result["number"] = corrected_number;
  JUMYS_TRY(tx.Exec("UPDATE cases SET result = $1, row_version = row_version + 1 WHERE id = $2",
                    {result.dump(), kase.id}));
  return {};
}

std::string Base(const Notifier* notifier) {
  std::string base = notifier ? notifier->options().public_url : "";
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

}  // namespace

struct DocumentAnnulments::Loaded {
  ProcessCatalog::DefinitionPtr def;
  CaseRow kase;
  std::shared_ptr<const Office> office;
  StoredDocument doc;
  DocumentRow registry;
  ActingCapacity capacity;
  std::string actor_login;
  std::string actor_name;
};

// The record of `action` on the loaded document, by the loaded actor in their capacity.
storage::AnnulmentRow DocumentAnnulments::RowFor(const Loaded& l, const std::string& action,
                                                 const std::string& reason, Instant now) {
  storage::AnnulmentRow row;
  row.document_id = l.doc.id;
  row.case_id = l.kase.id;
  row.action = action;
  row.reason = reason;
  row.actor = l.actor_login;
  row.actor_name = l.actor_name;
  row.capacity = l.capacity.acting ? "acting" : "own";
  row.delegation_id = l.capacity.delegation_id;
  row.at = FormatRfc3339(now);
  return row;
}

DocumentAnnulments::DocumentAnnulments(storage::Database& db, const OfficeDirectory& offices,
                                       const ProcessCatalog& catalog, DocumentService& documents,
                                       const Notifier* notifier)
    : db_(db), offices_(offices), catalog_(catalog), documents_(documents), notifier_(notifier) {}

// The case's issued document in force, and the actor as its office's head (own or acting).
Expected<DocumentAnnulments::Loaded> DocumentAnnulments::Load(storage::Tx& tx, const Actor& actor,
                                                              std::int64_t case_id,
                                                              std::int64_t registry_id,
                                                              Instant now) {
  Loaded l;
  JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, case_id));
  if (!kase) return Error::NotFound("case.not_found"_msg, "no such case");
  JUMYS_ASSIGN_OR_RETURN(auto doc, storage::FindIssuedDocumentFile(tx, case_id, registry_id));
  JUMYS_ASSIGN_OR_RETURN(auto registry, FindDocument(tx, case_id, registry_id));
  if (!doc || !registry) return Error::NotFound("document.not_found"_msg, "no such document");
  const auto not_head = [] {
    return Error::Forbidden("annulment.not_head"_msg,
                            "only the head of the office that issued the document (or one acting "
                            "as head) annuls or replaces it");
  };
  if (actor.applicant || actor.office_id != kase->office_id) return not_head();
  JUMYS_ASSIGN_OR_RETURN(auto capacity, CapacityFor(tx, actor, Role::kHead, offices_, now));
  if (!capacity) return not_head();
  JUMYS_ASSIGN_OR_RETURN(auto annulment, storage::FindAnnulment(tx, doc->id));
  if (annulment) {
    return Error::Conflict("annulment.already"_msg, "the document is already annulled or replaced");
  }
  if (doc->status == "draft") {
    return Error::Conflict("annulment.not_issued"_msg, "a draft is not issued: nothing to annul");
  }
  if (doc->status != "issued") {
    return Error::Conflict("annulment.not_in_force"_msg,
                           "the document is no longer in force (superseded or annulled)");
  }
  l.office = offices_.Find(kase->office_id);
  if (!l.office) return Error::Internal("case office " + kase->office_id + " is not loaded");
  JUMYS_ASSIGN_OR_RETURN(l.def, catalog_.Find(kase->process, kase->version));
  l.kase = std::move(*kase);
  l.doc = std::move(*doc);
  l.registry = std::move(*registry);
  l.capacity = *capacity;
  l.actor_login = actor.login;
  JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, actor.login));
  l.actor_name = user ? user->full_name : actor.login;
  return l;
}

Status DocumentAnnulments::Notify(storage::Tx& tx, const Loaded& l, const std::string& name,
                                  std::map<std::string, std::string> values, Instant now) {
  if (!notifier_) return {};
  NotifySubject subject{*l.def, l.kase};
  subject.values = std::move(values);
  return notifier_->ToApplicant(tx, name, subject, now);
}

Expected<Annulment> DocumentAnnulments::Describe(storage::Tx& tx,
                                                 const storage::AnnulmentRow& row) {
  Annulment a;
  a.row = row;
  JUMYS_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT id, registry_id, number, kind, verification_code FROM documents "
                          "WHERE id = $1 OR id = $2",
                          {row.document_id, row.replacement_id}));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows.Int(i, 0) == row.document_id) {
      a.document_registry_id = rows.Int(i, 1);
      a.document_number = rows.Text(i, 2);
      a.document_kind = rows.Text(i, 3);
      a.document_code = rows.Text(i, 4);
    } else {
      a.replacement_registry_id = rows.Int(i, 1);
      a.replacement_number = rows.Text(i, 2);
      a.replacement_code = rows.Text(i, 4);
    }
  }
  return a;
}

Expected<Annulment> DocumentAnnulments::Annul(const Actor& actor, std::int64_t case_id,
                                              std::int64_t registry_id, std::string_view given,
                                              Instant now) {
  Annulment out;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(Loaded l, Load(tx, actor, case_id, registry_id, now));
    JUMYS_ASSIGN_OR_RETURN(const std::string reason, CheckReason(given));
    storage::AnnulmentRow row = RowFor(l, "annul", reason, now);
    JUMYS_ASSIGN_OR_RETURN(row.id, storage::InsertAnnulment(tx, row));
    JUMYS_TRY(storage::SetDocumentFileStatus(tx, l.doc.id, "annulled"));
    nlohmann::json data = {{"document", l.doc.id},
                           {"kind", l.doc.kind},
                           {"number", l.doc.number},
                           {"reason", reason},
                           {"capacity", row.capacity}};
    if (row.delegation_id != 0) data["delegation"] = row.delegation_id;
    JUMYS_TRY(storage::AppendAudit(
        tx, storage::AuditEvent{row.at, l.actor_login, "document.annul", "case",
                                std::to_string(case_id), l.kase.office_id, std::move(data)}));
    JUMYS_TRY(Notify(tx, l, "result_annulled",
                     {{"document_number", l.doc.number},
                      {"reason", reason},
                      {"verify_url", Base(notifier_) + "/verify/" + l.doc.verification_code}},
                     now));
    JUMYS_ASSIGN_OR_RETURN(out, Describe(tx, row));
    return {};
  }));
  return out;
}

Expected<DocumentAnnulments::Replacement> DocumentAnnulments::Replace(
    const Actor& actor, std::int64_t case_id, std::int64_t registry_id, std::string_view given,
    const nlohmann::json& values, Instant now) {
  if (!values.is_object()) {
    return FieldError(ErrorCode::kInvalidInput, "values", "field.not_object"_msg,
                      "must be an object");
  }
  // Checked and drawn in a read snapshot (rendering is the dear part); stored in a write that
  // checks again that nothing was annulled or replaced meanwhile.
  Replacement out;
  std::string reason;
  nlohmann::json corrected_json = nlohmann::json::object();
  storage::DocumentSignerRow signer;
  bool with_eds = false;
  // The corrected document's own registry number, printed on it: reserved once the request has
  // been checked, before it is drawn (the first pass checks, the second draws).
  std::string reserved;
  const auto check_and_draw = [&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(Loaded l, Load(tx, actor, case_id, registry_id, now));
    JUMYS_ASSIGN_OR_RETURN(reason, CheckReason(given));
    const std::vector<std::string> staff = documents_.StaffFields(l.doc.kind);
    std::vector<ErrorDetail> problems;
    for (const auto& [name, unused] : values.items()) {
      if (std::find(staff.begin(), staff.end(), name) == staff.end()) {
        problems.push_back({"values." + name,
                            "annulment.not_staff_field"_msg,
                            "only the document's staff fields may be corrected",
                            {}});
      }
    }
    if (!problems.empty()) {
      Error e = Error::Unprocessable("annulment.not_staff_field"_msg,
                                     "only the document's staff fields may be corrected");
      e.details = std::move(problems);
      return e;
    }
    std::vector<storage::AuditEvent> unused_events;
    HookContext ctx{*l.def,        l.kase, nullptr,   nullptr, NoData(),
                    l.actor_login, now,    *l.office, tx,      unused_events};
    JUMYS_ASSIGN_OR_RETURN(const nlohmann::json entered, DrawnStaffValues(tx, ctx, l.doc.id));
    // The corrected values over those entered, checked as the step that took them checks them.
    if (const Outcome* outcome = DecidingOutcome(*l.def, l.doc.kind)) {
      nlohmann::json merged = nlohmann::json::object();
      for (const auto& f : outcome->fields.fields) {
        if (std::find(staff.begin(), staff.end(), f.name) == staff.end()) continue;
        if (values.contains(f.name)) {
          merged[f.name] = values[f.name];
        } else if (entered.contains(f.name)) {
          merged[f.name] = entered[f.name];
        }
      }
      DataSpec spec;
      spec.lists.push_back(&outcome->fields);
      StoreFieldLookups lookups(offices_, tx);
      JUMYS_ASSIGN_OR_RETURN(auto bad,
                             CheckData(spec, merged, OfficeDate(*l.office, now), lookups));
      for (auto& d : bad) {
        if (d.field.rfind("data.", 0) == 0) d.field = "values." + d.field.substr(5);
      }
      if (!bad.empty()) {
        Error e = Error::Unprocessable("data.invalid"_msg, "the data is not valid");
        e.details = std::move(bad);
        return e;
      }
      corrected_json = merged;
    } else if (!values.empty()) {
      return Error::Unprocessable("annulment.not_staff_field"_msg,
                                  "only the document's staff fields may be corrected");
    }
    Fields corrected;
    for (const auto& [name, value] : corrected_json.items()) corrected[name] = ValueText(value);
    Fields position;
    signer.signer_name = l.actor_name;
    signer.role = "head";
    if (l.capacity.acting) {
      JUMYS_ASSIGN_OR_RETURN(auto delegator, storage::FindUserByLogin(tx, l.capacity.acting_for));
      const auto texts = ActingPosition("head", l.office->oblast_level,
                                        delegator ? delegator->full_name : l.capacity.acting_for,
                                        l.capacity.starts_on, l.capacity.ends_on);
      position["signer_position_kk"] = texts[0];
      position["signer_position_ru"] = texts[1];
      signer.capacity = "acting";
      signer.delegation_id = l.capacity.delegation_id;
    }
    if (reserved.empty()) return {};
    position["document_number"] = reserved;
    with_eds = !l.doc.signature.empty();
    // The grounds the original cited (an intake refusal keeps them with its registry entry).
    if (l.registry.data.is_object() && l.registry.data.contains("grounds")) {
      l.kase.grounds = l.registry.data.value("grounds", l.kase.grounds);
    }
    // The corrected values are raw ("YYYY-MM-DD"); the renderer prints them its own way.
    JUMYS_ASSIGN_OR_RETURN(
        out.document, documents_.DrawCorrected(ctx, l.doc.kind, l.actor_login, "head", position,
                                               corrected, with_eds));
    return {};
  };
  JUMYS_TRY(db_.Read(check_and_draw));
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(Loaded l, Load(tx, actor, case_id, registry_id, now));
    std::vector<storage::AuditEvent> events;
    HookContext ctx{*l.def,        l.kase, nullptr,   nullptr, NoData(),
                    l.actor_login, now,    *l.office, tx,      events};
    JUMYS_ASSIGN_OR_RETURN(reserved,
                           ReserveResultNumber(ctx, l.doc.kind, {{"replaces", l.doc.id}}));
    return storage::AppendAudit(tx, events);
  }));
  JUMYS_TRY(db_.Read(check_and_draw));
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(Loaded l, Load(tx, actor, case_id, registry_id, now));
    StoredDocument& d = out.document;
    if (with_eds) {
      d.status = "draft";
      JUMYS_ASSIGN_OR_RETURN(d.id, storage::InsertDocumentFile(tx, d));
      signer.document_id = d.id;
      JUMYS_TRY(storage::PutDocumentSigner(tx, signer));
      JUMYS_TRY(storage::InsertReplacementDraft(
          tx, {d.id, l.doc.id, reason, corrected_json.dump(), l.actor_login, FormatRfc3339(now)}));
      nlohmann::json data = {{"document", d.id},
                             {"kind", d.kind},
                             {"replaces", l.doc.id},
                             {"sha256", d.sha256},
                             {"corrected", corrected_json},
                             {"capacity", signer.capacity}};
      return storage::AppendAudit(
          tx,
          storage::AuditEvent{FormatRfc3339(now), l.actor_login, "document.replacement_draft",
                              "case", std::to_string(case_id), l.kase.office_id, std::move(data)});
    }
    // No EDS on the original: nothing to sign, the corrected one is issued now.
    Annulment a;
    d.id = 0;
    JUMYS_TRY(Issue(tx, l, d, reason, now, a));
    JUMYS_TRY(storage::InsertReplacementDraft(
        tx, {d.id, l.doc.id, reason, corrected_json.dump(), l.actor_login, FormatRfc3339(now)}));
    out.annulment = std::move(a);
    return {};
  }));
  out.document.content.clear();
  return out;
}

// Registers and issues the corrected document (a draft already stored, or a fresh file), marks
// the original replaced, and tells the applicant.
Status DocumentAnnulments::Issue(storage::Tx& tx, Loaded& l, StoredDocument& d,
                                 const std::string& reason, Instant now, Annulment& out) {
  std::vector<storage::AuditEvent> events;
  HookContext ctx{*l.def,        l.kase, nullptr,   nullptr, NoData(),
                  l.actor_login, now,    *l.office, tx,      events};
  DocumentRow registered;
  registered.case_id = l.kase.id;
  registered.kind = d.kind;
  // Issued under the number reserved for it and printed on it.
  if (!d.number.empty() && d.number != l.kase.number) {
    registered.number = d.number;
  } else {
    JUMYS_ASSIGN_OR_RETURN(registered.number, NextResultNumber(ctx));
  }
  registered.office_id = l.kase.office_id;
  registered.issued_at = FormatRfc3339(now);
  registered.issued_by = l.actor_login;
  registered.data = l.registry.data.is_object() ? l.registry.data : nlohmann::json::object();
  registered.data["replaces"] = l.doc.number;
  JUMYS_ASSIGN_OR_RETURN(registered.id, InsertDocument(tx, registered));
  d.registry_id = registered.id;
  d.number = registered.number;
  d.issued_at = registered.issued_at;
  d.issued_by = registered.issued_by;
  if (d.id == 0) {
    d.status = "issued";
    JUMYS_ASSIGN_OR_RETURN(d.id, storage::InsertDocumentFile(tx, d));
    JUMYS_TRY(storage::PutDocumentSigner(
        tx, {d.id, l.actor_name, "head", l.capacity.acting ? "acting" : "own",
             l.capacity.acting ? l.capacity.delegation_id : 0}));
  } else {
    JUMYS_TRY(
        storage::IssueDocumentFile(tx, d.id, d.registry_id, d.number, d.issued_at, d.issued_by));
  }
  storage::AnnulmentRow row = RowFor(l, "replace", reason, now);
  row.replacement_id = d.id;
  JUMYS_ASSIGN_OR_RETURN(row.id, storage::InsertAnnulment(tx, row));
  JUMYS_TRY(storage::SetDocumentFileStatus(tx, l.doc.id, "superseded"));
  JUMYS_TRY(PointResultAt(tx, l.kase, l.registry.id, registered.id, d.number));
  const std::string case_id = std::to_string(l.kase.id);
  events.push_back({row.at,
                    l.actor_login,
                    "document.issue",
                    "case",
                    case_id,
                    l.kase.office_id,
                    {{"kind", d.kind},
                     {"document", d.id},
                     {"sha256", d.sha256},
                     {"number", d.number},
                     {"code", d.verification_code},
                     {"signed", !d.signature.empty()}}});
  nlohmann::json data = {{"document", l.doc.id},    {"kind", l.doc.kind},  {"number", l.doc.number},
                         {"reason", reason},        {"replacement", d.id}, {"new_number", d.number},
                         {"capacity", row.capacity}};
  if (row.delegation_id != 0) data["delegation"] = row.delegation_id;
  events.push_back(
      {row.at, l.actor_login, "document.replace", "case", case_id, l.kase.office_id, data});
  JUMYS_TRY(storage::AppendAudit(tx, events));
  JUMYS_TRY(Notify(tx, l, "result_replaced",
                   {{"document_number", l.doc.number},
                    {"new_number", d.number},
                    {"reason", reason},
                    {"verify_url", Base(notifier_) + "/verify/" + d.verification_code}},
                   now));
  JUMYS_ASSIGN_OR_RETURN(out, Describe(tx, row));
  return {};
}

Expected<StoredDocument> DocumentAnnulments::ReplacementDraft(const Actor& actor,
                                                              std::int64_t case_id,
                                                              std::int64_t registry_id,
                                                              Instant now) {
  StoredDocument out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(Loaded l, Load(tx, actor, case_id, registry_id, now));
    JUMYS_ASSIGN_OR_RETURN(auto pending, storage::FindReplacementDraft(tx, l.doc.id));
    std::optional<StoredDocument> draft;
    if (pending) {
      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT verification_code FROM documents WHERE "
                                                 "id = $1 AND status = 'draft'",
                                                 {pending->draft_id}));
      if (!rows.empty()) {
        JUMYS_ASSIGN_OR_RETURN(draft, storage::FindDocumentFileByCode(tx, rows.Text(0, 0)));
      }
    }
    if (!draft || draft->signer_login != actor.login) {
      return Error::Unprocessable(
          "annulment.prepare_first"_msg,
          "no replacement draft of yours waits for this document: prepare one first");
    }
    out = std::move(*draft);
    return {};
  }));
  return out;
}

Expected<Annulment> DocumentAnnulments::SignReplacement(const Actor& actor, std::int64_t case_id,
                                                        std::int64_t registry_id,
                                                        std::string_view signature, Instant now) {
  if (signature.empty()) {
    return FieldError(ErrorCode::kUnprocessable, "signature", "field.required"_msg, "is required");
  }
  // The draft the head fetched, read first so the CMS check runs outside the writer.
  JUMYS_ASSIGN_OR_RETURN(StoredDocument draft, ReplacementDraft(actor, case_id, registry_id, now));
  std::string iin;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, actor.login));
    if (user) iin = user->iin;
    return {};
  }));
  if (iin.empty()) {
    return Error::Unprocessable("eds.account_without_iin"_msg,
                                "your account has no IIN on record to match an EDS certificate");
  }
  // The same verifier as every signing step: chain, validity, key usage, CRL, the IIN.
  JUMYS_ASSIGN_OR_RETURN(auto signer,
                         documents_.CheckSignature(draft.content, signature, iin, "", now));
  auto der = Base64Decode(signature);
  const std::string stored = der ? *der : std::string(signature);
  Annulment out;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(Loaded l, Load(tx, actor, case_id, registry_id, now));
    JUMYS_ASSIGN_OR_RETURN(auto pending, storage::FindReplacementDraft(tx, l.doc.id));
    if (!pending || pending->draft_id != draft.id) {
      return Error::Conflict("annulment.draft_changed"_msg,
                             "another replacement draft was prepared meanwhile; fetch it again");
    }
    JUMYS_TRY(storage::SetDraftSignature(tx, draft.id, stored, signer.iin));
    JUMYS_TRY(storage::AppendAudit(tx, storage::AuditEvent{FormatRfc3339(now),
                                                           actor.login,
                                                           "document.sign",
                                                           "case",
                                                           std::to_string(case_id),
                                                           l.kase.office_id,
                                                           {{"kind", draft.kind},
                                                            {"document", draft.id},
                                                            {"sha256", draft.sha256},
                                                            {"signer_iin", MaskId(signer.iin)}}}));
    StoredDocument d = draft;
    d.signature = stored;
    d.content.clear();
    return Issue(tx, l, d, pending->reason, now, out);
  }));
  return out;
}

Expected<std::vector<Annulment>> DocumentAnnulments::List(std::int64_t case_id) {
  std::vector<Annulment> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, storage::ListCaseAnnulments(tx, case_id));
    for (const auto& row : rows) {
      JUMYS_ASSIGN_OR_RETURN(auto a, Describe(tx, row));
      out.push_back(std::move(a));
    }
    return {};
  }));
  return out;
}

Expected<std::vector<CorrectableDocument>> DocumentAnnulments::Documents(std::int64_t case_id) {
  std::vector<CorrectableDocument> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, case_id));
    if (!kase) return Error::NotFound("case.not_found"_msg, "no such case");
    JUMYS_ASSIGN_OR_RETURN(auto def, catalog_.Find(kase->process, kase->version));
    const auto office = offices_.Find(kase->office_id);
    if (!office) return Error::Internal("case office " + kase->office_id + " is not loaded");
    std::vector<storage::AuditEvent> unused;
    HookContext ctx{*def,      *kase,   nullptr, nullptr, NoData(), kase->created_by,
                    Instant{}, *office, tx,      unused};
    JUMYS_ASSIGN_OR_RETURN(auto annulments, storage::ListCaseAnnulments(tx, case_id));
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT id, registry_id, kind, number, status, signature IS NOT NULL "
                            "FROM documents WHERE case_id = $1 AND registry_id IS NOT NULL "
                            "ORDER BY id",
                            {case_id}));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CorrectableDocument c;
      const std::int64_t id = rows.Int(i, 0);
      c.registry_id = rows.Int(i, 1);
      c.kind = rows.Text(i, 2);
      c.number = rows.Text(i, 3);
      const std::string status = rows.Text(i, 4);
      c.signed_with_eds = rows.Bool(i, 5);
      c.state = status == "issued" ? "valid" : status;
      for (const auto& a : annulments) {
        if (a.document_id == id) c.state = a.action == "annul" ? "annulled" : "replaced";
      }
      const Outcome* outcome = DecidingOutcome(*def, c.kind);
      JUMYS_ASSIGN_OR_RETURN(const nlohmann::json entered, DrawnStaffValues(tx, ctx, id));
      for (const auto& name : documents_.StaffFields(c.kind)) {
        const Field* field = outcome ? outcome->fields.Find(name) : nullptr;
        if (!field) continue;
        c.fields.push_back({field, entered.contains(name) ? ValueText(entered[name]) : ""});
      }
      out.push_back(std::move(c));
    }
    return {};
  }));
  return out;
}

}  // namespace jumys::documents
