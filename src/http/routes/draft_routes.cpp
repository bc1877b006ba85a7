// Drafts of portal applications in the applicant's cabinet (services/drafts/draft_service.h):
// the employer's users share the employer's; no one else sees them. Filing the application
// (POST /api/v1/cases, portal) removes its draft in the same transaction.
#include "http/api.h"
#include "http/json_io.h"
#include "services/drafts/draft_service.h"

namespace jumys::http {

namespace {

const RoleSet kApplicants = {Role::kJobSeeker, Role::kEmployer};

nlohmann::json DraftJson(const drafts::Draft& d) {
  return {{"process", d.process},
          {"data", d.data},
          {"updated_at", d.updated_at},
          {"updated_by", d.updated_by}};
}

Expected<HttpResponse> ListDrafts(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto list, ctx.drafts->List(actor));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : list) items.push_back(DraftJson(d));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> GetDraft(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto d, ctx.drafts->Get(actor, request.path_params.at("process")));
  return JsonResponse(200, DraftJson(d));
}

Expected<HttpResponse> PutDraft(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  auto data = body.find("data");
  if (data == body.end()) {
    return FieldError(ErrorCode::kInvalidInput, "data", "field.required"_msg, "is required");
  }
  JUMYS_ASSIGN_OR_RETURN(auto d, ctx.drafts->Put(actor, request.path_params.at("process"), *data));
  return JsonResponse(200, DraftJson(d));
}

Expected<HttpResponse> DeleteDraft(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_TRY(ctx.drafts->Delete(actor, request.path_params.at("process")));
  return HttpResponse{204, "", "", {}};
}

}  // namespace

void AddDraftRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/drafts",
              Scope::kSelf,
              kApplicants,
              "The signed-in applicant's drafts of portal applications, most recently saved "
              "first: {items: [{process, data, updated_at, updated_by}]}. An employer's users "
              "share the employer's drafts.",
              {{"tags", {"drafts"}}},
              [&ctx](HttpRequest&, const Actor& a) { return ListDrafts(ctx, a); }});
  router.Add({"GET",
              "/api/v1/drafts/{process}",
              Scope::kSelf,
              kApplicants,
              "The applicant's draft of one process (its code); 404 draft.not_found when there "
              "is none.",
              {{"tags", {"drafts"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetDraft(ctx, r, a); }});
  router.Add(
      {"PUT", "/api/v1/drafts/{process}", Scope::kSelf, kApplicants,
       "Saves the applicant's draft of a process applied for from the cabinet: {data: {...}}, "
       "the application's data as far as it is filled in (not checked against the fields until "
       "it is filed). 422 draft.process_unknown for a process not offered in the portal, "
       "draft.too_large over 64 KiB. Filing the application removes the draft.",
       DocWithJsonBody("drafts", {"data"}, {{"data", {{"type", "object"}}}}),
       [&ctx](HttpRequest& r, const Actor& a) { return PutDraft(ctx, r, a); }});
  router.Add({"DELETE",
              "/api/v1/drafts/{process}",
              Scope::kSelf,
              kApplicants,
              "Discards the applicant's draft of a process: 204; 404 draft.not_found.",
              {{"tags", {"drafts"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return DeleteDraft(ctx, r, a); }});
}

}  // namespace jumys::http
