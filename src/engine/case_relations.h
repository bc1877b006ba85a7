#pragma once
// A case's parties and links (docs/CASEWORK.md "Parties and links"): the people and employers a
// case concerns besides its applicant (the persons P3 refers, the family members P1 relocates),
// and the records it made or names (its vacancy, placements, reports). Written by effects in the
// case's transaction; read with the case.
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/case_hooks.h"

namespace jumys {

// The party an employer has in a case it did not apply for (P1's employer of the vacancy): it
// works the case's employer steps and reads the case in its cabinet.
inline constexpr const char* kEmployerParty = "employer";

struct CaseParty {
  std::string party;  // its part in the case: "referred", "family_member", ...
  std::string iin, bin;
  std::string added_by, added_at;
};

struct CaseLink {
  std::string kind;  // "vacancy", "placement", "monthly_report", ...
  std::int64_t target_id = 0;
  std::string added_at;
};

// Both are idempotent: adding what is there changes nothing.
Status AddCaseParty(HookContext& ctx, const std::string& party, const std::string& iin,
                    const std::string& bin);
Status AddCaseLink(HookContext& ctx, const std::string& kind, std::int64_t target_id);

Expected<std::vector<CaseParty>> CaseParties(storage::Tx& tx, std::int64_t case_id);
Expected<std::vector<CaseLink>> CaseLinksOf(storage::Tx& tx, std::int64_t case_id);
// The BINs of the case's employer parties.
Expected<std::vector<std::string>> EmployerParties(storage::Tx& tx, std::int64_t case_id);
// The ids the case links to of one kind, oldest first.
Expected<std::vector<std::int64_t>> CaseLinks(storage::Tx& tx, std::int64_t case_id,
                                              const std::string& kind);

}  // namespace jumys
