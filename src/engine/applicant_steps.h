#pragma once
// Steps the applicant works in the cabinet: a user step of role employer or job_seeker is the
// case's applicant's (docs/CASEWORK.md "Steps the applicant works").
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/case_model.h"
#include "storage/database.h"

namespace jumys {

// The message to the applicant when a step they work opens (reference/notifications/; the
// server will not start without it).
inline constexpr const char* kApplicantStepTemplate = "step_awaits_applicant";

// Whether a step of `role` is worked by the case's applicant: employer on an employer's case,
// job_seeker on a person's.
inline bool ApplicantWorks(Role role, const CaseRow& kase) {
  if (role == Role::kEmployer) return !kase.applicant_bin.empty();
  if (role == Role::kJobSeeker) return !kase.applicant_iin.empty();
  return false;
}

// The open user steps an applicant works (role job_seeker on their IIN's cases, employer on
// their BIN's), by due time then id, at most `limit`: the applicant's "my steps"
// (engine/case_store.cpp).
Expected<std::vector<QueueTask>> ListApplicantTasks(
    storage::Tx& tx, const std::string& iin, const std::string& bin, int limit,
    const std::optional<std::pair<std::string, std::int64_t>>& after);

}  // namespace jumys
