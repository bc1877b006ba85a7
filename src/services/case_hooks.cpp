#include "services/case_hooks.h"

#include "engine/case_results.h"
#include "services/commission/commission_hooks.h"
#include "services/permits/permit_hooks.h"
#include "services/registration/registration_hooks.h"

namespace jumys::services {

CaseHooks DefaultCaseHooks() {
  CaseHooks hooks;
  AddEngineEffects(hooks);
  AddRegistrationHooks(hooks);
  permits::AddPermitHooks(hooks, nullptr);
  AddCommissionHooks(hooks);
  return hooks;
}

}  // namespace jumys::services
