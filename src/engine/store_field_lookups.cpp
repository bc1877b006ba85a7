#include "engine/store_field_lookups.h"

#include "storage/repositories/placement_repository.h"
#include "storage/repositories/reference_repository.h"
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

Expected<std::optional<FieldLookups::ClassifierCode>> StoreFieldLookups::FindClassifierCode(
    std::string_view classifier, std::string_view code) const {
  JUMYS_ASSIGN_OR_RETURN(
      auto row, storage::FindReferenceCode(tx_, std::string(classifier), std::string(code)));
  std::optional<ClassifierCode> out;
  if (row) out = ClassifierCode{row->level, row->active};
  return out;
}

Expected<bool> StoreFieldLookups::ClassifierLoaded(std::string_view classifier) const {
  storage::ReferenceCodeQuery q;
  q.kind = std::string(classifier);
  q.limit = 1;
  JUMYS_ASSIGN_OR_RETURN(auto rows, storage::SearchReferenceCodes(tx_, q));
  return !rows.empty();
}

Expected<std::optional<FieldLookups::Refusal>> StoreFieldLookups::VacancyRefusal(
    std::int64_t id) const {
  JUMYS_ASSIGN_OR_RETURN(auto offer, storage::FindVacancyOffer(tx_, id));
  return VacancyOfferRefusal(offer);
}

std::optional<FieldLookups::Refusal> VacancyOfferRefusal(
    const std::optional<storage::VacancyOffer>& offer, std::optional<Instant> now) {
  using R = FieldLookups::Refusal;
  if (!offer) return R{"vacancy.not_found"_msg, "no such vacancy"};
  // A published vacancy whose relevance ran out is stale, swept or not.
  const bool lapsed = now && offer->next_change_at && *offer->next_change_at <= FormatRfc3339(*now);
  if (offer->status != "published" || lapsed) {
    return R{"vacancy.not_published"_msg, "the vacancy is not published"};
  }
  if (offer->Free() <= 0) {
    return R{"vacancy.no_free_workplaces"_msg, "the vacancy has no free workplaces"};
  }
  return std::nullopt;
}

}  // namespace jumys
