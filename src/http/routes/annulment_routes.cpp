// A wrongly issued result annulled or replaced by a corrected one, by the head of the office
// that owns the case (services/documents/document_annulment.h, docs/ANNULMENT.md).
#include "engine/case_results.h"
#include "http/api.h"
#include "http/document_http.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/documents/document_annulment.h"

namespace jumys::http {

namespace {

using documents::Annulment;

// Whoever may hold the head's role by a delegation (engine/acting.h); the service admits only
// the head of the case's office, own or acting (403 annulment.not_head for anyone else).
const RoleSet kCorrectors = {Role::kOfficeClerk,        Role::kHead,
                             Role::kExecutor,           Role::kEmploymentSpecialist,
                             Role::kEmployerSpecialist, Role::kUnitHead};
const RoleSet kReaders = {Role::kJobSeeker,          Role::kEmployer,
                          Role::kOfficeClerk,        Role::kHead,
                          Role::kExecutor,           Role::kEmploymentSpecialist,
                          Role::kEmployerSpecialist, Role::kUnitHead};
constexpr std::size_t kMaxSignature = 64 * 1024;
constexpr std::size_t kMaxReasonBytes = 4 * documents::kMaxReasonLength;

nlohmann::json DocumentLink(std::int64_t case_id, std::int64_t registry_id,
                            const std::string& number, const std::string& code) {
  if (registry_id == 0) return nullptr;
  return {{"id", registry_id},
          {"number", number},
          {"url", DocumentUrl(case_id, registry_id)},
          {"verify_url", "/verify/" + code}};
}

nlohmann::json AnnulmentJson(const Annulment& a) {
  const auto& r = a.row;
  return {{"id", r.id},
          {"action", r.action},
          {"reason", r.reason},
          {"by", {{"login", r.actor}, {"name", r.actor_name}, {"capacity", r.capacity}}},
          {"at", r.at},
          {"document",
           DocumentLink(r.case_id, a.document_registry_id, a.document_number, a.document_code)},
          {"kind", a.document_kind},
          {"replacement", DocumentLink(r.case_id, a.replacement_registry_id, a.replacement_number,
                                       a.replacement_code)}};
}

struct Target {
  std::int64_t case_id = 0;
  std::int64_t doc_id = 0;
};
Expected<Target> PathTarget(const HttpRequest& request) {
  Target t;
  JUMYS_ASSIGN_OR_RETURN(t.case_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(t.doc_id, PathId(request, "doc_id"));
  return t;
}

Expected<std::string> Reason(const nlohmann::json& body) {
  JUMYS_ASSIGN_OR_RETURN(auto reason, OptionalString(body, "reason", kMaxReasonBytes));
  return reason.value_or("");
}

Expected<HttpResponse> PostAnnul(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto t, PathTarget(request));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto reason, Reason(body));
  JUMYS_ASSIGN_OR_RETURN(auto a,
                         ctx.annulments->Annul(actor, t.case_id, t.doc_id, reason, ctx.clock()));
  return JsonResponse(201, AnnulmentJson(a));
}

Expected<HttpResponse> PostReplace(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto t, PathTarget(request));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto reason, Reason(body));
  const nlohmann::json values = body.value("values", nlohmann::json::object());
  JUMYS_ASSIGN_OR_RETURN(
      auto r, ctx.annulments->Replace(actor, t.case_id, t.doc_id, reason, values, ctx.clock()));
  const std::string base = "/api/v1/cases/" + std::to_string(t.case_id) + "/documents/" +
                           std::to_string(t.doc_id) + "/replacement";
  nlohmann::json j;
  if (r.annulment) {
    j = AnnulmentJson(*r.annulment);
    j["status"] = "issued";
    j["signed"] = false;
  } else {
    j = {{"status", "draft"},
         {"kind", r.document.kind},
         {"sha256", r.document.sha256},
         {"draft_url", base},
         {"sign_url", base + "/sign"}};
  }
  return JsonResponse(201, j);
}

Expected<HttpResponse> GetReplacementDraft(ApiContext& ctx, HttpRequest& request,
                                           const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto t, PathTarget(request));
  JUMYS_ASSIGN_OR_RETURN(auto draft,
                         ctx.annulments->ReplacementDraft(actor, t.case_id, t.doc_id, ctx.clock()));
  return PdfResponse(draft);
}

Expected<HttpResponse> PostSignReplacement(ApiContext& ctx, HttpRequest& request,
                                           const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto t, PathTarget(request));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto signature, OptionalString(body, "signature", kMaxSignature));
  JUMYS_ASSIGN_OR_RETURN(
      auto a, ctx.annulments->SignReplacement(actor, t.case_id, t.doc_id, signature.value_or(""),
                                              ctx.clock()));
  nlohmann::json j = AnnulmentJson(a);
  j["status"] = "issued";
  j["signed"] = true;
  return JsonResponse(201, j);
}

Expected<HttpResponse> GetAnnulments(ApiContext& ctx, HttpRequest& request, const Actor&) {
  JUMYS_ASSIGN_OR_RETURN(auto case_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto list, ctx.annulments->List(case_id));
  JUMYS_ASSIGN_OR_RETURN(auto docs, ctx.annulments->Documents(case_id));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : list) items.push_back(AnnulmentJson(a));
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& d : docs) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : d.fields) {
      nlohmann::json field = {
          {"name", f.field->name},
          {"type", FieldTypeName(f.field->type)},
          {"required", f.field->required},
          {"label",
           {{"kk", f.field->label.kk}, {"ru", f.field->label.ru}, {"en", f.field->label.en}}},
          {"value", f.value}};
      if (f.field->max_length) field["max_length"] = *f.field->max_length;
      fields.push_back(std::move(field));
    }
    documents.push_back({{"id", d.registry_id},
                         {"kind", d.kind},
                         {"number", d.number},
                         {"state", d.state},
                         {"signed", d.signed_with_eds},
                         {"staff_fields", std::move(fields)}});
  }
  return JsonResponse(200, {{"items", items}, {"documents", documents}});
}

nlohmann::json ReasonProperty() {
  return {{"type", "string"},
          {"maxLength", documents::kMaxReasonLength},
          {"description",
           "why the document was issued wrongly: required, not blank, at most 2000 characters "
           "(422 annulment.reason_required / annulment.reason_too_long)"}};
}

}  // namespace

void AddAnnulmentRoutes(Router& router, ApiContext& ctx) {
  router.Add({"POST",
              "/api/v1/cases/{id}/documents/{doc_id}/annul",
              Scope::kOffice,
              kCorrectors,
              "Annul a wrongly issued document of the case (Law No. 88-V on public services; "
              "APPC No. 350-VI): the head of the case's office, or one acting as head, with the "
              "reason. 201 {id, action: annul, reason, by, at, document}. /verify then says "
              "annulled with the date and reason, and the applicant is told. 403 "
              "annulment.not_head; 409 annulment.already (annulled or replaced before), "
              "annulment.not_in_force; 422 annulment.reason_required, "
              "annulment.reason_too_long.",
              DocWithJsonBody("cases", {"reason"}, {{"reason", ReasonProperty()}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PostAnnul(ctx, r, a); },
              {Record::kCase, "id"}});
  router.Add(
      {"POST",
       "/api/v1/cases/{id}/documents/{doc_id}/replace",
       Scope::kOffice,
       kCorrectors,
       "Replace a wrongly issued document by a corrected one of the same kind, drawn from "
       "the same template with new values of its staff fields (values: {field: value}; "
       "any other field 422 annulment.not_staff_field; checked as the step that took "
       "them). The original carried an EDS: 201 {status: draft, draft_url, sign_url}: "
       "fetch the draft, sign its bytes (CMS detached) and POST the signature to "
       "sign_url. Without an EDS: 201 {status: issued, ...} at once with its own new "
       "number. Errors as annul.",
       DocWithJsonBody("cases", {"reason"},
                       {{"reason", ReasonProperty()},
                        {"values",
                         {{"type", "object"},
                          {"description", "corrected values of the template's staff fields"}}}}),
       [&ctx](HttpRequest& r, const Actor& a) { return PostReplace(ctx, r, a); },
       {Record::kCase, "id"}});
  router.Add({"GET",
              "/api/v1/cases/{id}/documents/{doc_id}/replacement",
              Scope::kOffice,
              kCorrectors,
              "The replacement draft waiting for the EDS of the head who prepared it, as PDF: "
              "sign these exact bytes. 422 annulment.prepare_first when none waits.",
              {{"tags", {"cases"}}, {"responses", PdfResponseDoc("the replacement draft")}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetReplacementDraft(ctx, r, a); },
              {Record::kCase, "id"}});
  router.Add({"POST",
              "/api/v1/cases/{id}/documents/{doc_id}/replacement/sign",
              Scope::kOffice,
              kCorrectors,
              "Sign the replacement draft and issue it: signature is the head's CMS detached "
              "signature (DER, base64) over the draft's bytes, checked like any signing step's "
              "(chain, validity, key usage, CRL, the account's IIN). 201 {action: replace, "
              "document, replacement: {id, number, url, verify_url}}; the original then says "
              "replaced by the new number. 422 eds.* when it does not verify, "
              "annulment.prepare_first when no draft waits.",
              DocWithJsonBody("cases", {"signature"},
                              {{"signature", {{"type", "string"}, {"contentEncoding", "base64"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PostSignReplacement(ctx, r, a); },
              {Record::kCase, "id"}});
  router.Add({"GET",
              "/api/v1/cases/{id}/annulments",
              Scope::kOffice,
              kReaders,
              "The case's annulled and replaced documents, oldest first: {items: [{id, action, "
              "reason, by, at, document, replacement}], documents: [{id, kind, number, state "
              "(valid, annulled, replaced, superseded), signed, staff_fields: [{name, type, "
              "required, label, value}]}]}.",
              {{"tags", {"cases"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetAnnulments(ctx, r, a); },
              {Record::kCase, "id"}});
}

}  // namespace jumys::http
