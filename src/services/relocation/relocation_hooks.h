#pragma once
// P1 voluntary relocation (processes/voluntary-relocation, docs/RELOCATION.md): the guards and
// effects its definition names. The application's parties (family members, the employer of the
// chosen vacancy), the commission's inclusion against the regional quota, the social contract
// signed by two or three parties, the checks of its conditions, and the payments through the
// registry: the relocation subsidy per person, the rent subsidy each month of its term, the
// employer's subsidy. A broken condition terminates the contract: nothing more is ordered.
#include "engine/case_hooks.h"
#include "services/relocation/relocation_regions.h"

namespace jumys {
class OfficeDirectory;
namespace payments {
class PaymentService;
}
namespace programmes {
class ProgrammeParameters;
}
namespace documents {
class DocumentService;
}
}  // namespace jumys

namespace jumys::relocation {

inline constexpr const char* kProcess = "voluntary-relocation";
// The process employers join the programme by (its included employers get the employer subsidy).
inline constexpr const char* kEmployersProcess = "relocation-employers";

void Install(CaseHooks& hooks, const Regions& regions,
             const programmes::ProgrammeParameters& parameters, payments::PaymentService& payments,
             documents::DocumentService& documents, const OfficeDirectory& offices);

}  // namespace jumys::relocation
