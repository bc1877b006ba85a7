// The individual employment card with its history, under the same scope as the person's
// record: staff of the person's office (or of the office keeping the card), and the person.
#include "core/identifiers.h"
#include "http/api.h"
#include "http/json_io.h"
#include "security/access.h"
#include "storage/repositories/employment_card_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kJobSeeker, Role::kOfficeClerk,          Role::kHead,
                          Role::kExecutor,  Role::kEmploymentSpecialist, Role::kUnitHead};

nlohmann::json OrNull(const std::optional<std::string>& v) {
  if (v) return *v;
  return nullptr;
}

Expected<HttpResponse> GetCard(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto iin, Iin::Parse(request.path_params.at("iin")));
  if (actor.applicant && actor.iin != iin.str()) return Error::NotFound("no such card");
  std::optional<storage::EmploymentCardRow> card;
  std::optional<storage::PersonRecord> person;
  std::vector<storage::CardHistoryRow> history;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(card, storage::FindEmploymentCard(tx, iin.str()));
    if (!card) return {};
    JUMYS_ASSIGN_OR_RETURN(person, storage::FindPerson(tx, iin.str()));
    JUMYS_ASSIGN_OR_RETURN(history, storage::ListCardHistory(tx, iin.str()));
    return {};
  }));
  if (!card) return Error::NotFound("no such card");
  if (!actor.applicant && !CanAccessOffice(actor, ctx.offices, card->office_id) &&
      !(person && CanAccessOffice(actor, ctx.offices, person->office_id))) {
    return Error::NotFound("no such card");
  }
  ctx.read_log.Record({FormatRfc3339(ctx.clock()),
                       actor.login,
                       "employment_card.read",
                       "employment_card",
                       card->iin,
                       card->office_id,
                       {{"request_id", request.request_id}}});
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& h : history) {
    entries.push_back(
        {{"at", h.at},
         {"actor", h.actor},
         {"action", h.action},
         {"case_id", h.case_id ? nlohmann::json(*h.case_id) : nlohmann::json(nullptr)},
         {"data", h.data}});
  }
  return JsonResponse(
      200, {{"iin", card->iin},
            {"office", card->office_id},
            {"status", card->status},
            {"job_seeker_since", card->job_seeker_since},
            {"unemployed_since", OrNull(card->unemployed_since)},
            {"last_case_id",
             card->last_case_id ? nlohmann::json(*card->last_case_id) : nlohmann::json(nullptr)},
            {"created_at", card->created_at},
            {"updated_at", card->updated_at},
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
              [&ctx](HttpRequest& r, const Actor& a) { return GetCard(ctx, r, a); }});
}

}  // namespace jumys::http
