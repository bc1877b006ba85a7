#pragma once
// Case and result numbers, and the result document a case ends with.
#include <string>
#include <vector>

#include "core/time.h"
#include "domain/offices.h"
#include "engine/case_hooks.h"

namespace jumys {

// The calendar date at `at` on the office's wall clock.
Date OfficeDate(const Office& office, Instant at);

// "KZO-CITY-2026-L000042": the office, the year on its clock, `prefix` and the next number of
// its yearly sequence `counter` ("case" has no prefix; "decision_list" L, "payment" P...).
Expected<std::string> NextOfficeNumber(storage::Tx& tx, const Office& office, Instant now,
                                       const std::string& counter, std::string_view prefix);

// "KZO-CITY-2026-000042": the office, the year on its clock, the next number of its yearly
// case sequence.
Expected<std::string> NextCaseNumber(storage::Tx& tx, const Office& office, Instant now);

// "KZO-CITY-2026-R000007": the next number of the office's yearly registry of outgoing
// documents (results, coupons).
Expected<std::string> NextResultNumber(HookContext& ctx);

// Takes the next result number for a document of `kind` drawn before it is issued (a draft to
// sign, a corrected document) and accounts for it on the case with a "result.number_reserve"
// event carrying `why` (the task, or the document it replaces): a number never issued stays a
// gap the timeline explains.
Expected<std::string> ReserveResultNumber(HookContext& ctx, const std::string& kind,
                                          nlohmann::json why);

// Numbers and records the result document (kind, grounds, what intake missed) and sets
// ctx.kase.result; appends a "result.issue" event.
Status IssueResult(HookContext& ctx, const std::string& kind, std::vector<std::string> grounds,
                   std::vector<std::string> missing = {}, std::vector<std::string> expired = {});

// Where GET fetches a result document.
std::string DocumentUrl(std::int64_t case_id, std::int64_t document_id);

}  // namespace jumys
