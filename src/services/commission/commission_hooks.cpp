#include "services/commission/commission_hooks.h"

#include "engine/case_results.h"
#include "services/commission/commission_store.h"
#include "storage/audit_log.h"

namespace jumys::commission {

namespace {

Status AddToAgendaEffect(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto commission, CommissionOfOffice(ctx.tx, ctx.kase.office_id));
  if (!commission) {
    return Error::Unprocessable(
        "commission.none_at_office"_msg,
        "office {office} has no commission on foreign-labour permits set up",
        {{"office", ctx.kase.office_id}});
  }
  const std::string today = FormatDate(OfficeDate(ctx.office, ctx.now));
  const std::string at = FormatRfc3339(ctx.now);
  JUMYS_ASSIGN_OR_RETURN(auto meeting, NextMeeting(ctx.tx, commission->id, today));
  if (!meeting) {
    JUMYS_ASSIGN_OR_RETURN(meeting, InsertMeeting(ctx.tx, commission->id, today, ctx.actor, at));
  }
  JUMYS_TRY(AddToAgenda(ctx.tx, ctx.kase.id, *meeting, at));
  ctx.events.push_back({at,
                        ctx.actor,
                        "commission.agenda_add",
                        "case",
                        std::to_string(ctx.kase.id),
                        ctx.kase.office_id,
                        {{"commission", commission->id}, {"meeting", *meeting}}});
  return {};
}

Status RecordRecommendationEffect(HookContext& ctx) {
  if (!ctx.outcome) return Error::Internal("record_recommendation outside an outcome");
  const bool grant = ctx.outcome->id == "recommend_grant";
  JUMYS_ASSIGN_OR_RETURN(auto item, FindAgendaItem(ctx.tx, ctx.kase.id));
  if (!item) {
    return Error::Unprocessable("commission.case_not_on_agenda"_msg,
                                "the case is not on the commission's agenda");
  }
  JUMYS_ASSIGN_OR_RETURN(auto commission, FindCommission(ctx.tx, item->commission_id));
  if (!commission || commission->secretary != ctx.actor) {
    return Error::Forbidden("commission.secretary_records"_msg,
                            "the recommendation is recorded by the secretary of the commission");
  }
  if (item->votes.empty()) {
    return Error::Unprocessable("commission.no_votes"_msg, "no member has voted on the case yet");
  }
  // The reasons, as the outcome declares them (required for a refusal).
  auto reasons = ctx.data.find("reasons");
  const std::string text =
      reasons != ctx.data.end() && reasons->is_string() ? reasons->get<std::string>() : "";
  int for_grant = 0;
  for (const auto& v : item->votes) for_grant += v.vote == "grant";
  const std::string at = FormatRfc3339(ctx.now);
  JUMYS_ASSIGN_OR_RETURN(
      const bool recorded,
      RecordRecommendation(ctx.tx, ctx.kase.id, grant ? "grant" : "refuse", text, ctx.actor, at));
  if (!recorded) {
    return Error::Conflict("commission.already_recommended"_msg,
                           "the recommendation is already recorded");
  }
  ctx.events.push_back(
      {at,
       ctx.actor,
       "commission.recommendation",
       "case",
       std::to_string(ctx.kase.id),
       ctx.kase.office_id,
       {{"recommendation", grant ? "grant" : "refuse"},
        {"reasons", text},
        {"meeting", item->meeting_id},
        {"votes",
         {{"grant", for_grant}, {"refuse", static_cast<int>(item->votes.size()) - for_grant}}}}});
  return {};
}

}  // namespace

void AddCommissionHooks(CaseHooks& hooks) {
  hooks.AddGuard("commission_recommended_grant", "guard.commission_recommended_grant"_msg,
                 "the commission recommended refusing the permit (refuse citing "
                 "commission_recommended_refusal)",
                 [](HookContext& ctx) -> Expected<bool> {
                   JUMYS_ASSIGN_OR_RETURN(auto item, FindAgendaItem(ctx.tx, ctx.kase.id));
                   return item && item->recommendation == "grant";
                 });
  hooks.AddEffect("add_to_commission_agenda", AddToAgendaEffect);
  hooks.AddEffect("record_recommendation", RecordRecommendationEffect);
}

}  // namespace jumys::commission
