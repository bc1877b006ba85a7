#pragma once
// The checks an employer's application passes when it is submitted (P2 1.3, and P3 after it):
// no tax and no social-payment arrears in the state-revenue data as of the submission, and
// more than a year in business. Intake checks of the definition (processes/README.md): a
// failure refuses the filing with 422 and stores nothing; the engine runs every check and
// answers with one detail per failed condition (docs/SUBSIDISED_JOBS.md).
#include <filesystem>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "engine/case_hooks.h"

namespace jumys::eligibility {

// reference/revenue/freshness.yaml: revenue data older than this on the day of submission
// counts as unknown.
struct RevenueFreshness {
  int max_age_days = 0;  // 0: not loaded; every check of arrears then says the data is unknown
  std::string source;
};
Expected<RevenueFreshness> LoadRevenueFreshness(const std::filesystem::path& file);

// The day an employer's time in business counts from: the registry's registration date, or,
// when the registry has none, the first day of the month after the one the BIN was issued in
// (its digits 1-4, YYMM; a year after `today`'s is of the last century).
struct BusinessStart {
  Date since;
  bool from_bin = false;
};
Expected<BusinessStart> BusinessStartOf(const std::string& registered_on, const std::string& bin,
                                        Date today);
// Whole months from `since` to `today` (0 when `since` is later), and whether `today` is past
// the first anniversary of `since` ("more than a year").
int MonthsInBusiness(Date since, Date today);
bool OverAYear(Date since, Date today);

// Registers no_tax_arrears, no_social_payment_arrears and in_business_over_a_year as intake
// checks reading the store in the filing's transaction. Registering again replaces them (the
// server does so with the freshness it loaded).
void AddEligibilityChecks(CaseHooks& hooks, RevenueFreshness freshness = {});

}  // namespace jumys::eligibility
