// The oblast commission on foreign-labour permits: commissions with their secretary and
// members, meetings, the agenda of cases and members' votes. The recommendation itself is the
// secretary's task in the case (S4a step 6.5). A member sees only the agenda of the
// commissions they sit on.
#include <algorithm>

#include "engine/case_results.h"
#include "engine/case_store.h"
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "security/access.h"
#include "services/commission/commission_store.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys::http {

namespace {

const RoleSet kCommissionRoles = {Role::kCommissionMember, Role::kCommissionSecretary,
                                  Role::kAdmin};
const RoleSet kSitting = {Role::kCommissionMember, Role::kCommissionSecretary};

nlohmann::json CommissionJson(const commission::CommissionRow& c) {
  return {{"id", c.id},           {"office", c.office_id},
          {"name", c.name},       {"secretary", c.secretary},
          {"members", c.members}, {"created_at", c.created_at}};
}

// The commissions the caller may see: an administrator those of the oblast, everyone else
// the ones they sit on.
Expected<std::vector<commission::CommissionRow>> Visible(ApiContext& ctx, storage::Tx& tx,
                                                         const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto all, commission::ListCommissions(tx));
  std::vector<commission::CommissionRow> out;
  for (auto& c : all) {
    const bool admin =
        actor.roles.Has(Role::kAdmin) && CanAccessOffice(actor, ctx.offices, c.office_id);
    if (admin || c.Sits(actor.login)) out.push_back(std::move(c));
  }
  return out;
}

Expected<HttpResponse> ListCommissionsRoute(ApiContext& ctx, const Actor& actor) {
  nlohmann::json items = nlohmann::json::array();
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto list, Visible(ctx, tx, actor));
    for (const auto& c : list) items.push_back(CommissionJson(c));
    return {};
  }));
  return JsonResponse(200, {{"items", items}});
}

// An active staff member of `office` holding `role`; 422 naming them otherwise.
Status CheckSeat(storage::Tx& tx, const std::string& login, const std::string& office, Role role) {
  JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx, login));
  auto roles = user ? RoleSet::Parse(user->roles) : std::nullopt;
  if (!user || user->kind != "staff" || !user->active || user->office_id != office || !roles ||
      !roles->Has(role)) {
    return Error::Unprocessable("'" + login + "' is not an active " + RoleName(role) + " of " +
                                office);
  }
  return {};
}

Expected<HttpResponse> PostCommissionRoute(ApiContext& ctx, HttpRequest& request,
                                           const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  commission::CommissionRow c;
  JUMYS_ASSIGN_OR_RETURN(c.name, RequiredString(body, "name", 300));
  JUMYS_ASSIGN_OR_RETURN(c.secretary, RequiredString(body, "secretary", 100));
  auto members = body.find("members");
  if (members == body.end() || !members->is_array() || members->empty()) {
    return Error::Unprocessable("members: a non-empty list of logins");
  }
  for (const auto& m : *members) {
    if (!m.is_string()) return Error::Unprocessable("members: a non-empty list of logins");
    c.members.push_back(m.get<std::string>());
  }
  std::sort(c.members.begin(), c.members.end());
  if (std::adjacent_find(c.members.begin(), c.members.end()) != c.members.end()) {
    return Error::Unprocessable("members: a login is listed twice");
  }
  auto office = ctx.offices.Find(actor.office_id);
  if (!office || !office->oblast_level) {
    return Error::Unprocessable("a commission is set up at the oblast department");
  }
  c.office_id = office->id;
  c.created_at = FormatRfc3339(ctx.clock());
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(CheckSeat(tx, c.secretary, c.office_id, Role::kCommissionSecretary));
    for (const auto& m : c.members)
      JUMYS_TRY(CheckSeat(tx, m, c.office_id, Role::kCommissionMember));
    JUMYS_ASSIGN_OR_RETURN(c.id, commission::InsertCommission(tx, c));
    return storage::AppendAudit(tx, {c.created_at, actor.login, "commission.create", "commission",
                                     std::to_string(c.id), c.office_id, CommissionJson(c)});
  }));
  return JsonResponse(201, CommissionJson(c));
}

Expected<HttpResponse> PostMeetingRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto held_text, RequiredString(body, "held_on", 10));
  auto held_on = ParseDate(held_text);
  if (!held_on) return Error::Unprocessable("held_on: a date YYYY-MM-DD");
  const Instant now = ctx.clock();
  nlohmann::json out;
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto list, Visible(ctx, tx, actor));
    auto it = std::find_if(list.begin(), list.end(), [&](const auto& c) { return c.id == id; });
    if (it == list.end()) return Error::NotFound("no such commission");
    if (it->secretary != actor.login && !actor.roles.Has(Role::kAdmin)) {
      return Error::Forbidden("meetings are called by the commission's secretary");
    }
    auto office = ctx.offices.Find(it->office_id);
    if (office && *held_on < OfficeDate(*office, now)) {
      return Error::Unprocessable("held_on: a meeting is not called in the past");
    }
    const std::string at = FormatRfc3339(now);
    JUMYS_ASSIGN_OR_RETURN(auto meeting,
                           commission::InsertMeeting(tx, id, held_text, actor.login, at));
    out = {{"id", meeting}, {"commission", id}, {"held_on", held_text}};
    return storage::AppendAudit(tx, {at, actor.login, "commission.meeting", "commission",
                                     std::to_string(id), it->office_id, out});
  }));
  return JsonResponse(201, out);
}

Expected<HttpResponse> AgendaRoute(ApiContext& ctx, const Actor& actor) {
  nlohmann::json items = nlohmann::json::array();
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto all, commission::ListCommissions(tx));
    std::vector<std::int64_t> mine;
    for (const auto& c : all) {
      if (c.Sits(actor.login)) mine.push_back(c.id);
    }
    JUMYS_ASSIGN_OR_RETURN(auto agenda, commission::ListAgenda(tx, mine));
    for (const auto& a : agenda) {
      JUMYS_ASSIGN_OR_RETURN(auto kase, FindCase(tx, a.case_id));
      if (!kase) continue;
      nlohmann::json votes = nlohmann::json::array();
      for (const auto& v : a.votes) {
        votes.push_back(
            {{"member", v.member}, {"vote", v.vote}, {"reasons", v.reasons}, {"at", v.at}});
      }
      items.push_back({{"case_id", a.case_id},
                       {"case_number", kase->number},
                       {"process", kase->process},
                       {"employer", {{"bin", kase->applicant_bin}}},
                       {"application", kase->data},
                       {"commission", a.commission_id},
                       {"meeting", {{"id", a.meeting_id}, {"held_on", a.held_on}}},
                       {"added_at", a.added_at},
                       {"recommendation",
                        a.recommendation ? nlohmann::json(*a.recommendation) : nlohmann::json()},
                       {"reasons", a.reasons},
                       {"votes", votes}});
    }
    return {};
  }));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> VoteRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t case_id, PathId(request, "case_id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto vote, RequiredString(body, "vote", 10));
  if (vote != "grant" && vote != "refuse") return Error::Unprocessable("vote: grant or refuse");
  JUMYS_ASSIGN_OR_RETURN(auto reasons, OptionalString(body, "reasons", 2000));
  if (vote == "refuse" && !reasons)
    return Error::Unprocessable("a vote to refuse gives its reasons");
  const std::string at = FormatRfc3339(ctx.clock());
  nlohmann::json out;
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto item, commission::FindAgendaItem(tx, case_id));
    std::optional<commission::CommissionRow> c;
    if (item) {
      JUMYS_ASSIGN_OR_RETURN(c, commission::FindCommission(tx, item->commission_id));
    }
    // Not on the caller's agenda: as if it did not exist.
    if (!item || !c ||
        std::find(c->members.begin(), c->members.end(), actor.login) == c->members.end()) {
      return Error::NotFound("no such case on your commission's agenda");
    }
    if (item->recommendation) return Error::Conflict("the recommendation is already recorded");
    JUMYS_TRY(commission::PutVote(tx, case_id, {actor.login, vote, reasons.value_or(""), at}));
    out = {{"case_id", case_id},
           {"member", actor.login},
           {"vote", vote},
           {"reasons", reasons.value_or("")},
           {"at", at}};
    return storage::AppendAudit(tx, {at, actor.login, "commission.vote", "case",
                                     std::to_string(case_id), c->office_id, out});
  }));
  return JsonResponse(200, out);
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
              [&ctx](HttpRequest& r, const Actor& a) { return PostMeetingRoute(ctx, r, a); }});
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
              [&ctx](HttpRequest& r, const Actor& a) { return VoteRoute(ctx, r, a); }});
}

}  // namespace jumys::http
