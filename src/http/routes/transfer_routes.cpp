// Transfer requests: a person or employer registered at another office moves only when that
// office accepts the request (POST /people and POST /employers file it without telling the
// caller where the record is).
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/record_scope.h"
#include "services/registry/registry_service.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kOfficeClerk,        Role::kHead,
                          Role::kExecutor,           Role::kEmploymentSpecialist,
                          Role::kEmployerSpecialist, Role::kUnitHead};
const RoleSet kDeciders = {Role::kOfficeClerk, Role::kHead, Role::kUnitHead};

nlohmann::json TransferJson(const registry::Transfer& t) {
  return {{"id", t.id},
          {"kind", t.kind},
          {"record", t.record_key},
          {"owning_office", t.owning_office},
          {"requesting_office", t.requesting_office},
          {"status", t.status},
          {"entry", t.entry},
          {"requested_by", t.requested_by},
          {"requested_at", t.requested_at},
          {"decided_by", t.decided_by.empty() ? nlohmann::json() : nlohmann::json(t.decided_by)},
          {"decided_at", t.decided_at.empty() ? nlohmann::json() : nlohmann::json(t.decided_at)}};
}

Expected<HttpResponse> ListTransfers(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  const std::string status = request.Query("status").value_or("pending");
  JUMYS_ASSIGN_OR_RETURN(
      auto list, ctx.registry->ListTransfers(actor, VisibleOffices(actor, ctx.offices), status));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : list) items.push_back(TransferJson(t));
  return JsonResponse(200, {{"items", items}});
}

// The router has checked that the request is addressed to the caller's scope.
Expected<HttpResponse> Decide(ApiContext& ctx, HttpRequest& request, const Actor& actor,
                              bool accept) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto t, ctx.registry->DecideTransfer(actor, id, accept));
  return JsonResponse(200, TransferJson(t));
}

}  // namespace

void AddTransferRoutes(Router& router, ApiContext& ctx) {
  router.Add(
      {"GET",
       "/api/v1/transfers",
       Scope::kOffice,
       kReaders,
       "Transfer requests addressed to the offices in the caller's scope (the offices that hold "
       "the records), newest first: {items}. status: pending (default), accepted, declined or "
       "'' for all.",
       {{"tags", {"people"}},
        {"parameters", {{{"name", "status"}, {"in", "query"}, {"schema", {{"type", "string"}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return ListTransfers(ctx, r, a); }});
  router.Add({"POST",
              "/api/v1/transfers/{id}/accept",
              Scope::kOffice,
              kDeciders,
              "Accept a transfer request: the person's or employer's record moves to the "
              "requesting office (audited). 409 when already answered.",
              {{"tags", {"people"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return Decide(ctx, r, a, true); },
              {Record::kTransfer, "id"}});
  router.Add({"POST",
              "/api/v1/transfers/{id}/decline",
              Scope::kOffice,
              kDeciders,
              "Decline a transfer request: the record stays (audited). 409 when already answered.",
              {{"tags", {"people"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return Decide(ctx, r, a, false); },
              {Record::kTransfer, "id"}});
}

}  // namespace jumys::http
