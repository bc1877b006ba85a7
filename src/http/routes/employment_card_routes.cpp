// The individual employment card with its history, under the same scope as the person's
// record: staff of the person's office (or of the office keeping the card), and the person.
#include "http/api.h"
#include "http/json_io.h"
#include "services/registry/registry_service.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kJobSeeker, Role::kOfficeClerk,          Role::kHead,
                          Role::kExecutor,  Role::kEmploymentSpecialist, Role::kUnitHead};

nlohmann::json OrNull(const std::optional<std::string>& v) {
  if (v) return *v;
  return nullptr;
}

Expected<HttpResponse> GetCard(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto read, ctx.registry->ReadEmploymentCard(
                                        actor, request.path_params.at("iin"), request.request_id));
  const auto& card = read.card;
  const auto& history = read.history;
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& h : history) {
    entries.push_back(
        {{"at", h.at},
         {"actor", h.actor},
         {"action", h.action},
         {"case_id", h.case_id ? nlohmann::json(*h.case_id) : nlohmann::json(nullptr)},
         {"data", h.data}});
  }
  return JsonResponse(200, {{"iin", card.iin},
                            {"office", card.office_id},
                            {"status", card.status},
                            {"job_seeker_since", card.job_seeker_since},
                            {"unemployed_since", OrNull(card.unemployed_since)},
                            {"last_case_id", card.last_case_id ? nlohmann::json(*card.last_case_id)
                                                               : nlohmann::json(nullptr)},
                            {"created_at", card.created_at},
                            {"updated_at", card.updated_at},
                            {"history", entries}});
}

}  // namespace

void AddEmploymentCardRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/people/{iin}/employment-card",
              Scope::kOffice,
              kReaders,
              "A person's individual employment card (job seeker / unemployed) with its history",
              {{"tags", {"people"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetCard(ctx, r, a); },
              {Record::kPerson, "iin"}});
}

}  // namespace jumys::http
