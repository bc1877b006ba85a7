#pragma once
// The demo's vacancy bank (`serve --demo`): vacancies of the five demo employers in the demo
// KATO places under the shipped NKZ major groups — mostly published, one scheduled, one stale —
// so that search, matching and the specialist's "to confirm" list have something to show.
// Separate from SeedDemo so that other demo seeding can call it after the offices are loaded.
#include "core/time.h"
#include "domain/vacancy_lifecycle.h"
#include "storage/database.h"

namespace jumys::demo {

// Illustrative relevance periods for the demo only, used when reference/vacancies/
// relevance.yaml leaves them unset. DEMO VALUES, not a legal figure.
inline constexpr RelevancePolicy kDemoRelevance = {30, 30};

// Seeds when the store has no vacancies (returns how many it wrote; 0 otherwise). Published
// vacancies date from up to three weeks before `now`; the stale one's relevance ran out under
// `policy` (none is seeded when the policy never makes one stale).
Expected<int> SeedDemoVacancies(storage::Database& db, Instant now, const RelevancePolicy& policy);

}  // namespace jumys::demo
