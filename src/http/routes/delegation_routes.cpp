// A head's delegations of signing to an acting head of the same office for a dated period
// (rules in services/delegations/delegation_service.h).
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/delegations/delegation_service.h"

namespace jumys::http {

namespace {

const RoleSet kDelegators = {Role::kHead, Role::kUnitHead};

nlohmann::json OptionalText(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json DelegationJson(const delegations::Delegation& d) {
  return {{"id", d.id},
          {"office", d.office_id},
          {"role", d.role},
          {"delegator", {{"login", d.delegator}, {"full_name", d.delegator_name}}},
          {"delegate", {{"login", d.delegate}, {"full_name", d.delegate_name}}},
          {"starts_on", d.starts_on},
          {"ends_on", d.ends_on},
          {"status", d.status},
          {"created_by", d.created_by},
          {"created_at", d.created_at},
          {"revoked_at", OptionalText(d.revoked_at)},
          {"revoked_by", OptionalText(d.revoked_by)}};
}

Expected<HttpResponse> ListDelegations(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto list, ctx.delegations->List(actor));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : list) items.push_back(DelegationJson(d));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> CreateDelegation(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  delegations::NewDelegation d;
  JUMYS_ASSIGN_OR_RETURN(d.delegate, RequiredString(body, "delegate", 40));
  JUMYS_ASSIGN_OR_RETURN(auto role, OptionalString(body, "role", 40));
  if (role) d.role = *role;
  JUMYS_ASSIGN_OR_RETURN(d.starts_on, RequiredString(body, "starts_on", 10));
  JUMYS_ASSIGN_OR_RETURN(d.ends_on, RequiredString(body, "ends_on", 10));
  JUMYS_ASSIGN_OR_RETURN(auto created, ctx.delegations->Create(actor, d));
  return JsonResponse(201, DelegationJson(created));
}

Expected<HttpResponse> RevokeDelegation(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto revoked, ctx.delegations->Revoke(actor, id));
  return JsonResponse(200, DelegationJson(revoked));
}

}  // namespace

void AddDelegationRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/delegations",
              Scope::kOffice,
              StaffRoles(),
              "The delegations of the caller's office, newest first, each with its status on "
              "the office's date today: scheduled, in_force, ended or revoked.",
              {{"tags", {"delegations"}}},
              [&ctx](HttpRequest&, const Actor& a) { return ListDelegations(ctx, a); }});
  router.Add(
      {"POST", "/api/v1/delegations", Scope::kOffice, kDelegators,
       "A head delegates signing (the role head, or unit_head) to another active staff member "
       "of their office for [starts_on, ends_on], office calendar dates, both included. While "
       "it is in force the delegate completes and signs the role's tasks as acting head. 403 "
       "a role the caller does not hold; 422 self, not a colleague, a past or reversed period; "
       "409 overlapping another of the caller's delegations of the role. Audited.",
       DocWithJsonBody(
           "delegations", {"delegate", "starts_on", "ends_on"},
           {{"delegate", {{"type", "string"}, {"description", "the colleague's login"}}},
            {"role", {{"type", "string"}, {"enum", {"head", "unit_head"}}}},
            {"starts_on", {{"type", "string"}, {"format", "date"}}},
            {"ends_on", {{"type", "string"}, {"format", "date"}}}}),
       [&ctx](HttpRequest& r, const Actor& a) { return CreateDelegation(ctx, r, a); }});
  router.Add({"POST",
              "/api/v1/delegations/{id}/revoke",
              Scope::kOffice,
              kDelegators,
              "Ends a delegation at once (by its delegator or another holder of the role at the "
              "office). 404 another office's; 409 revoked already. Audited.",
              {{"tags", {"delegations"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return RevokeDelegation(ctx, r, a); },
              {Record::kDelegation, "id"}});
}

}  // namespace jumys::http
