#pragma once
// The engine's answers to FieldLookups: offices from the directory, staff accounts and
// classifier codes from the store, inside the transaction of the change being checked.
#include "domain/offices.h"
#include "engine/field_validation.h"
#include "storage/database.h"

namespace jumys {

class StoreFieldLookups : public FieldLookups {
 public:
  StoreFieldLookups(const OfficeDirectory& offices, storage::Tx& tx) : offices_(offices), tx_(tx) {}
  bool OfficeExists(std::string_view office_id) const override;
  Expected<bool> StaffExists(std::string_view login, std::optional<Role> role) const override;
  Expected<std::optional<ClassifierCode>> FindClassifierCode(std::string_view classifier,
                                                             std::string_view code) const override;
  Expected<bool> ClassifierLoaded(std::string_view classifier) const override;
  Expected<std::optional<Refusal>> VacancyRefusal(std::int64_t id) const override;

 private:
  const OfficeDirectory& offices_;
  storage::Tx& tx_;
};

namespace storage {
struct VacancyOffer;
}

// Why a referral cannot name this vacancy (not found, not published — or lapsed by `now` —, no
// free workplace), or nullopt. Shared by the field check and the placement effect.
std::optional<FieldLookups::Refusal> VacancyOfferRefusal(
    const std::optional<storage::VacancyOffer>& offer, std::optional<Instant> now = {});

}  // namespace jumys
