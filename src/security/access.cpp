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

bool InScope(const Actor& actor, const OfficeDirectory& offices, const RecordOwner& owner) {
  if (actor.applicant) {
    if (!actor.bin.empty()) {
      for (const auto& bin : owner.party_bins) {
        if (bin == actor.bin) return true;
      }
    }
    return (!owner.iin.empty() && owner.iin == actor.iin) ||
           (!owner.bin.empty() && owner.bin == actor.bin);
  }
  if (actor.office_id.empty()) return false;
  if (!owner.oblast_kato.empty() && owner.oblast_kato == actor.oblast_kato) return true;
  for (const auto* list : {&owner.offices, &owner.read_only_offices}) {
    for (const auto& office : *list) {
      if (CanAccessOffice(actor, offices, office)) return true;
    }
  }
  return false;
}

bool MayChange(const Actor& actor, const OfficeDirectory& offices, const RecordOwner& owner) {
  RecordOwner writable = owner;
  writable.read_only_offices.clear();
  return InScope(actor, offices, writable);
}

std::vector<std::string> VisibleOffices(const Actor& actor, const OfficeDirectory& offices) {
  std::vector<std::string> out;
  if (actor.applicant || actor.office_id.empty()) return out;
  for (const auto& o : offices.All()) {
    if (CanAccessOffice(actor, *o)) out.push_back(o->id);
  }
  return out;
}

}  // namespace jumys
