#pragma once
// Everything the permit flows add to a running system, in one call from the wiring: their
// guards and effects, and the permit document's fields and its validity for /verify (on the
// issuing office's clock).
#include "core/time.h"
#include "domain/offices.h"
#include "engine/case_hooks.h"
#include "engine/case_service.h"  // Clock

namespace jumys::documents {
class DocumentService;
}

namespace jumys::permits {

// `offices` is kept by reference and must outlive the hooks and documents.
void Install(CaseHooks& hooks, documents::DocumentService& documents,
             const OfficeDirectory& offices, Clock clock);

}  // namespace jumys::permits
