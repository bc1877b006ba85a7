#pragma once
// The demo's public-service cases, so that the analyst's registrations, referrals, placements and
// permits panels (issue 21) show figures of the demo's own making: eight persons of Kyzylorda
// run through the city centre's services as its staff would, on the clock moved forward from
// about three months ago (DemoClock, demo_timeline.h). Each is registered as a job seeker (S1) and
// all but one then as unemployed (S2), whose attendance schedule (U1) they keep at the centre every
// month; one stops coming and is taken off the register, one comes to say they found work. Six are
// referred (S3): two to a published vacancy of the demo employer, who hires one and not the
// other; one each to youth practice, social jobs and public works; one is refused. The oblast
// department grants «Сыр Құрылыс» a foreign labour permit (S4a) through its commission.
//
// Who works a task follows from its role and office (the demo accounts); what they do, and
// when, is one table by step id (Steps() in the .cpp). Nothing is done at or after `now`.
#include <string>

#include "services/commission/commission_service.h"
#include "services/demo/demo_timeline.h"
#include "services/placements/placement_service.h"

namespace jumys::demo {

struct ServicesDemo {
  DemoServices services;
  commission::CommissionService& commissions;
  placements::PlacementService& placements;
};

struct ServicesDemoResult {
  int cases = 0;       // filed (the attendance cases S2 starts are not counted)
  int tasks = 0;       // completed by the demo's staff and employer
  int placements = 0;  // answered by the employer
  std::string permit;  // the number of the permit granted, "" none
  // Why the demo stopped short of today, "" when it ran to today (a step the engine refused).
  std::string stopped;
};

// Runs the cases on a store with the demo accounts, vacancies and no case of these persons; the
// clock is left at `now`. Never fails the start: what went wrong is in `stopped`.
ServicesDemoResult SeedDemoServices(const ServicesDemo& demo, Instant now);

}  // namespace jumys::demo
