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
// Which step is done by whom, when and with what is one table (MakePlays() in the .cpp), run by
// the demo's timeline (demo_timeline.h) with the other demo cases: a step added to the
// definition is one line there. Nothing is done at or after `now`: what is due later stays open.
#include <chrono>
#include <cstdint>
#include <string>

#include "services/demo/demo_timeline.h"

namespace jumys::demo {

// The demo case begins at most this long before `now`: the dev CA must be valid since then.
inline constexpr std::chrono::days kSpecialWorkplacesDemoSpan{220};

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

// The case on a timeline (demo_timeline.h) of an empty store (the demo accounts seeded, no case
// yet); its result is read once the timeline has run.
class SpecialWorkplacesDemo {
 public:
  SpecialWorkplacesDemo(DemoTimeline& timeline, Instant now);
  SpecialWorkplacesDemo(const SpecialWorkplacesDemo&) = delete;
  SpecialWorkplacesDemo& operator=(const SpecialWorkplacesDemo&) = delete;

  SpecialWorkplacesDemoResult Result() const;

 private:
  Plays MakePlays();
  Status Registry(DemoCase& c);
  Status ReferPersons(DemoCase& c, const TaskRow& task);
  Status MonthlyReport(DemoCase& c, const TaskRow& task);
  Status MonitoringVisit(DemoCase& c, const TaskRow& task);
  Instant ReportDay(const DemoCase& c, const TaskRow& task) const;
  Expected<nlohmann::json> ContractData(DemoCase& c);

  DemoTimeline& timeline_;
  DemoCase* case_ = nullptr;
  std::string missing_;                    // why there is no case
  std::chrono::year_month next_period_{};  // the first month of the term not yet reported
  int reports_ = 0;
  int visits_ = 0;
  Date referred_on_{};
  std::string batch_;
};

}  // namespace jumys::demo
