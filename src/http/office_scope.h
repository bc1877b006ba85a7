#pragma once
// The offices whose records a staff member sees (security/access.h's rule, as a list for
// queries): their own, or every office of the oblast for oblast-level staff.
#include <string>
#include <vector>

#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/case_model.h"

namespace jumys::http {

std::vector<std::string> VisibleOffices(const Actor& actor, const OfficeDirectory& offices);

// Staff: the case's office, or the office of one of its tasks (a hand-off), is in scope.
// Applicants: their own cases only.
bool MaySeeCase(const Actor& actor, const OfficeDirectory& offices, const CaseRow& kase,
                const std::vector<TaskRow>& tasks);

}  // namespace jumys::http
