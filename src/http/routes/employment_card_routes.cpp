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
  nlohmann::json attendance = nullptr;
  if (read.attendance) {
    const auto& a = *read.attendance;
    const auto text_or_null = [](const std::string& v) {
      return v.empty() ? nlohmann::json(nullptr) : nlohmann::json(v);
    };
    attendance = {{"case_id", a.case_id},
                  {"case_number", a.case_number},
                  {"status", a.status},
                  {"next_visit_at", text_or_null(a.next_visit_at)},
                  {"visit_due_by", text_or_null(a.visit_due_by)},
                  {"visit_task_id",
                   a.visit_task_id ? nlohmann::json(a.visit_task_id) : nlohmann::json(nullptr)}};
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
                            {"history", entries},
                            {"attendance", attendance}});
}

}  // namespace

void AddEmploymentCardRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/people/{iin}/employment-card",
              Scope::kOffice,
              kReaders,
              "A person's individual employment card (job seeker / unemployed / deregistered) "
              "with its history (visits to the centre, deregistration with its ground) and the "
              "attendance schedule of the unemployed person's year",
              {{"tags", {"people"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetCard(ctx, r, a); },
              {Record::kPerson, "iin"}});
}

}  // namespace jumys::http
