// The individual employment card with its history, under the same scope as the person's
// record: staff of the person's office (or of the office keeping the card), and the person.
#include "http/api.h"
#include "http/json_io.h"
#include "services/registry/registry_service.h"
#include "services/special_workplaces/special_workplaces_hooks.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kJobSeeker, Role::kOfficeClerk,          Role::kHead,
                          Role::kExecutor,  Role::kEmploymentSpecialist, Role::kUnitHead};

nlohmann::json OrNull(const std::optional<std::string>& v) {
  if (v) return *v;
  return nullptr;
}

nlohmann::json DisabilityJson(const special_workplaces::Disability& d) {
  return {{"group", d.group},
          {"established_on", d.established_on},
          {"valid_until",
           d.valid_until.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.valid_until)},
          {"document", d.document},
          {"recorded", {{"login", d.recorded_by}, {"at", d.recorded_at}}}};
}

// Staff enter the disability from the person's documents (the expertise certificate).
Expected<HttpResponse> PutDisability(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto reader, BodyReader(body));
  special_workplaces::Disability d;
  d.iin = request.path_params.at("iin");
  JUMYS_ASSIGN_OR_RETURN(auto group, reader.Int("group", 1, 3));
  d.group = static_cast<int>(group);
  JUMYS_ASSIGN_OR_RETURN(d.established_on, RequiredString(body, "established_on", 10));
  JUMYS_ASSIGN_OR_RETURN(auto until, OptionalString(body, "valid_until", 10));
  d.valid_until = until.value_or("");
  JUMYS_ASSIGN_OR_RETURN(d.document, RequiredString(body, "document", 300));
  JUMYS_TRY(ctx.disabilities->Record(actor, d));
  JUMYS_ASSIGN_OR_RETURN(auto stored, ctx.disabilities->Find(d.iin));
  return JsonResponse(200, DisabilityJson(*stored));
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
  nlohmann::json disability = nullptr;
  if (ctx.disabilities) {
    JUMYS_ASSIGN_OR_RETURN(auto d, ctx.disabilities->Find(card.iin));
    if (d) disability = DisabilityJson(*d);
  }
  return JsonResponse(200, {{"iin", card.iin},
                            {"disability", disability},
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
  if (!ctx.disabilities) return;
  router.Add({"PUT",
              "/api/v1/people/{iin}/employment-card/disability",
              Scope::kOffice,
              RoleSet{Role::kOfficeClerk, Role::kEmploymentSpecialist, Role::kEmployerSpecialist,
                      Role::kHead},
              "Records (or corrects) the disability on the person's employment card from their "
              "documents {group: 1-3, established_on, valid_until?, document}; P3 refers only "
              "persons with one in force. 404 employment_card.not_found without a card.",
              DocWithJsonBody("people", {"group", "established_on", "document"},
                              {{"group", {{"type", "integer"}}},
                               {"established_on", {{"type", "string"}}},
                               {"valid_until", {{"type", "string"}}},
                               {"document", {{"type", "string"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PutDisability(ctx, r, a); },
              {Record::kPerson, "iin"}});
}

}  // namespace jumys::http
