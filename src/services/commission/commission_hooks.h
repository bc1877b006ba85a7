#pragma once
// The commission's part in S4a (seed 004, items 6.4-6.6):
//   add_to_commission_agenda      effect  the case goes on the next meeting of the commission
//                                         of its office (a meeting today if none is planned)
//   record_recommendation         effect  the secretary records the recommendation the outcome
//                                         names (grant/refusal), with data.reasons, after at
//                                         least one member has voted
//   commission_recommended_grant  guard   the recommendation recorded was to grant
#include "engine/case_hooks.h"

namespace jumys::commission {

void AddCommissionHooks(CaseHooks& hooks);

}  // namespace jumys::commission
