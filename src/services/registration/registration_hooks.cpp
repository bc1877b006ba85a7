#include "services/registration/registration_hooks.h"

#include <algorithm>

#include "engine/case_results.h"
#include "engine/case_store.h"
#include "storage/audit_log.h"
#include "storage/repositories/employment_card_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::registration {

namespace {

constexpr const char* kJobSeeker = "job_seeker";
constexpr const char* kUnemployed = "unemployed";
constexpr const char* kDeregistered = "deregistered";

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

// The unemployed person's year (processes/unemployed-attendance): each visit to the centre and
// the removal from the register, on the card and its history.
Expected<storage::EmploymentCardRow> UnemployedCard(HookContext& ctx) {
  JUMYS_TRY(NeedsPerson(ctx));
  JUMYS_ASSIGN_OR_RETURN(auto card, storage::FindEmploymentCard(ctx.tx, ctx.kase.applicant_iin));
  if (!card || card->status != kUnemployed) {
    return Error::Unprocessable("card.not_unemployed"_msg,
                                "the person is not registered as unemployed");
  }
  return std::move(*card);
}

// What the completion said that the history keeps: the declared fields only (the engine has
// validated them against the step and the outcome).
nlohmann::json Recorded(const HookContext& ctx) {
  nlohmann::json out = nlohmann::json::object();
  if (!ctx.outcome) return out;
  for (const auto& f : ctx.outcome->fields.fields) {
    auto it = ctx.data.find(f.name);
    if (it != ctx.data.end() && !it->is_null()) out[f.name] = *it;
  }
  return out;
}

Status RecordAttendance(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto card, UnemployedCard(ctx));
  nlohmann::json data = Recorded(ctx);
  data["visited_on"] = FormatDate(OfficeDate(ctx.office, ctx.now));
  if (ctx.task) data["due_at"] = ctx.task->due_at;
  return Record(ctx, std::move(card), "attended", std::move(data));
}

// Off the register on `ground`: the card says so from today, and the history keeps the ground,
// the date and who (the system when the visit's window closed).
Status Deregister(HookContext& ctx, const char* ground) {
  JUMYS_ASSIGN_OR_RETURN(auto card, UnemployedCard(ctx));
  nlohmann::json data = Recorded(ctx);
  data["ground"] = ground;
  data["on"] = FormatDate(OfficeDate(ctx.office, ctx.now));
  if (card.unemployed_since) data["unemployed_since"] = *card.unemployed_since;
  card.status = kDeregistered;
  return Record(ctx, std::move(card), "deregistered", std::move(data));
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
  hooks.AddGuard("not_registered_unemployed", "guard.not_registered_unemployed"_msg,
                 "the person is still registered as unemployed",
                 [](HookContext& ctx) -> Expected<bool> {
                   if (ctx.kase.applicant_iin.empty()) return true;
                   JUMYS_ASSIGN_OR_RETURN(
                       auto card, storage::FindEmploymentCard(ctx.tx, ctx.kase.applicant_iin));
                   return !card || card->status != kUnemployed;
                 });
  hooks.AddGuard("recorded_by_staff", "guard.recorded_by_staff"_msg,
                 "this is recorded by the centre's staff", [](HookContext& ctx) -> Expected<bool> {
                   if (ctx.actor == kSystemActor) return true;
                   JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(ctx.tx, ctx.actor));
                   return user && user->kind == "staff";
                 });
  hooks.AddGuard("registered_unemployed", "guard.registered_unemployed"_msg,
                 "the person is not registered as unemployed",
                 [](HookContext& ctx) -> Expected<bool> {
                   if (ctx.kase.applicant_iin.empty()) return false;
                   JUMYS_ASSIGN_OR_RETURN(
                       auto card, storage::FindEmploymentCard(ctx.tx, ctx.kase.applicant_iin));
                   return card && card->status == kUnemployed;
                 });
  hooks.AddGuard("sole_attendance_case", "guard.sole_attendance_case"_msg,
                 "the person's attendance is already kept by another case",
                 [](HookContext& ctx) -> Expected<bool> {
                   CaseFilter filter;
                   filter.applicant_iin = ctx.kase.applicant_iin;
                   filter.process = ctx.def.code;
                   filter.status = kCaseOpen;
                   filter.limit = 2;
                   JUMYS_ASSIGN_OR_RETURN(auto open, ListCases(ctx.tx, filter));
                   return std::none_of(open.begin(), open.end(),
                                       [&](const CaseRow& c) { return c.id != ctx.kase.id; });
                 });
  hooks.AddEffect("record_attendance", RecordAttendance);
  hooks.AddEffect("deregister_employed",
                  [](HookContext& ctx) { return Deregister(ctx, "employed"); });
  hooks.AddEffect("deregister_no_show",
                  [](HookContext& ctx) { return Deregister(ctx, "failed_to_attend"); });
  hooks.AddEffect("deregister_on_request",
                  [](HookContext& ctx) { return Deregister(ctx, "own_request"); });
}

}  // namespace jumys::registration
