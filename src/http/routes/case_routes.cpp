// Cases: applications filed at an office or from a personal cabinet, read back with their
// tasks, timeline and result.
#include <map>
#include <set>

#include "core/canonical_json.h"
#include "core/sha256.h"
#include "engine/case_results.h"
#include "http/api.h"
#include "http/case_json.h"
#include "http/document_http.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/record_scope.h"
#include "security/account_admin.h"
#include "security/challenges.h"
#include "services/documents/document_annulment.h"
#include "services/documents/document_service.h"
#include "services/drafts/draft_service.h"
#include "services/registry/registry_service.h"

namespace jumys::http {

namespace {

const RoleSet kFilers = {Role::kOfficeClerk, Role::kJobSeeker, Role::kEmployer};
// Staff who work cases, and the applicants themselves (their own cases only).
const RoleSet kCaseReaders = {Role::kJobSeeker,          Role::kEmployer,
                              Role::kOfficeClerk,        Role::kHead,
                              Role::kExecutor,           Role::kEmploymentSpecialist,
                              Role::kEmployerSpecialist, Role::kUnitHead};
constexpr int kDefaultPage = 50;
constexpr int kMaxPage = 200;

const ProcessDefinition* DefinitionFor(ApiContext& ctx, const CaseRow& kase) {
  auto def = ctx.processes.Find(kase.process, kase.version);
  return def ? def->get() : nullptr;
}

Expected<std::vector<SubmittedDocument>> Documents(const nlohmann::json& body) {
  std::vector<SubmittedDocument> out;
  auto it = body.find("documents");
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) {
    return FieldError(ErrorCode::kInvalidInput, "documents", "field.not_list"_msg,
                      "must be a list");
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string path = "documents[" + std::to_string(i) + "]";
    JUMYS_ASSIGN_OR_RETURN(const auto in, BodyReader((*it)[i], path));
    JUMYS_ASSIGN_OR_RETURN(auto type, in.String("type", 100));
    JUMYS_ASSIGN_OR_RETURN(auto valid_until, in.OptionalString("valid_until", 10));
    SubmittedDocument d{type, std::nullopt};
    if (valid_until) {
      auto date = ParseDate(*valid_until);
      if (!date) {
        auto refused = AtField(in.PathOf("valid_until"), date.error());
        refused.code = ErrorCode::kUnprocessable;
        return refused;
      }
      d.valid_until = *date;
    }
    out.push_back(std::move(d));
  }
  return out;
}

Expected<CaseService::StartRequest> StartRequestFrom(const nlohmann::json& body) {
  CaseService::StartRequest r;
  JUMYS_ASSIGN_OR_RETURN(r.process, RequiredString(body, "process", 100));
  JUMYS_ASSIGN_OR_RETURN(auto channel_text, RequiredString(body, "channel", 20));
  auto channel = ParseChannel(channel_text);
  if (!channel) {
    return FieldError(ErrorCode::kUnprocessable, "channel", "field.not_one_of"_msg,
                      "must be one of: {allowed}", {{"allowed", "office, portal"}});
  }
  r.channel = *channel;
  JUMYS_ASSIGN_OR_RETURN(const auto in, BodyReader(body));
  JUMYS_ASSIGN_OR_RETURN(const auto applicant, in.OptionalObject("applicant"));
  if (applicant) {
    JUMYS_ASSIGN_OR_RETURN(auto iin, applicant->OptionalString("iin", 12));
    JUMYS_ASSIGN_OR_RETURN(auto bin, applicant->OptionalString("bin", 12));
    r.applicant_iin = iin.value_or("");
    r.applicant_bin = bin.value_or("");
  }
  JUMYS_ASSIGN_OR_RETURN(const auto data, in.OptionalObject("data"));
  if (data) r.data = data->json();
  JUMYS_ASSIGN_OR_RETURN(auto office, OptionalString(body, "office", 50));
  if (!office) {
    JUMYS_ASSIGN_OR_RETURN(office, OptionalString(r.data, "office", 50));
  }
  r.office_id = office.value_or("");
  JUMYS_ASSIGN_OR_RETURN(r.documents, Documents(body));
  return r;
}

Expected<HttpResponse> DetailResponse(ApiContext& ctx, const Actor& actor, int status,
                                      std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(auto detail, ctx.cases.Load(case_id));
  nlohmann::json j = CaseDetailJson(detail, DefinitionFor(ctx, detail.kase), ctx.clock());
  JUMYS_TRY(MarkResultAvailability(ctx, j));
  return CaseResponseFor(actor, status, std::move(j), detail.events);
}

// A portal request is the applicant's EDS-signed application: 'signature' (base64 DER CMS,
// detached) covers CanonicalJson of the body without 'signature', and the certificate's
// IIN/BIN must be the signed-in applicant's. The signed body carries a single-use 'challenge'
// the server issued to this applicant (POST /api/v1/challenges), used up in the transaction
// that creates the case: a replayed or stale body gets 409 and creates nothing. The proof,
// with its challenge, is kept on the case.create event.
Status CheckPortalSignature(ApiContext& ctx, nlohmann::json body, const Actor& actor,
                            CaseService::StartRequest& start) {
  JUMYS_ASSIGN_OR_RETURN(auto signature, OptionalString(body, "signature", 64 * 1024));
  if (!signature || signature->empty()) {
    return FieldError(ErrorCode::kUnprocessable, "signature", "case.portal_needs_signature"_msg,
                      "a portal application must be signed with the applicant's EDS: 'signature' "
                      "over the canonical JSON of the request without 'signature'");
  }
  JUMYS_ASSIGN_OR_RETURN(auto challenge, OptionalString(body, "challenge", 100));
  if (!challenge || challenge->empty()) {
    return FieldError(ErrorCode::kUnprocessable, "challenge", "case.portal_needs_challenge"_msg,
                      "a portal application must carry a challenge from POST /api/v1/challenges "
                      "inside the signed request");
  }
  body.erase("signature");
  std::string content;
  try {
    content = CanonicalJson(body);
  } catch (const std::exception&) {
    return Error::Invalid("request.not_utf8"_msg, "the request is not valid UTF-8 JSON");
  }
  const Instant now = ctx.clock();
  JUMYS_TRY(ctx.documents->CheckSignature(content, *signature, actor.iin, actor.bin, now));
  start.signed_request = {{"content_sha256", Sha256Hex(content)},
                          {"signature", *signature},
                          {"challenge", *challenge},
                          {"verified_at", FormatRfc3339(now)}};
  auto consume =
      ctx.challenges->Consumer(*challenge, ChallengePurpose::kPortalRequest, actor.user_id);
  // The cabinet's draft of this process goes with the filing, in its transaction.
  auto remove_draft = ctx.drafts ? ctx.drafts->Remover(actor, start.process) : nullptr;
  start.within = [consume = std::move(consume),
                  remove_draft = std::move(remove_draft)](auto& tx) -> Status {
    JUMYS_TRY(consume(tx));
    return remove_draft ? remove_draft(tx) : Status{};
  };
  return {};
}

Expected<HttpResponse> PostCase(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto start, StartRequestFrom(body));
  JUMYS_TRY(ctx.cases.MayFile(actor));  // an employer's drafter: 403 before any signature
  if (start.channel == Channel::kPortal && actor.applicant) {
    JUMYS_TRY(CheckPortalSignature(ctx, std::move(body), actor, start));
  }
  JUMYS_ASSIGN_OR_RETURN(auto id, ctx.cases.Start(actor, start));
  return DetailResponse(ctx, actor, 201, id);
}

// The cabinet's question before the applicant signs: would this filing be taken? The same
// body as POST /api/v1/cases, unsigned ('signature' and 'challenge' are ignored), checked as a
// filing is, the definition's intake checks included, in a transaction rolled back at the end:
// nothing is stored. 200 {"accepted": true}, or the very 422 the filing would get.
Expected<HttpResponse> CheckCase(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  body.erase("signature");
  body.erase("challenge");
  JUMYS_ASSIGN_OR_RETURN(auto start, StartRequestFrom(body));
  start.dry_run = true;
  JUMYS_TRY(ctx.cases.Start(actor, start));
  return JsonResponse(200, {{"accepted", true}});
}

constexpr std::size_t kMaxName = 100;
constexpr int kMaxNameMatches = 20;

// `?name=`: the cases of the people and employers whose name holds each word, newest first,
// with the listing's other filters and scope; one page, no cursor beyond it.
Expected<HttpResponse> ListCasesByName(ApiContext& ctx, CaseFilter f, const std::string& name) {
  if (name.size() > kMaxName) {
    return FieldError(ErrorCode::kInvalidInput, "name", "field.too_long"_msg,
                      "must be at most {max} characters", {{"max", std::to_string(kMaxName)}});
  }
  if (!ctx.registry) return Error::Internal("no registry for the search by name");
  JUMYS_ASSIGN_OR_RETURN(auto matches, ctx.registry->FindByName(name, kMaxNameMatches));
  std::map<std::int64_t, CaseRow> found;
  const auto collect = [&](const std::string& iin, const std::string& bin) -> Status {
    CaseFilter one = f;
    if (!one.iin.empty() && one.iin != iin) return {};
    if (!one.bin.empty() && one.bin != bin) return {};
    one.iin = iin;
    one.bin = bin;
    JUMYS_ASSIGN_OR_RETURN(auto cases, ctx.cases.List(one));
    for (auto& c : cases) found.emplace(c.id, std::move(c));
    return {};
  };
  if (!f.office_ids.empty()) {
    for (const auto& iin : matches.iins) JUMYS_TRY(collect(iin, ""));
    for (const auto& bin : matches.bins) JUMYS_TRY(collect("", bin));
  }
  nlohmann::json items = nlohmann::json::array();
  for (auto it = found.rbegin(); it != found.rend() && static_cast<int>(items.size()) < f.limit;
       ++it) {
    items.push_back(CaseSummaryJson(it->second, DefinitionFor(ctx, it->second)));
  }
  return JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
}

Expected<HttpResponse> ListCases(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  CaseFilter f;
  if (actor.applicant) {
    f.applicant_iin = actor.iin;
    f.applicant_bin = actor.bin;
    if (f.applicant_iin.empty() && f.applicant_bin.empty()) {
      return JsonResponse(200, {{"items", nlohmann::json::array()}, {"next_cursor", nullptr}});
    }
  } else {
    f.office_ids = VisibleOffices(actor, ctx.offices);
  }
  f.number = request.Query("number").value_or("");
  f.iin = request.Query("iin").value_or("");
  f.bin = request.Query("bin").value_or("");
  f.process = request.Query("process").value_or("");
  f.status = request.Query("status").value_or("");
  if (!f.status.empty() && f.status != kCaseOpen && !ParseCaseEnd(f.status)) {
    return FieldError(ErrorCode::kInvalidInput, "status", "field.not_one_of"_msg,
                      "must be one of: {allowed}",
                      {{"allowed", "open, completed, refused, cancelled"}});
  }
  JUMYS_ASSIGN_OR_RETURN(f.limit, QueryLimit(request, kDefaultPage, kMaxPage));
  JUMYS_ASSIGN_OR_RETURN(f.before_id, QueryId(request, "cursor"));
  const std::string name = request.Query("name").value_or("");
  if (!name.empty() && !actor.applicant) return ListCasesByName(ctx, f, name);
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json next = nullptr;
  if (!f.office_ids.empty() || actor.applicant) {
    JUMYS_ASSIGN_OR_RETURN(auto cases, ctx.cases.List(f));
    for (const auto& c : cases) items.push_back(CaseSummaryJson(c, DefinitionFor(ctx, c)));
    if (static_cast<int>(cases.size()) == f.limit) next = std::to_string(cases.back().id);
  }
  return JsonResponse(200, {{"items", items}, {"next_cursor", next}});
}

// The full names of everyone who acted on or holds work of the case, staff and applicants
// alike, by login; the page shows a login only for an account that no longer exists.
Expected<nlohmann::json> ActorNames(ApiContext& ctx, const CaseService::CaseDetail& detail) {
  nlohmann::json names = nlohmann::json::object();
  if (!ctx.account_admin) return names;
  std::set<std::string> logins = {detail.kase.created_by};
  for (const auto& [role, login] : detail.kase.assignees) logins.insert(login);
  for (const auto& t : detail.tasks) logins.insert({t.assignee, t.completed_by});
  for (const auto& e : detail.events) logins.insert(e.actor);
  logins.erase("");
  JUMYS_ASSIGN_OR_RETURN(auto found, ctx.account_admin->FullNames(logins));
  for (auto& [login, name] : found) names[login] = std::move(name);
  return names;
}

// The router has checked that the case is in the caller's scope (Record::kCase).
Expected<CaseService::CaseDetail> LoadCase(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  return ctx.cases.Load(id);
}

Expected<HttpResponse> GetCase(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto detail, LoadCase(ctx, request));
  ctx.read_log.Record({FormatRfc3339(ctx.clock()),
                       actor.login,
                       "case.read",
                       "case",
                       std::to_string(detail.kase.id),
                       detail.kase.office_id,
                       {{"request_id", request.request_id}}});
  nlohmann::json j = CaseDetailJson(detail, DefinitionFor(ctx, detail.kase), ctx.clock());
  JUMYS_ASSIGN_OR_RETURN(auto issued, ctx.documents->ListCaseDocuments(detail.kase.id));
  // Annulled or replaced (document_annulment.h): the state a reader of the case goes by.
  std::map<std::int64_t, std::pair<std::string, std::string>> corrected;  // id -> state, by
  if (ctx.annulments) {
    JUMYS_ASSIGN_OR_RETURN(auto annulments, ctx.annulments->List(detail.kase.id));
    for (const auto& a : annulments) {
      corrected[a.document_registry_id] = {a.row.action == "annul" ? "annulled" : "replaced",
                                           a.replacement_number};
    }
  }
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& d : issued) {
    const auto c = corrected.find(d.registry_id);
    std::string state = d.status == "issued" ? "valid" : d.status;
    if (c != corrected.end()) state = c->second.first;
    documents.push_back({{"id", d.registry_id},
                         {"kind", d.kind},
                         {"number", d.number},
                         {"status", d.status},
                         {"state", state},
                         {"replaced_by", c != corrected.end() && !c->second.second.empty()
                                             ? nlohmann::json(c->second.second)
                                             : nlohmann::json(nullptr)},
                         {"issued_at", d.issued_at},
                         {"verification_code", d.verification_code},
                         {"url", DocumentUrl(detail.kase.id, d.registry_id)}});
  }
  j["issued_documents"] = std::move(documents);
  MarkResultAvailability(ctx, j, issued);
  if (!actor.applicant) {
    JUMYS_ASSIGN_OR_RETURN(j["names"], ActorNames(ctx, detail));
    // An office the case was handed from reads it only (docs/CASEWORK.md): the page says so.
    JUMYS_ASSIGN_OR_RETURN(auto owner, ctx.cases.CaseOwner(detail.kase.id));
    j["read_only"] = owner && !MayChange(actor, ctx.offices, *owner);
  }
  return CaseResponseFor(actor, 200, std::move(j), detail.events);
}

// The result document's PDF, for whoever may see the case.
Expected<HttpResponse> GetDocument(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto detail, LoadCase(ctx, request));
  JUMYS_ASSIGN_OR_RETURN(auto doc_id, PathId(request, "doc_id"));
  JUMYS_ASSIGN_OR_RETURN(auto doc, ctx.documents->CaseDocument(detail.kase.id, doc_id));
  ctx.read_log.Record({FormatRfc3339(ctx.clock()),
                       actor.login,
                       "document.read",
                       "case",
                       std::to_string(detail.kase.id),
                       detail.kase.office_id,
                       {{"document", doc_id}, {"request_id", request.request_id}}});
  return PdfResponse(doc);
}

nlohmann::json StartDoc() {
  const nlohmann::json document = {{"type", "object"},
                                   {"required", {"type"}},
                                   {"properties",
                                    {{"type", {{"type", "string"}}},
                                     {"valid_until", {{"type", "string"}, {"format", "date"}}}}}};
  const nlohmann::json applicant = {
      {"type", "object"},
      {"description",
       "office channel: exactly one of iin/bin; portal: the signed-in applicant, may be left out"},
      {"properties", {{"iin", {{"type", "string"}}}, {"bin", {{"type", "string"}}}}}};
  const nlohmann::json office = {
      {"type", "string"},
      {"description",
       "portal: the office chosen to provide the service (also accepted as data.office); "
       "office channel: the clerk's own office, may be left out"}};
  const nlohmann::json properties = {
      {"process", {{"type", "string"}, {"description", "process code (GET /api/v1/processes)"}}},
      {"channel", {{"type", "string"}, {"enum", {"office", "portal"}}}},
      {"office", office},
      {"applicant", applicant},
      {"documents", {{"type", "array"}, {"items", document}}},
      {"data", {{"type", "object"}}},
      {"challenge",
       {{"type", "string"},
        {"description",
         "portal: required, inside the signed content. A single-use challenge from POST "
         "/api/v1/challenges, issued to the signed-in applicant a few minutes before. It is "
         "used up by the case this request creates: the same body again (or one whose "
         "challenge has expired or is not the applicant's) gets 409 and creates nothing."}}},
      {"signature",
       {{"type", "string"},
        {"contentEncoding", "base64"},
        {"description",
         "portal: required. The applicant's EDS signature, CMS (PKCS#7) detached, DER, base64. "
         "The signed bytes are the request body without 'signature' (so with 'challenge') as "
         "canonical JSON: UTF-8, "
         "no whitespace, object keys sorted by their bytes, strings unescaped except '\"', "
         "'\\' and control characters, integers as integers. The certificate's IIN "
         "(serialNumber IIN...) or BIN (OU BIN...) must be the signed-in applicant's."}}}};
  auto doc = DocWithJsonBody("cases", {"process", "channel"}, properties);
  doc["responses"]["409"] = {
      {"description",
       "portal: the signed challenge is used (challenge.used: the same signed body again), "
       "expired (challenge.expired) or not the applicant's (challenge.unknown); no case is "
       "created"},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  return doc;
}

}  // namespace

void AddCaseRoutes(Router& router, ApiContext& ctx) {
  router.Add({"POST", "/api/v1/cases", Scope::kOffice, kFilers,
              "Start a case under the version in force today. Office channel: a clerk, at their "
              "office. Portal: the applicant, from their cabinet, choosing the office. An "
              "incomplete or expired document set still gives 201: the case ends at once as "
              "refused, its result naming what was missing. A portal request signs a "
              "single-use challenge (POST /api/v1/challenges); 409 when its challenge is used, "
              "expired or not the applicant's, and nothing is created.",
              StartDoc(), [&ctx](HttpRequest& r, const Actor& a) { return PostCase(ctx, r, a); }});
  {
    auto doc = StartDoc();
    doc["responses"]["200"] = {
        {"description", "every check passed: {\"accepted\": true}; nothing is stored"}};
    doc["responses"].erase("201");
    doc["responses"].erase("409");
    router.Add({"POST", "/api/v1/cases/check", Scope::kOffice, kFilers,
                "Check a filing without making it: the body of POST /api/v1/cases, unsigned "
                "('signature' and 'challenge' ignored), checked as a filing is, the process's "
                "intake checks included (an employer's arrears and time in business for P2). "
                "200 when it would be taken; otherwise the same 422, one detail per failed "
                "condition. Nothing is stored.",
                doc, [&ctx](HttpRequest& r, const Actor& a) { return CheckCase(ctx, r, a); }});
  }
  router.Add({"GET",
              "/api/v1/cases",
              Scope::kOffice,
              kCaseReaders,
              "Cases the caller may see, newest first: {items, next_cursor}. Filters number, "
              "iin, bin, process, status; paging limit (1-200, default 50) and cursor.",
              {{"tags", {"cases"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return ListCases(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/cases/{id}",
              Scope::kOffice,
              kCaseReaders,
              "A case with its tasks, timeline (from the audit chain), result, and the documents "
              "issued in it (issued_documents: the result's PDF, coupons, ...)",
              {{"tags", {"cases"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetCase(ctx, r, a); },
              {Record::kCase, "id"}});
  router.Add({"GET",
              "/api/v1/cases/{id}/documents/{doc_id}",
              Scope::kOffice,
              kCaseReaders,
              "A case's result document as PDF (headers X-Document-SHA256, X-Verification-Code); "
              "404 when the case has no stored file by that id.",
              {{"tags", {"cases"}}, {"responses", PdfResponseDoc("the document PDF")}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetDocument(ctx, r, a); },
              {Record::kCase, "id"}});
}

}  // namespace jumys::http
