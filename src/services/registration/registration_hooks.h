#pragma once
// Guards and effects of the job-seeker services of seed 003 (S1-S3, docs/PROCESSES.md), by the
// names the definitions use:
//   has_employment_card     guard   the applicant has an individual employment card (S2, S3)
//   upsert_employment_card  effect  create or update the card as a job seeker (S1 review)
//   mark_unemployed         effect  mark the card as registered unemployed (S2 review)
//   record_referral         effect  note the decided referral on the card (S3 review)
// and of the unemployed person's year after S2 (processes/unemployed-attendance):
//   registered_unemployed   guard   the card says "unemployed" (the year starts)
//   sole_attendance_case    guard   no other open case keeps the person's attendance
//   not_registered_unemployed guard  the card no longer says "unemployed" (the year ends)
//   recorded_by_staff       guard   the completion is made by staff (or the system), not the
//                                   person: a visit and an employment are the centre's record
//   record_attendance       effect  a visit to the centre on the card's history
//   deregister_employed     effect  off the register: employed
//   deregister_no_show      effect  off the register: failed to attend (the visit's window)
//   deregister_on_request   effect  off the register: at the person's request
#include "engine/case_hooks.h"

namespace jumys::registration {

void AddRegistrationHooks(CaseHooks& hooks);

}  // namespace jumys::registration
