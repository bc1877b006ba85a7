#pragma once
// The demo's programme cases besides special workplaces (`serve --demo`), on the same timeline
// (demo_timeline.h) and worked by the same users as its P3 case, so that the analyst's
// programme, payment and relocation figures have something to show:
//  - P2 subsidised jobs (docs/SUBSIDISED_JOBS.md): the demo employer's application for two
//    social jobs at the Kyzylorda centre, three months back: checked, decided on a list,
//    the contract signed with EDS by the head and the employer and in force, its vacancy
//    published;
//  - P1 voluntary relocation (docs/RELOCATION.md), route A: the demo job seeker, his wife and
//    son from Kyzylorda to a vacancy of «Петропавл Агро», four months back: the regional
//    commission includes them, the Petropavl centre takes the case over at 6.1, the head, the
//    job seeker and the employer sign the tripartite social contract, the relocation subsidy is
//    ordered and then each month's rent after the conditions are checked;
//  - P1 route B at Petropavl, two months back: an application refused at the check (9.2).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "services/demo/demo_timeline.h"

namespace jumys::demo {

// What became of one demo case.
struct DemoCaseResult {
  std::int64_t case_id = 0;
  std::string case_number;
  std::string status;  // the case's
  std::string office;  // the case's office now
  int orders = 0;      // payment orders of the case
  // Why the case stopped short of today, "" when it did not.
  std::string stopped;
};

struct ProgrammesDemoResult {
  DemoCaseResult subsidised_jobs;  // P2
  DemoCaseResult relocation;       // P1 route A
  DemoCaseResult refused;          // P1 route B, refused
};

// The cases on `timeline`; their results are read once the timeline has run.
class ProgrammesDemo {
 public:
  ProgrammesDemo(DemoTimeline& timeline, Instant now);
  ProgrammesDemo(const ProgrammesDemo&) = delete;
  ProgrammesDemo& operator=(const ProgrammesDemo&) = delete;

  ProgrammesDemoResult Result() const;

 private:
  // The office `id`, or none with missing_ saying so.
  std::shared_ptr<const Office> DemoOffice(const std::string& id);
  void PlanSubsidisedJobs(Instant now);
  void PlanRouteA(Instant now);
  void PlanRefusedRouteB(Instant now);
  DemoCaseResult ResultOf(const DemoCase* c, const std::string& missing) const;

  DemoTimeline& timeline_;
  DemoCase* subsidised_jobs_ = nullptr;
  DemoCase* route_a_ = nullptr;
  DemoCase* route_b_ = nullptr;
  std::string missing_;        // why a case was not planned: an office not loaded
  std::string commission_on_;  // the day the regional commission included route A's family
};

}  // namespace jumys::demo
