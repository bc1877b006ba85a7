#include "http/office_scope.h"

#include "engine/case_engine.h"
#include "security/access.h"

namespace jumys::http {

std::vector<std::string> VisibleOffices(const Actor& actor, const OfficeDirectory& offices) {
  std::vector<std::string> out;
  if (actor.applicant || actor.office_id.empty()) return out;
  for (const auto& o : offices.All()) {
    if (CanAccessOffice(actor, *o)) out.push_back(o->id);
  }
  return out;
}

bool MaySeeCase(const Actor& actor, const OfficeDirectory& offices, const CaseRow& kase,
                const std::vector<TaskRow>& tasks) {
  if (actor.applicant) return IsApplicantOf(actor, kase);
  if (CanAccessOffice(actor, offices, kase.office_id)) return true;
  for (const auto& t : tasks) {
    if (CanAccessOffice(actor, offices, t.office_id)) return true;
  }
  return false;
}

}  // namespace jumys::http
