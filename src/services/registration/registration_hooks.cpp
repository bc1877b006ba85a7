#include "services/registration/registration_hooks.h"

#include "engine/case_results.h"
#include "storage/audit_log.h"
#include "storage/repositories/employment_card_repository.h"

namespace jumys::registration {

namespace {

constexpr const char* kJobSeeker = "job_seeker";
constexpr const char* kUnemployed = "unemployed";

// The card is a person's: the definitions naming these effects declare `applicant: person`,
// so the engine has already refused any other filing.
Status NeedsPerson(const HookContext& ctx) {
  if (ctx.kase.applicant_iin.empty()) {
    return Error::Internal(ctx.def.code + ": an employment card effect in a case without an IIN");
  }
  return {};
}

// Writes the card, its history entry and the audit event together.
Status Record(HookContext& ctx, storage::EmploymentCardRow card, const std::string& action,
              nlohmann::json data) {
  const std::string now = FormatRfc3339(ctx.now);
  card.last_case_id = ctx.kase.id;
  card.updated_at = now;
  if (card.created_at.empty()) card.created_at = now;
  JUMYS_TRY(storage::UpsertEmploymentCard(ctx.tx, card));
  data["case_number"] = ctx.kase.number;
  data["status"] = card.status;
  JUMYS_TRY(
      storage::AppendCardHistory(ctx.tx, {0, card.iin, now, ctx.actor, action, ctx.kase.id, data}));
  data["case"] = ctx.kase.id;
  ctx.events.push_back({now, ctx.actor, "employment_card." + action, "employment_card", card.iin,
                        card.office_id, data});
  return {};
}

Status UpsertCard(HookContext& ctx) {
  JUMYS_TRY(NeedsPerson(ctx));
  JUMYS_ASSIGN_OR_RETURN(auto existing,
                         storage::FindEmploymentCard(ctx.tx, ctx.kase.applicant_iin));
  storage::EmploymentCardRow card;
  if (existing) {
    card = *existing;
  } else {
    card.iin = ctx.kase.applicant_iin;
    card.status = kJobSeeker;
    card.job_seeker_since = FormatDate(OfficeDate(ctx.office, ctx.now));
  }
  card.office_id = ctx.kase.office_id;
  return Record(ctx, std::move(card), existing ? "updated" : "created", nlohmann::json::object());
}

Status MarkUnemployed(HookContext& ctx) {
  JUMYS_TRY(NeedsPerson(ctx));
  JUMYS_ASSIGN_OR_RETURN(auto card, storage::FindEmploymentCard(ctx.tx, ctx.kase.applicant_iin));
  if (!card) {
    return Error::Unprocessable("card.none_to_mark"_msg,
                                "the applicant has no individual employment card to mark");
  }
  nlohmann::json data = nlohmann::json::object();
  if (card->status == kUnemployed) {
    data["already_since"] = card->unemployed_since.value_or("");
  } else {
    card->status = kUnemployed;
    card->unemployed_since = FormatDate(OfficeDate(ctx.office, ctx.now));
  }
  card->office_id = ctx.kase.office_id;
  return Record(ctx, std::move(*card), "marked_unemployed", std::move(data));
}

Status RecordReferral(HookContext& ctx) {
  JUMYS_TRY(NeedsPerson(ctx));
  JUMYS_ASSIGN_OR_RETURN(auto card, storage::FindEmploymentCard(ctx.tx, ctx.kase.applicant_iin));
  if (!card) {
    return Error::Unprocessable("card.none"_msg, "the applicant has no individual employment card");
  }
  if (!ctx.kase.decided) return Error::Internal("record_referral before a referral was decided");
  return Record(ctx, std::move(*card), "referral", {{"referral", ctx.kase.decided->kind}});
}

}  // namespace

void AddRegistrationHooks(CaseHooks& hooks) {
  hooks.AddGuard("has_employment_card", "guard.has_employment_card"_msg,
                 "the applicant has no individual employment card in the IS as a job seeker or "
                 "as unemployed",
                 [](HookContext& ctx) -> Expected<bool> {
                   if (ctx.kase.applicant_iin.empty()) return false;
                   JUMYS_ASSIGN_OR_RETURN(
                       auto card, storage::FindEmploymentCard(ctx.tx, ctx.kase.applicant_iin));
                   return card.has_value();
                 });
  hooks.AddEffect("upsert_employment_card", UpsertCard);
  hooks.AddEffect("mark_unemployed", MarkUnemployed);
  hooks.AddEffect("record_referral", RecordReferral);
}

}  // namespace jumys::registration
