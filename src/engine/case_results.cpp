#include "engine/case_results.h"

#include <fmt/format.h>

#include "engine/case_store.h"
#include "storage/audit_log.h"
#include "storage/repositories/document_repository.h"

namespace jumys {

namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

int OfficeYear(const Office& office, Instant at) {
  return static_cast<int>(OfficeDate(office, at).year());
}

}  // namespace

Date OfficeDate(const Office& office, Instant at) {
  return Date{std::chrono::floor<std::chrono::days>(office.time_zone.ToLocal(at))};
}

Expected<std::string> NextOfficeNumber(storage::Tx& tx, const Office& office, Instant now,
                                       const std::string& counter, std::string_view prefix) {
  const int year = OfficeYear(office, now);
  JUMYS_ASSIGN_OR_RETURN(auto n, NextCounter(tx, office.id, year, counter));
  return fmt::format("{}-{}-{}{:06}", Upper(office.id), year, prefix, n);
}

Expected<std::string> NextCaseNumber(storage::Tx& tx, const Office& office, Instant now) {
  return NextOfficeNumber(tx, office, now, "case", "");
}

Expected<std::string> NextResultNumber(HookContext& ctx) {
  return NextOfficeNumber(ctx.tx, ctx.office, ctx.now, "result", "R");
}

Expected<std::string> ReserveResultNumber(HookContext& ctx, const std::string& kind,
                                          nlohmann::json why) {
  JUMYS_ASSIGN_OR_RETURN(auto number, NextResultNumber(ctx));
  why["kind"] = kind;
  why["number"] = number;
  ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, "result.number_reserve", "case",
                        std::to_string(ctx.kase.id), ctx.kase.office_id, std::move(why)});
  return number;
}

Status IssueResult(HookContext& ctx, const std::string& kind, std::vector<std::string> grounds,
                   std::vector<std::string> missing, std::vector<std::string> expired) {
  DocumentRow doc;
  doc.case_id = ctx.kase.id;
  doc.kind = kind;
  // A signed draft of the result carries the number reserved when it was drawn
  // (services/documents, DraftForTask): the result is issued under it. A draft drawn before
  // numbers were reserved carries the case's number instead.
  JUMYS_ASSIGN_OR_RETURN(auto draft, storage::FindSignedDraft(ctx.tx, ctx.kase.id, kind));
  if (draft && draft->number != ctx.kase.number) doc.number = draft->number;
  if (doc.number.empty()) {
    JUMYS_ASSIGN_OR_RETURN(doc.number, NextResultNumber(ctx));
  }
  doc.office_id = ctx.office.id;
  doc.issued_at = FormatRfc3339(ctx.now);
  doc.issued_by = ctx.actor;
  doc.data = {{"grounds", grounds}, {"missing", missing}, {"expired", expired}};
  JUMYS_ASSIGN_OR_RETURN(doc.id, InsertDocument(ctx.tx, doc));
  if (ctx.hooks && ctx.hooks->documents().store_result) {
    JUMYS_TRY(ctx.hooks->documents().store_result(ctx, doc));
  }
  ctx.kase.result = CaseResult{
      kind, doc.number, doc.id, std::move(grounds), std::move(missing), std::move(expired)};
  ctx.events.push_back({doc.issued_at,
                        ctx.actor,
                        "result.issue",
                        "case",
                        std::to_string(ctx.kase.id),
                        ctx.kase.office_id,
                        {{"kind", kind}, {"number", doc.number}, {"document", doc.id}}});
  return {};
}

std::string DocumentUrl(std::int64_t case_id, std::int64_t document_id) {
  return "/api/v1/cases/" + std::to_string(case_id) + "/documents/" + std::to_string(document_id);
}

namespace {

// `one_open_case: true` (definition_parser.cpp makes it this check, run first at filing): the
// applicant has no other open case of the process. Inside the filing's write, so two filings
// at once cannot both pass; the new case itself is already inserted and so left out.
Status NoOtherOpenCase(HookContext& ctx) {
  const bool by_iin = !ctx.kase.applicant_iin.empty();
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      ctx.tx.Query(std::string("SELECT id, number FROM cases WHERE process = $1 AND status = $2 "
                               "AND id <> $3 AND ") +
                       (by_iin ? "applicant_iin" : "applicant_bin") + " = $4 ORDER BY id LIMIT 1",
                   {ctx.kase.process, std::string(kCaseOpen), ctx.kase.id,
                    by_iin ? ctx.kase.applicant_iin : ctx.kase.applicant_bin}));
  if (rows.empty()) return {};
  return Error::Conflict("case.one_open_case"_msg,
                         "the applicant already has an open case of this service: {number}. "
                         "A second one cannot be filed until it ends",
                         {{"case", std::to_string(rows.Int(0, 0))}, {"number", rows.Text(0, 1)}});
}

}  // namespace

void AddEngineEffects(CaseHooks& hooks) {
  hooks.AddCheck("one_open_case", NoOtherOpenCase);
  // Portal 9.2 of S4: the executor accepted the request; the applicant's cabinet shows the
  // case as accepted from this moment (cases.accepted_at). Set once: a later acceptance keeps
  // the first moment.
  hooks.AddEffect("mark_accepted", [](HookContext& ctx) -> Status {
    if (ctx.kase.accepted_at) return {};
    const std::string at = FormatRfc3339(ctx.now);
    ctx.kase.accepted_at = at;
    ctx.events.push_back({at,
                          ctx.actor,
                          "case.accepted",
                          "case",
                          std::to_string(ctx.kase.id),
                          ctx.kase.office_id,
                          {{"number", ctx.kase.number}}});
    return {};
  });
  hooks.AddEffect("issue_result", [](HookContext& ctx) -> Status {
    if (!ctx.kase.decided) {
      return Error::Internal("issue_result in " + ctx.def.code + ": no result decided yet");
    }
    return IssueResult(ctx, ctx.kase.decided->kind, ctx.kase.grounds);
  });
  hooks.AddEffect("deliver_to_cabinet", [](HookContext& ctx) -> Status {
    if (!ctx.kase.result) {
      return Error::Internal("deliver_to_cabinet in " + ctx.def.code + ": no result issued yet");
    }
    const std::string at = FormatRfc3339(ctx.now);
    JUMYS_TRY(MarkDocumentDelivered(ctx.tx, ctx.kase.result->document_id, at));
    ctx.events.push_back({at,
                          ctx.actor,
                          "result.deliver",
                          "case",
                          std::to_string(ctx.kase.id),
                          ctx.kase.office_id,
                          {{"number", ctx.kase.result->number}, {"to", "cabinet"}}});
    return {};
  });
}

}  // namespace jumys
