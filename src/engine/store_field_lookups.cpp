#include "engine/store_field_lookups.h"

#include "storage/repositories/repositories.h"

namespace jumys {

bool StoreFieldLookups::OfficeExists(std::string_view office_id) const {
  return offices_.Find(std::string(office_id)) != nullptr;
}

Expected<bool> StoreFieldLookups::StaffExists(std::string_view login,
                                              std::optional<Role> role) const {
  JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx_, std::string(login)));
  if (!user || user->kind != "staff" || !user->active) return false;
  if (!role) return true;
  auto roles = RoleSet::Parse(user->roles);
  return roles && roles->Has(*role);
}

}  // namespace jumys
