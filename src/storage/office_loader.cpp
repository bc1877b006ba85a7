#include "storage/office_loader.h"

#include <nlohmann/json.hpp>

#include "core/office_hours.h"
#include "storage/repositories/repositories.h"

namespace jumys::storage {

Status LoadOffices(Database& db, OfficeDirectory& offices) {
  std::vector<OfficeRecord> records;
  JUMYS_TRY(db.Read([&](Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(records, ListOffices(tx));
    return {};
  }));
  std::vector<Office> loaded;
  for (const auto& r : records) {
    Office o;
    o.id = r.id;
    o.name_kk = r.name_kk;
    o.name_ru = r.name_ru;
    o.name_en = r.name_en;
    o.kato = r.kato;
    o.oblast_kato = r.oblast_kato;
    o.oblast_level = r.level == "oblast";
    o.time_zone_name = r.time_zone;
    auto zone = TimeZone::Load(r.time_zone);
    if (!zone) return Error::Internal("office " + r.id + ": " + zone.error().message);
    o.time_zone = *zone;
    auto hours_json = nlohmann::json::parse(r.hours, nullptr, false);
    auto hours = OfficeHoursFromJson(hours_json);
    if (!hours) return Error::Internal("office " + r.id + ": " + hours.error().message);
    o.hours = *hours;
    loaded.push_back(std::move(o));
  }
  offices.Replace(std::move(loaded));
  return {};
}

}  // namespace jumys::storage
