// Stored documents: the draft a signing task signs, and the public verification of a document
// by the code printed on it (GET /verify/{code}: the page its QR opens; /api/v1/verify/{code}).
#include "core/markup.h"
#include "http/api.h"
#include "http/document_http.h"
#include "http/json_io.h"
#include "http/log_masking.h"
#include "http/query_params.h"
#include "services/documents/document_service.h"

namespace jumys::http {

namespace {

using documents::DocumentService;

// Everyone who completes a signing step: staff, and the applicant on a step they work in the
// cabinet (P2 5.1: the employer's signatory signs the contract the head signed).
const RoleSet kSigners = {Role::kOfficeClerk,        Role::kHead,
                          Role::kExecutor,           Role::kEmploymentSpecialist,
                          Role::kEmployerSpecialist, Role::kUnitHead,
                          Role::kCommissionMember,   Role::kCommissionSecretary,
                          Role::kEmployer,           Role::kJobSeeker};

Expected<HttpResponse> TaskDocument(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto task_id, PathId(request, "id"));
  const std::string kind = request.Query("kind").value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto draft,
                         ctx.documents->DraftForTask(actor, task_id, ctx.clock(), kind));
  return PdfResponse(draft);
}

// The documents a signing task signs, each with the URL of its draft.
Expected<HttpResponse> TaskDocuments(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto task_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto drafts, ctx.documents->DraftsToSign(actor, task_id, ctx.clock()));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : drafts) {
    items.push_back(
        {{"kind", d.kind},
         {"title", {{"kk", d.title_kk}, {"ru", d.title_ru}, {"en", d.title_en}}},
         {"url", "/api/v1/tasks/" + std::to_string(task_id) + "/document?kind=" + d.kind}});
  }
  return JsonResponse(200, {{"items", items}});
}

struct Texts {
  const char* lang;
  const char* heading;
  const char* kind;
  const char* number;
  const char* registry;
  const char* office;
  const char* date;
  const char* signer;
  const char* eds;
  const char* yes;
  const char* no;
  const char* applicant;
  const char* status;
  const char* until;
  const char* annulled_on;
  const char* reason;
  const char* replaced_by;
  const char* replaces;
};

constexpr Texts kTexts[] = {
    {"kk", "Құжатты тексеру", "Құжат", "Нөмірі", "Тіркеу нөмірі", "Берген ұйым", "Берілген күні",
     "Қол қойған", "ЭЦҚ-мен қол қойылған", "иә", "жоқ", "Өтініш беруші (ЖСН/БСН)", "Күйі",
     "Қолданылу мерзімі", "Күші жойылған күні", "Себебі", "Түзетілген құжатпен ауыстырылды: №",
     "Мына құжаттың орнына берілген: №"},
    {"ru", "Проверка документа", "Документ", "Номер", "Регистрационный номер",
     "Выдавшая организация", "Дата выдачи", "Подписал", "Подписан ЭЦП", "да", "нет",
     "Заявитель (ИИН/БИН)", "Статус", "Срок действия", "Дата аннулирования", "Причина",
     "Заменён исправленным документом №", "Выдан взамен документа №"},
    {"en", "Document verification", "Document", "Number", "Registry number", "Issued by",
     "Issue date", "Signed by", "EDS signature", "yes", "no", "Applicant (IIN/BIN)", "Status",
     "Valid until", "Annulled on", "Reason", "Replaced by the corrected document No.",
     "Issued in place of document No."},
};

const char* StatusText(const std::string& status, const std::string& lang) {
  struct Row {
    const char* status;
    const char* kk;
    const char* ru;
    const char* en;
  };
  static constexpr Row kRows[] = {
      {"valid", "Жарамды", "Действителен", "Valid"},
      {"superseded", "Ауыстырылған (жарамсыз)", "Заменён (недействителен)",
       "Superseded (not valid)"},
      {"expired", "Мерзімі өткен (жарамсыз)", "Срок действия истёк (недействителен)",
       "Expired (not valid)"},
      {"annulled", "Күші жойылған (жарамсыз)", "Аннулирован (недействителен)",
       "Annulled (not valid)"},
      {"replaced", "Түзетілген құжатпен ауыстырылған (жарамсыз)",
       "Заменён исправленным документом (недействителен)",
       "Replaced by a corrected document (not valid)"},
      {"draft", "Жоба, берілмеген (жарамсыз)", "Проект, не выдан (недействителен)",
       "Draft, not issued (not valid)"},
      {"altered", "Құжат өзгертілген — жарамсыз", "Документ изменён — недействителен",
       "Document altered — not valid"},
  };
  for (const auto& r : kRows) {
    if (status == r.status) return lang == "kk" ? r.kk : lang == "ru" ? r.ru : r.en;
  }
  return status.c_str();
}

// No scripts, styles or inline attributes: the page passes `default-src 'none'`.
HttpResponse HtmlPage(int status, const std::string& title, const std::string& body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body =
      "<!DOCTYPE html>\n<html lang=\"kk\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex\">\n<title>" +
      EscapeMarkup(title) + "</title>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; base-uri 'none'; form-action 'none'; "
                         "frame-ancestors 'none'");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string Row(const char* label, const std::string& value) {
  return "<dt>" + EscapeMarkup(label) + "</dt><dd>" + EscapeMarkup(value) + "</dd>\n";
}

Expected<HttpResponse> VerifyPage(ApiContext& ctx, HttpRequest& request) {
  const std::string code = request.path_params["code"];
  auto v = ctx.documents->Verify(code);
  if (!v) {
    if (v.error().code != ErrorCode::kNotFound) return v.error();
    return HtmlPage(404, "Құжат табылмады / Документ не найден / Document not found",
                    "<main>\n<h1 lang=\"kk\">Құжат табылмады</h1>\n"
                    "<h1 lang=\"ru\">Документ не найден</h1>\n"
                    "<h1 lang=\"en\">Document not found</h1>\n"
                    "<p lang=\"en\">No document carries this verification code.</p>\n</main>\n");
  }
  const auto& d = v->doc;
  std::string body = "<main>\n";
  for (const Texts& t : kTexts) {
    const std::string lang = t.lang;
    const std::string title = lang == "kk" ? v->title_kk : lang == "ru" ? v->title_ru : v->title_en;
    const std::string office = lang == "kk"   ? v->office_name_kk
                               : lang == "ru" ? v->office_name_ru
                                              : v->office_name_en;
    const std::string position = lang == "kk"   ? v->position_kk
                                 : lang == "ru" ? v->position_ru
                                                : v->position_en;
    body += "<section lang=\"" + lang + "\">\n<h1>" + EscapeMarkup(t.heading) + "</h1>\n";
    body += "<p><strong>" + EscapeMarkup(t.status) + ": " +
            EscapeMarkup(StatusText(v->validity.status, lang)) + "</strong></p>\n<dl>\n";
    body += Row(t.kind, title);
    body += Row(t.number, d.case_number);
    if (d.status != "draft") body += Row(t.registry, d.number);
    body += Row(t.office, office);
    body += Row(t.date, v->issue_date);
    body += Row(t.signer, v->signer_name.empty() ? position : v->signer_name + ", " + position);
    body += Row(t.eds, d.signature.empty() ? t.no : t.yes);
    if (!d.applicant_id.empty()) body += Row(t.applicant, MaskDigitRuns(d.applicant_id));
    if (!v->validity.valid_until.empty()) body += Row(t.until, v->validity.valid_until);
    if (!v->annulled_at.empty()) {
      body += Row(t.annulled_on, v->annulled_on);
      body += Row(t.reason, v->annulment_reason);
    }
    body += "</dl>\n";
    // Where the corrected document is, and what a corrected one replaces.
    const auto link = [&](const char* label, const std::string& number, const std::string& to) {
      body += "<p>" + EscapeMarkup(label) + " <a href=\"/verify/" + EscapeMarkup(to) + "\">" +
              EscapeMarkup(number) + "</a></p>\n";
    };
    if (!v->replaced_by_number.empty())
      link(t.replaced_by, v->replaced_by_number, v->replaced_by_code);
    if (!v->replaces_number.empty()) link(t.replaces, v->replaces_number, v->replaces_code);
    body += "</section>\n";
  }
  body += "<p><code>" + EscapeMarkup(d.verification_code) + "</code></p>\n</main>\n";
  return HtmlPage(200, "Құжатты тексеру / Проверка документа / Document verification", body);
}

Expected<HttpResponse> VerifyJson(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto v, ctx.documents->Verify(request.path_params["code"]));
  const auto& d = v.doc;
  nlohmann::json j = {
      {"code", d.verification_code},
      {"kind", d.kind},
      {"title", {{"kk", v.title_kk}, {"ru", v.title_ru}, {"en", v.title_en}}},
      {"case_number", d.case_number},
      {"number", d.status == "draft" ? nlohmann::json(nullptr) : nlohmann::json(d.number)},
      {"office",
       {{"id", d.office_id},
        {"name", {{"kk", v.office_name_kk}, {"ru", v.office_name_ru}, {"en", v.office_name_en}}}}},
      {"issue_date", v.issue_date},
      {"signer",
       {{"position", {{"kk", v.position_kk}, {"ru", v.position_ru}, {"en", v.position_en}}},
        {"eds", !d.signature.empty()},
        {"name", v.signer_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.signer_name)},
        {"role", d.signer_role},
        {"capacity", v.capacity.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.capacity)}}},
      {"applicant", MaskDigitRuns(d.applicant_id)},
      {"status", v.validity.status},
      {"valid", v.validity.status == "valid"},
      {"valid_until", v.validity.valid_until.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(v.validity.valid_until)},
  };
  j["annulment"] = nullptr;
  if (!v.annulled_at.empty()) {
    j["annulment"] = {{"action", v.replaced_by_number.empty() ? "annul" : "replace"},
                      {"at", v.annulled_at},
                      {"date", v.annulled_on},
                      {"reason", v.annulment_reason}};
  }
  const auto link = [](const std::string& number, const std::string& code) {
    if (number.empty()) return nlohmann::json(nullptr);
    return nlohmann::json{{"number", number},
                          {"code", code},
                          {"verify_url", "/verify/" + code},
                          {"api_url", "/api/v1/verify/" + code}};
  };
  j["replaced_by"] = link(v.replaced_by_number, v.replaced_by_code);
  j["replaces"] = link(v.replaces_number, v.replaces_code);
  if (v.capacity == "acting") {
    j["signer"]["acting_for"] = {
        {"name", v.acting_for_name}, {"from", v.acting_from}, {"to", v.acting_to}};
  }
  return JsonResponse(200, j);
}

}  // namespace

void AddDocumentRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/tasks/{id}/document",
              Scope::kOffice,
              kSigners,
              "A PDF an open signing task (signature: required) signs: ?kind= one of the "
              "documents GET /api/v1/tasks/{id}/documents lists (the step's `signs`, else the "
              "case's decided result), without kind the first; drafted on the first request and "
              "the same bytes afterwards. Sign these exact bytes (CMS detached, DER) and complete "
              "the task with their base64 as 'signature' (one document) or in 'signatures' under "
              "the kind. 403 not the caller's task; 409 closed; 422 nothing to sign or a kind "
              "the step does not sign.",
              {{"tags", {"tasks"}}, {"responses", PdfResponseDoc("the draft PDF")}},
              [&ctx](HttpRequest& r, const Actor& a) { return TaskDocument(ctx, r, a); },
              {Record::kTask, "id"}});
  router.Add({"GET",
              "/api/v1/tasks/{id}/documents",
              Scope::kOffice,
              kSigners,
              "The documents an open signing task signs, in order: {items: [{kind, title: {kk, "
              "ru, en}, url}]}, url being the draft to sign (GET /api/v1/tasks/{id}/document?"
              "kind=). S4c 6.5 lists the decision notice and, for an extension, the permit. "
              "403 not the caller's task; 409 closed; 422 nothing to sign.",
              {{"tags", {"tasks"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return TaskDocuments(ctx, r, a); },
              {Record::kTask, "id"}});
}

void AddVerifyRoutes(Router& router, ApiContext& ctx) {
  router.Add(
      {"GET",
       "/api/v1/verify/{code}",
       Scope::kPublic,
       {},
       "Public check of a document by the verification code printed on it: what it is, "
       "who issued it and when, and whether it is valid (valid, superseded, expired, "
       "annulled, replaced, draft, or altered when the stored file no longer matches its digest). "
       "signer names who signed and in what capacity: own (their own role) or acting "
       "(acting_for: whose delegation, from and to). "
       "annulment: {action, at, date, reason} when annulled or replaced; replaced_by: the "
       "corrected document {number, code, verify_url}; replaces: for a corrected one, "
       "the document it replaced. The applicant's IIN/BIN is masked. 404 for an unknown "
       "code.",
       {{"tags", {"documents"}}},
       [&ctx](HttpRequest& r, const Actor&) { return VerifyJson(ctx, r); }});
  router.Add({"GET",
              "/verify/{code}",
              Scope::kPublic,
              {},
              "The page a document's QR code opens: the same as /api/v1/verify/{code} as HTML "
              "in Kazakh, Russian and English; 404 page for an unknown code.",
              {{"tags", {"documents"}},
               {"responses",
                {{"200",
                  {{"description", "HTML page"},
                   {"content", {{"text/html", nlohmann::json::object()}}}}}}}},
              [&ctx](HttpRequest& r, const Actor&) { return VerifyPage(ctx, r); }});
}

}  // namespace jumys::http
