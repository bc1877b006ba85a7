#include "services/case_hooks.h"

#include "engine/case_results.h"
#include "services/commission/commission_hooks.h"
#include "services/eligibility/employer_eligibility.h"
#include "services/permits/permit_hooks.h"
#include "services/placements/placement_service.h"
#include "services/registration/registration_hooks.h"

namespace jumys::services {

CaseHooks DefaultCaseHooks() {
  CaseHooks hooks;
  AddEngineEffects(hooks);
  registration::AddRegistrationHooks(hooks);
  permits::AddPermitHooks(hooks);
  commission::AddCommissionHooks(hooks);
  placements::AddPlacementHooks(hooks);
  // Revenue data counts as unknown until the server installs the freshness it loaded.
  eligibility::AddEligibilityChecks(hooks);
  return hooks;
}

}  // namespace jumys::services
