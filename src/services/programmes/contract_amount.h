#pragma once
// The contract amount a programme's parameters propose (docs/PROGRAMMES.md "The proposed
// amount"): from the measure, workplaces, term and wage, with the values in force on the
// decision date. The contract keeps the proposal; a specialist changes it only with a reason.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "services/programmes/programme_parameters.h"

namespace jumys::programmes {

inline constexpr std::int64_t kMaxWorkplaces = 10000;
inline constexpr std::int64_t kMaxMonthlyWageTiyn = 100'000'000'000;  // 1 billion tenge

struct AmountRequest {
  std::string measure;                 // public_works, social_jobs, youth_practice, ...
  std::int64_t workplaces = 0;         // or persons / families, as the measure pays per
  int months = 0;                      // the term; ignored for a one-off payment
  std::int64_t monthly_wage_tiyn = 0;  // needed by a wage share only
  Date decision_date;
};

// One run of months paid at one rate.
struct AmountLine {
  int months = 0;                   // 1 for a one-off payment
  std::int64_t per_month_tiyn = 0;  // per workplace (person, family) a month, or once
  std::int64_t units = 0;           // workplaces (persons, families)
  std::int64_t subtotal_tiyn = 0;   // per_month_tiyn * months * units
  std::string rule;                 // "35 % of the wage", "30 МРП", "70 % capped at 30 МРП"
};

struct ProposedAmount {
  std::int64_t total_tiyn = 0;
  std::vector<AmountLine> lines;
  std::string programme;  // P2
  std::string measure;
  Payment pays = Payment::kWageShare;
  PaidPer per = PaidPer::kWorkplace;
  Date decision_date;
  MrpValue mrp;                       // the МРП applied, with its law
  const MeasureRule* rule = nullptr;  // the version applied: source, period, certainty, draft
};

// 422 data.invalid naming each bad field (workplaces 1..kMaxWorkplaces; months 1..the measure's
// max_months; a wage share's wage 1..kMaxMonthlyWageTiyn); 422 programme.wage_below_floor for
// a wage under the measure's minimum; 422 programme.amount_range when the measure pays within a
// range (the centre sets the figure); and ValuesInForce's and RuleInForce's errors. Shares are
// rounded down to the tiyn (never more than the rule allows).
Expected<ProposedAmount> ProposeContractAmount(const ProgrammeParameters& parameters,
                                               const AmountRequest& request);

}  // namespace jumys::programmes
