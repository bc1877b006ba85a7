#pragma once
// Every guard and effect the engine can run: the engine's own and each service module's.
#include "engine/case_hooks.h"

namespace jumys::services {

CaseHooks DefaultCaseHooks();

}  // namespace jumys::services
