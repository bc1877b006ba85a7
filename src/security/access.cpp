#include "security/access.h"

namespace jumys {

bool CanAccessOffice(const Actor& actor, const Office& office) {
  if (actor.applicant || actor.office_id.empty()) return false;
  if (office.id == actor.office_id) return true;
  return actor.oblast_scope && office.oblast_kato == actor.oblast_kato;
}

bool CanAccessOffice(const Actor& actor, const OfficeDirectory& offices,
                     const std::string& office_id) {
  auto office = offices.Find(office_id);
  return office && CanAccessOffice(actor, *office);
}

}  // namespace jumys
