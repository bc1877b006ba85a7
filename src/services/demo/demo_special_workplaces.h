#pragma once
// The demo's special workplaces case (P3, docs/SPECIAL_WORKPLACES.md): the demo employer's
// application run through the engine's own services as its users would, on the services' clock
// moved forward from about six months ago to today. The employer files and signs (1.1); the
// specialist checks it and the head decides it on a decision list (2.1-2.2); the contract is
// drafted and signed with EDS by the head and the employer (3.1-5); the work report, its check
// and the workplace subsidy (6.1-6.3); the special vacancy and the referral of two persons whose
// disability is first recorded on their cards (7.1-7.2), each given a referral; then at each
// month's start the repeat fires and the month before is reported (one of them late), checked,
// its wage subsidy ordered and the workplaces visited (8-10, 7.3; the third visit finds a
// breach). In the month before this one the head approves the orders with EDS, exports them and
// imports the bank's statement (demo_payments.h). The contract stays in force, this month's
// report still to come.
//
// Which step is done by whom, when and with what is one table (Plays() in the .cpp): the driver
// does whatever task the case has open by its step id, so a step added to the definition is one
// line there. Nothing is done at or after `now`: what is due later stays open.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "engine/calendar_service.h"
#include "engine/case_service.h"
#include "engine/decision_lists.h"
#include "security/accounts.h"
#include "security/challenges.h"
#include "services/documents/document_service.h"
#include "services/payments/payment_service.h"
#include "services/special_workplaces/special_workplaces_hooks.h"
#include "storage/database.h"

namespace jumys::demo {

// The demo case begins at most this long before `now`: the dev CA must be valid since then.
inline constexpr std::chrono::days kSpecialWorkplacesDemoSpan{220};

struct SpecialWorkplacesDemo {
  storage::Database& db;
  CaseService& cases;
  DecisionListService& lists;
  documents::DocumentService& documents;
  payments::PaymentService& payments;
  special_workplaces::DisabilityRecords& disabilities;
  const Accounts& accounts;
  Challenges& challenges;
  const CalendarService& calendar;
  std::filesystem::path dev_ca;            // key files that sign as the demo accounts
  std::function<void(Instant)> set_clock;  // moves the clock every service above reads
  std::function<Status()> sweep;           // the background sweeper's pass, at that clock
};

struct SpecialWorkplacesDemoResult {
  std::int64_t case_id = 0;
  std::string case_number;
  int monthly_reports = 0;  // filed
  int orders = 0;           // payment orders of the case
  std::string batch;        // the batch exported, "" none
  // Why the demo stopped short of today, "" when it ran to today: a step the engine refused
  // (a year's МРП or budget not in the reference data, say) or one the table has no play for.
  std::string stopped;
};

// Runs the case on an empty store (the demo accounts seeded, no case yet); the clock is left
// at `now`. Never fails the start: what went wrong is in `stopped`.
SpecialWorkplacesDemoResult SeedDemoSpecialWorkplaces(const SpecialWorkplacesDemo& demo,
                                                      Instant now);

}  // namespace jumys::demo
