// The oblast commission on foreign-labour permits: commissions with their secretary and
// members, meetings, the agenda of cases and members' votes. The recommendation itself is the
// secretary's task in the case (S4a step 6.5). A member sees only the agenda of the
// commissions they sit on.
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/commission/commission_service.h"

namespace jumys::http {

namespace {

const RoleSet kCommissionRoles = {Role::kCommissionMember, Role::kCommissionSecretary,
                                  Role::kAdmin};
const RoleSet kSitting = {Role::kCommissionMember, Role::kCommissionSecretary};

Expected<HttpResponse> ListCommissionsRoute(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto list, ctx.commissions->Visible(actor));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : list) items.push_back(commission::CommissionJson(c));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> PostCommissionRoute(ApiContext& ctx, HttpRequest& request,
                                           const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  commission::NewCommission c;
  JUMYS_ASSIGN_OR_RETURN(c.name, RequiredString(body, "name", 300));
  JUMYS_ASSIGN_OR_RETURN(c.secretary, RequiredString(body, "secretary", 100));
  JUMYS_ASSIGN_OR_RETURN(const auto in, BodyReader(body));
  JUMYS_ASSIGN_OR_RETURN(c.members, in.StringArray("members", 100));
  JUMYS_ASSIGN_OR_RETURN(auto created, ctx.commissions->Create(actor, std::move(c)));
  return JsonResponse(201, commission::CommissionJson(created));
}

Expected<HttpResponse> PostMeetingRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto held_text, RequiredString(body, "held_on", 10));
  auto held_on = ParseDate(held_text);
  if (!held_on) return AtField("held_on", held_on.error());
  JUMYS_ASSIGN_OR_RETURN(auto meeting, ctx.commissions->CallMeeting(actor, id, *held_on));
  return JsonResponse(201, commission::MeetingJson(meeting));
}

Expected<HttpResponse> AgendaRoute(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto agenda, ctx.commissions->Agenda(actor));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [a, kase] : agenda) {
    nlohmann::json votes = nlohmann::json::array();
    for (const auto& v : a.votes) {
      votes.push_back(
          {{"member", v.member}, {"vote", v.vote}, {"reasons", v.reasons}, {"at", v.at}});
    }
    items.push_back({{"case_id", a.case_id},
                     {"case_number", kase.number},
                     {"process", kase.process},
                     {"employer", {{"bin", kase.applicant_bin}}},
                     {"application", kase.data},
                     {"commission", a.commission_id},
                     {"meeting", {{"id", a.meeting_id}, {"held_on", a.held_on}}},
                     {"added_at", a.added_at},
                     {"recommendation",
                      a.recommendation ? nlohmann::json(*a.recommendation) : nlohmann::json()},
                     {"reasons", a.reasons},
                     {"votes", votes}});
  }
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> VoteRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t case_id, PathId(request, "case_id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  commission::VoteRequest vote;
  JUMYS_ASSIGN_OR_RETURN(vote.vote, RequiredString(body, "vote", 10));
  JUMYS_ASSIGN_OR_RETURN(auto reasons, OptionalString(body, "reasons", 2000));
  vote.reasons = reasons.value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto cast, ctx.commissions->Vote(actor, case_id, std::move(vote)));
  return JsonResponse(200, commission::VoteJson(cast));
}

}  // namespace

void AddCommissionRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/commissions",
              Scope::kOblast,
              kCommissionRoles,
              "Commissions with their secretary and members (an administrator: the oblast's; "
              "others: the ones they sit on)",
              {{"tags", {"commissions"}}},
              [&ctx](HttpRequest&, const Actor& a) { return ListCommissionsRoute(ctx, a); }});
  router.Add({"POST",
              "/api/v1/commissions",
              Scope::kOblast,
              {Role::kAdmin},
              "Set up a commission at the caller's oblast department",
              DocWithJsonBody("commissions", {"name", "secretary", "members"},
                              {{"name", {{"type", "string"}}},
                               {"secretary", {{"type", "string"}}},
                               {"members", {{"type", "array"}, {"items", {{"type", "string"}}}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PostCommissionRoute(ctx, r, a); }});
  router.Add({"POST",
              "/api/v1/commissions/{id}/meetings",
              Scope::kOblast,
              {Role::kCommissionSecretary, Role::kAdmin},
              "Call a meeting; cases submitted to the commission go on the next one",
              DocWithJsonBody("commissions", {"held_on"},
                              {{"held_on", {{"type", "string"}, {"format", "date"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PostMeetingRoute(ctx, r, a); },
              {Record::kCommission, "id"}});
  router.Add({"GET",
              "/api/v1/commission/agenda",
              Scope::kSelf,
              kSitting,
              "The agenda of the commissions the caller sits on: cases, votes, recommendations",
              {{"tags", {"commissions"}}},
              [&ctx](HttpRequest&, const Actor& a) { return AgendaRoute(ctx, a); }});
  router.Add({"POST",
              "/api/v1/commission/agenda/{case_id}/votes",
              Scope::kSelf,
              {Role::kCommissionMember},
              "A member's vote on a case of their agenda (grant, or refuse with reasons); "
              "replaces their earlier vote until the recommendation is recorded",
              DocWithJsonBody("commissions", {"vote"},
                              {{"vote", {{"type", "string"}, {"enum", {"grant", "refuse"}}}},
                               {"reasons", {{"type", "string"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return VoteRoute(ctx, r, a); },
              {Record::kCase, "case_id"}});
}

}  // namespace jumys::http
