#include "services/permits/permit_hooks.h"

#include <set>

#include "engine/case_results.h"
#include "engine/case_store.h"
#include "services/permits/permit_application.h"
#include "services/permits/permit_store.h"
#include "storage/audit_log.h"
#include "storage/repositories/document_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::permits {

namespace {

using permits::PermitRow;

Date Today(const HookContext& ctx) { return OfficeDate(ctx.office, ctx.now); }

Expected<permits::Application> Content(const HookContext& ctx) {
  return permits::ParseApplication(ctx.def.code, ctx.kase.data, ctx.office.oblast_kato);
}

void Event(HookContext& ctx, std::string action, std::string entity, std::string id,
           nlohmann::json data) {
  data["case"] = ctx.kase.id;
  ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, std::move(action), std::move(entity),
                        std::move(id), ctx.kase.office_id, std::move(data)});
}

Status Record(HookContext& ctx, const std::string& kind, nlohmann::json data) {
  JUMYS_TRY(
      permits::PutCaseRecord(ctx.tx, ctx.kase.id, kind, data, ctx.actor, FormatRfc3339(ctx.now)));
  Event(ctx, "permit_case." + kind, "case", std::to_string(ctx.kase.id), std::move(data));
  return {};
}

// The last day of a term of `months` starting on `from` (both days included).
Date TermEnd(Date from, int months) {
  using namespace std::chrono;
  const year_month ym = year_month{from.year(), from.month()} + std::chrono::months{months};
  const day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  const Date same{ym.year(), ym.month(), std::min(from.day(), last)};
  return Date{sys_days{same} - days{1}};
}

std::string PrintedDate(const std::string& iso) {
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

// 6.2: the receipt, and in S4a the tear-off coupon with the employer's consent. Both carry the
// registration date, the date the result is due (the case's result_due_on: the service term
// from filing on the calendar, fixed when the case was filed) and the receiving clerk's full
// name.
Status IssueCoupon(HookContext& ctx, bool coupon) {
  if (!ctx.task) return Error::Internal("the receipt is issued at a registration task");
  if (!ctx.kase.result_due_on) {
    return Error::Internal(ctx.def.code + ": the receipt needs the service term's due date");
  }
  JUMYS_ASSIGN_OR_RETURN(auto clerk, storage::FindUserByLogin(ctx.tx, ctx.actor));
  nlohmann::json record = {{"case_number", ctx.kase.number},
                           {"registered_at", FormatRfc3339(ctx.now)},
                           {"registered_on", FormatDate(Today(ctx))},
                           {"result_due_on", *ctx.kase.result_due_on},
                           {"clerk", ctx.actor},
                           {"clerk_name", clerk ? clerk->full_name : ctx.actor},
                           {"documents", ctx.kase.documents}};
  // The printed coupon and receipt (annex 7), when the document service is wired.
  if (ctx.hooks && ctx.hooks->documents().issue_document) {
    std::string listed;
    for (const auto& d : ctx.kase.documents) {
      listed += (listed.empty() ? "" : ", ") + d.value("type", std::string());
    }
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t doc,
                           ctx.hooks->documents().issue_document(
                               ctx, "coupon_receipt",
                               {{"documents_list", listed},
                                {"registration_date", PrintedDate(record["registered_on"])},
                                {"due_date", PrintedDate(record["result_due_on"])},
                                {"clerk_name", record["clerk_name"]}}));
    record["document_url"] = DocumentUrl(ctx.kase.id, doc);
  }
  JUMYS_TRY(Record(ctx, coupon ? "coupon" : "receipt", record));
  if (!coupon) return {};
  // The consent was given with the application (no consent, no case); the clerk obtains it
  // here (6.2), so who gave it and who took it go on the audit chain.
  Event(ctx, "consent.record", "case", std::to_string(ctx.kase.id),
        {{"purpose", "use of legally protected secrets held in information systems"},
         {"given_by", {{"bin", ctx.kase.applicant_bin}}},
         {"obtained_by", ctx.actor},
         {"application_filed_at", ctx.kase.created_at}});
  return {};
}

Expected<std::string> NextNumber(HookContext& ctx, const char* counter, char letter) {
  return NextOfficeNumber(ctx.tx, ctx.office, ctx.now, counter, std::string(1, letter));
}

// The permit an application for reissue or extension refers to; nullopt when it is not the
// applicant's or of another kind (S4e refers to intra-corporate permits, S4b/S4c to others).
Expected<std::optional<PermitRow>> ReferredPermit(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto app, Content(ctx));
  JUMYS_ASSIGN_OR_RETURN(auto permit, permits::FindPermit(ctx.tx, app.permit_number));
  const std::string kind =
      ctx.def.code == permits::kIctRenewal ? permits::kPermitIct : permits::kPermitStandard;
  if (!permit || permit->employer_bin != ctx.kase.applicant_bin || permit->kind != kind) {
    return std::optional<PermitRow>{};
  }
  return permit;
}

Expected<PermitRow> ValidReferredPermit(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto permit, ReferredPermit(ctx));
  if (!permit || permit->status != permits::kPermitValid) {
    return Error::Unprocessable("permit.referred_not_valid"_msg,
                                "the permit referred to is not a valid permit of the applicant");
  }
  return std::move(*permit);
}

nlohmann::json PermitEventData(const PermitRow& p) {
  nlohmann::json d = {{"number", p.number},          {"kind", p.kind},
                      {"bin", p.employer_bin},       {"category", p.category},
                      {"workers", p.workers},        {"occupation", p.occupation},
                      {"region", p.region},          {"valid_from", p.valid_from},
                      {"valid_until", p.valid_until}};
  if (p.previous_id) d["previous"] = *p.previous_id;
  return d;
}

// The first day of a new permit's term: the day the head's signed draft was made (kept in a
// 'permit_draft' record when signing is not where the permit is registered), so the signed
// document and the registry agree; today while the draft is being made.
Expected<Date> TermStart(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto kept, permits::FindCaseRecord(ctx.tx, ctx.kase.id, "permit_draft"));
  if (kept) return ParseDate(kept->value("valid_from", ""));
  if (ctx.task) {
    JUMYS_ASSIGN_OR_RETURN(auto draft,
                           storage::FindTaskDraftOfKind(ctx.tx, ctx.task->id, "permit", false));
    if (draft) {
      JUMYS_ASSIGN_OR_RETURN(const Instant made, ParseRfc3339(draft->created_at));
      return OfficeDate(ctx.office, made);
    }
  }
  return Today(ctx);
}

// The permit the case results in: a new one from the application (S4a, S4d) or the next one
// in the chain of the permit referred to (S4b, S4c, S4e). Its number and term are fixed when
// the head's draft is made (a 'permit_draft' record), so the signed document and the registry
// agree; `old` is set to the permit it supersedes.
struct Plan {
  PermitRow permit;
  std::optional<PermitRow> old;
  bool extend = false;
};

Expected<Plan> PlanPermit(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto app, Content(ctx));
  Plan plan;
  PermitRow& p = plan.permit;
  p.employer_bin = ctx.kase.applicant_bin;
  p.office_id = ctx.kase.office_id;
  p.case_id = ctx.kase.id;
  p.created_at = p.updated_at = FormatRfc3339(ctx.now);
  const std::string& code = ctx.def.code;
  if (code == permits::kIssue || code == permits::kIct) {
    p.kind = code == permits::kIct ? permits::kPermitIct : permits::kPermitStandard;
    p.category = app.category;
    p.workers = app.workers;
    p.occupation = app.occupation;
    p.region = app.region;
    p.host_company = app.host_company;
    JUMYS_ASSIGN_OR_RETURN(const Date from, TermStart(ctx));
    p.valid_from = FormatDate(from);
    p.valid_until = FormatDate(TermEnd(from, app.term_months));
  } else {
    JUMYS_ASSIGN_OR_RETURN(auto old, ValidReferredPermit(ctx));
    plan.extend = code == permits::kExtension || app.action == "extend";
    if (plan.extend && old.kind == permits::kPermitIct && old.extensions > 0) {
      return Error::Unprocessable("permit.ict_extended_once"_msg,
                                  "an intra-corporate transfer permit is extended only once");
    }
    p.kind = old.kind;
    p.category = old.category;
    p.workers = old.workers;
    p.occupation = old.occupation;
    p.region = old.region;
    p.host_company = old.host_company;
    p.previous_id = old.id;
    p.extensions = old.extensions + (plan.extend ? 1 : 0);
    p.valid_from = old.valid_from;
    p.valid_until = old.valid_until;
    if (plan.extend) {
      JUMYS_ASSIGN_OR_RETURN(const Date last, ParseDate(old.valid_until));
      const Date from{std::chrono::sys_days{last} + std::chrono::days{1}};
      p.valid_from = FormatDate(from);
      p.valid_until = FormatDate(TermEnd(from, app.term_months));
    }
    plan.old = std::move(old);
  }
  // One permit per case: its number follows from the case's, so the draft can print it.
  p.number = ctx.kase.number + "-P";
  return plan;
}

const char* Variant(const Plan& plan) {
  if (plan.permit.kind == permits::kPermitIct && !plan.old) return "ict";
  if (!plan.old) return "issued";
  return plan.extend ? "extended" : "reissued";
}

// The values of the permit document (reference/documents/permit.yaml) for the head's draft.
Expected<std::map<std::string, std::string>> PermitFields(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto plan, PlanPermit(ctx));
  const PermitRow& p = plan.permit;
  std::map<std::string, std::string> f = {{"permit_number", p.number},
                                          {"permit_variant", Variant(plan)},
                                          {"occupation", p.occupation},
                                          {"workers_count", std::to_string(p.workers)},
                                          {"work_region", p.region},
                                          {"valid_from", PrintedDate(p.valid_from)},
                                          {"valid_until", PrintedDate(p.valid_until)}};
  if (plan.old) f["previous_permit"] = plan.old->number;
  return f;
}

constexpr const char* kQuotaReserved = "quota_reserved";

// The grant holds its workers in the quota at once, so that no later grant can take them
// while the employer pays the fee; the reservation is kept on the case.
Status ReserveQuota(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto app, Content(ctx));
  const int year = static_cast<int>(Today(ctx).year());
  JUMYS_ASSIGN_OR_RETURN(const bool taken, permits::TakeQuota(ctx.tx, ctx.kase.office_id, year,
                                                              app.category, app.workers));
  if (!taken) {
    return Error::Unprocessable("permit.quota_exhausted"_msg,
                                "the quota for category {category} is exhausted: refuse citing "
                                "quota_exhausted",
                                {{"category", std::to_string(app.category)}});
  }
  const nlohmann::json held = {
      {"year", year}, {"category", app.category}, {"workers", app.workers}};
  ctx.kase.data[kQuotaReserved] = held;
  Event(ctx, "permit_quota.reserve", "case", std::to_string(ctx.kase.id), held);
  return {};
}

// A lapsed case gives its reserved workers back to the quota.
Status ReleaseQuota(HookContext& ctx) {
  auto held = ctx.kase.data.find(kQuotaReserved);
  if (held == ctx.kase.data.end()) return {};
  const nlohmann::json released = *held;
  JUMYS_ASSIGN_OR_RETURN(
      const bool returned,
      permits::TakeQuota(ctx.tx, ctx.kase.office_id, released["year"].get<int>(),
                         released["category"].get<int>(), -released["workers"].get<int>()));
  if (!returned) return Error::Internal("the reserved quota row is missing");
  ctx.kase.data.erase(kQuotaReserved);
  Event(ctx, "permit_quota.release", "case", std::to_string(ctx.kase.id), released);
  return {};
}

// Registers the planned permit; a standard new one takes its workers from the quota unless
// its grant reserved them (intra-corporate transfers are outside it), a renewal supersedes
// the old one.
Status RegisterPlanned(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto plan, PlanPermit(ctx));
  PermitRow& p = plan.permit;
  if (!plan.old && p.kind == permits::kPermitStandard && !ctx.kase.data.contains(kQuotaReserved)) {
    JUMYS_ASSIGN_OR_RETURN(const bool taken, permits::TakeQuota(ctx.tx, ctx.kase.office_id,
                                                                static_cast<int>(Today(ctx).year()),
                                                                p.category, p.workers));
    if (!taken) {
      return Error::Unprocessable(
          "permit.quota_exhausted_at_registration"_msg,
          "the quota for category {category} is exhausted: the permit cannot be registered",
          {{"category", std::to_string(p.category)}});
    }
  }
  if (plan.old) {
    JUMYS_ASSIGN_OR_RETURN(
        const bool moved,
        permits::SupersedePermit(ctx.tx, plan.old->id, plan.extend ? "extended" : "reissued",
                                 p.created_at));
    if (!moved)
      return Error::Conflict("permit.changed_meanwhile"_msg, "the permit changed meanwhile");
  }
  JUMYS_ASSIGN_OR_RETURN(p.id, permits::InsertPermit(ctx.tx, p));
  Event(ctx,
        std::string("permit.") + (plan.old ? (plan.extend ? "extend" : "reissue") : "register"),
        "permit", p.number, PermitEventData(p));
  return {};
}

Expected<bool> QuotaAvailable(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto app, Content(ctx));
  JUMYS_ASSIGN_OR_RETURN(auto quota,
                         permits::FindQuota(ctx.tx, ctx.kase.office_id,
                                            static_cast<int>(Today(ctx).year()), app.category));
  return quota && quota->used + app.workers <= quota->quota;
}

// The text at `key` of a validated object; "" when absent.
std::string TextAt(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// 6.8: the fee payment documents, `payment` as the outcome `fee_paid` declares it (number,
// day paid, amount) and the engine has validated it. Left here: what a field cannot say.
Status RecordFeePayment(HookContext& ctx) {
  const nlohmann::json* pay = nullptr;
  const nlohmann::json* tiyn = nullptr;
  if (auto p = ctx.data.find("payment"); p != ctx.data.end() && p->is_object()) {
    pay = &*p;
    if (auto a = p->find("amount"); a != p->end() && a->is_object()) {
      if (auto t = a->find("amount"); t != a->end() && t->is_number_integer()) tiyn = &*t;
    }
  }
  if (!tiyn) return Error::Internal(ctx.def.code + ": fee_paid has no validated data.payment");
  const std::string paid_on = TextAt(*pay, "paid_on");
  // A `money` field is in tenge (the engine refuses any other currency), as the fee is.
  // It is paid on the decision it follows, not before.
  JUMYS_ASSIGN_OR_RETURN(auto notice,
                         permits::FindCaseRecord(ctx.tx, ctx.kase.id, "decision_notice"));
  const std::string notice_on = notice ? notice->value("issued_on", "") : "";
  if (paid_on < notice_on) {
    return Error::Unprocessable(
        "data.invalid"_msg, "the data is not valid", {},
        {ErrorDetail("data.payment.paid_on", "permit.paid_before_notice"_msg,
                     "is before the decision notice of {notice_on}", {{"notice_on", notice_on}})});
  }
  return Record(
      ctx, "fee_payment",
      {{"document_number", TextAt(*pay, "document_number")},
       {"paid_on", paid_on},
       {"amount", {{"amount", *tiyn}, {"currency", TextAt(pay->at("amount"), "currency")}}},
       {"recorded_by", ctx.actor}});
}

// 6.9: the postal item's tracking number (UPU S10, as Kazpost prints it: "RA123456789KZ"), as
// the outcome `posted` declares it.
Status RecordDispatch(HookContext& ctx) {
  const std::string tracking = TextAt(ctx.data, "tracking_number");
  if (tracking.empty()) {
    return Error::Internal(ctx.def.code + ": posted has no validated data.tracking_number");
  }
  JUMYS_ASSIGN_OR_RETURN(auto permit, permits::FindPermitOfCase(ctx.tx, ctx.kase.id));
  nlohmann::json data = {{"tracking_number", tracking},
                         {"delivery_notice", true},
                         {"posted_on", FormatDate(Today(ctx))}};
  if (permit) data["permit"] = permit->number;
  return Record(ctx, "dispatch", std::move(data));
}

// 6.8 (S4a) / 6.6 (S4c): the executor registers the notice the head signed and sends it. The
// signed draft is issued into the case's documents under its own number (the notification to
// the employer that follows links it); a refusal's notice is the case's result, the reasoned
// refusal with its grounds. Without a document service only the record is kept.
Status IssueDecisionNotice(HookContext& ctx) {
  if (!ctx.kase.decided) return Error::Internal("a decision notice before a decision");
  const bool refused = ctx.kase.decided->kind != "permit";
  nlohmann::json record = {{"decision", ctx.kase.decided->kind},
                           {"grounds", ctx.kase.grounds},
                           {"issued_on", FormatDate(Today(ctx))}};
  if (!refused) {
    JUMYS_ASSIGN_OR_RETURN(auto kept, permits::FindCaseRecord(ctx.tx, ctx.kase.id, "permit_draft"));
    JUMYS_ASSIGN_OR_RETURN(auto signed_permit,
                           storage::FindSignedDraft(ctx.tx, ctx.kase.id, "permit"));
    // A permit signed with the notice (S4c 6.5) keeps the term printed on it.
    if (signed_permit && !kept) {
      JUMYS_ASSIGN_OR_RETURN(auto plan, PlanPermit(ctx));
      JUMYS_TRY(Record(ctx, "permit_draft",
                       {{"number", plan.permit.number},
                        {"valid_from", plan.permit.valid_from},
                        {"valid_until", plan.permit.valid_until}}));
    }
  }
  if (ctx.hooks && ctx.hooks->documents().issue_document) {
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t doc,
                           ctx.hooks->documents().issue_document(ctx, "decision_notice", {}));
    JUMYS_ASSIGN_OR_RETURN(auto row, FindDocument(ctx.tx, ctx.kase.id, doc));
    if (!row) return Error::Internal("the decision notice was not registered");
    record["number"] = row->number;
    if (refused) {
      ctx.kase.result =
          CaseResult{ctx.kase.decided->kind, row->number, row->id, ctx.kase.grounds, {}, {}};
      Event(ctx, "result.issue", "case", std::to_string(ctx.kase.id),
            {{"kind", ctx.kase.decided->kind}, {"number", row->number}, {"document", row->id}});
    }
    record["document_url"] = DocumentUrl(ctx.kase.id, doc);
  } else {
    JUMYS_ASSIGN_OR_RETURN(record["number"], NextNumber(ctx, "notice", 'N'));
    if (refused) JUMYS_TRY(IssueResult(ctx, ctx.kase.decided->kind, ctx.kase.grounds));
  }
  return Record(ctx, "decision_notice", record);
}

// The values of the decision notice (reference/documents/decision_notice.yaml): the decision
// as the case stands (a grant is the permit's issue or extension), the fee for a grant, and
// what the permit is for.
Expected<std::map<std::string, std::string>> NoticeFields(HookContext& ctx) {
  if (!ctx.kase.decided) return Error::Internal("a decision notice before a decision");
  std::map<std::string, std::string> f;
  if (ctx.kase.decided->kind != "permit") {
    f["decision"] = "refuse";
    f["fee"] = "none";
    return f;
  }
  JUMYS_ASSIGN_OR_RETURN(auto plan, PlanPermit(ctx));
  f["decision"] = plan.old ? "extend" : "issue";
  f["fee"] = "due";
  f["occupation"] = plan.permit.occupation;
  f["workers_count"] = std::to_string(plan.permit.workers);
  f["work_region"] = plan.permit.region;
  if (plan.old) f["previous_permit"] = plan.old->number;
  return f;
}

}  // namespace

Expected<std::map<std::string, std::string>> PermitDocumentFields(HookContext& ctx) {
  return PermitFields(ctx);
}

Expected<std::map<std::string, std::string>> DecisionNoticeFields(HookContext& ctx) {
  return NoticeFields(ctx);
}

Expected<PermitValidity> PermitDocumentValidity(storage::Tx& tx, std::int64_t case_id, Date today) {
  JUMYS_ASSIGN_OR_RETURN(auto permit, permits::FindPermitOfCase(tx, case_id));
  if (!permit) return PermitValidity{"valid", ""};
  const std::string status = permit->StatusOn(today);
  return PermitValidity{status == "reissued" || status == "extended" ? "superseded" : status,
                        permit->valid_until};
}

void AddPermitHooks(CaseHooks& hooks) {
  hooks.AddGuard("quota_available", "guard.quota_available"_msg,
                 "the oblast's quota for this year and worker category does not admit that many "
                 "workers (refuse citing quota_exhausted)",
                 QuotaAvailable);
  hooks.AddGuard("permit_valid", "guard.permit_valid"_msg,
                 "the permit referred to is not a valid permit of the applicant (refuse citing "
                 "permit_not_valid)",
                 [](HookContext& ctx) -> Expected<bool> {
                   JUMYS_ASSIGN_OR_RETURN(auto permit, ReferredPermit(ctx));
                   return permit && permit->status == permits::kPermitValid;
                 });
  hooks.AddGuard("permit_not_expired", "guard.permit_not_expired"_msg,
                 "the permit referred to has expired and cannot be extended or reissued (refuse "
                 "citing permit_expired)",
                 [](HookContext& ctx) -> Expected<bool> {
                   JUMYS_ASSIGN_OR_RETURN(auto permit, ReferredPermit(ctx));
                   return permit && permit->valid_until >= FormatDate(Today(ctx));
                 });
  hooks.AddGuard("ict_extension_allowed", "guard.ict_extension_allowed"_msg,
                 "an intra-corporate transfer permit is extended only once (refuse citing "
                 "extension_limit_reached)",
                 [](HookContext& ctx) -> Expected<bool> {
                   JUMYS_ASSIGN_OR_RETURN(auto app, Content(ctx));
                   if (app.action != "extend") return true;
                   JUMYS_ASSIGN_OR_RETURN(auto permit, ReferredPermit(ctx));
                   return !permit || permit->extensions == 0;
                 });
  hooks.AddCheck("check_permit_application", [](HookContext& ctx) -> Status {
    JUMYS_TRY(Content(ctx));
    return {};
  });
  hooks.AddEffect("issue_coupon_and_receipt",
                  [](HookContext& ctx) { return IssueCoupon(ctx, true); });
  hooks.AddEffect("issue_receipt", [](HookContext& ctx) { return IssueCoupon(ctx, false); });
  hooks.AddEffect("issue_decision_notice", IssueDecisionNotice);
  hooks.AddEffect("record_fee_payment", RecordFeePayment);
  hooks.AddEffect("reserve_quota", ReserveQuota);
  hooks.AddEffect("release_quota", ReleaseQuota);
  // Which permit comes out (new, reissued, extended) follows from the process and the request.
  for (const char* name :
       {"register_permit", "reissue_permit", "extend_permit", "renew_ict_permit"}) {
    hooks.AddEffect(name, RegisterPlanned);
  }
  hooks.AddEffect("record_dispatch", RecordDispatch);
}

}  // namespace jumys::permits
