#pragma once
// Guards and effects of the job-seeker services of seed 003 (S1-S3, docs/PROCESSES.md), by the
// names the definitions use:
//   has_employment_card     guard   the applicant has an individual employment card (S2, S3)
//   upsert_employment_card  effect  create or update the card as a job seeker (S1 review)
//   mark_unemployed         effect  mark the card as registered unemployed (S2 review)
//   record_referral         effect  note the decided referral on the card (S3 review)
#include "engine/case_hooks.h"

namespace jumys::registration {

void AddRegistrationHooks(CaseHooks& hooks);

}  // namespace jumys::registration
