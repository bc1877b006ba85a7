#pragma once
// Offices kept in memory: every request's scope check and every deadline needs them, and they
// change only when an administrator edits one.
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/time_zone.h"
#include "core/work_calendar.h"

namespace jumys {

struct Office {
  std::string id;
  std::string name_kk, name_ru, name_en;
  std::string kato;
  std::string oblast_kato;
  bool oblast_level = false;  // the oblast department; its staff see the whole oblast
  std::string time_zone_name;
  TimeZone time_zone = TimeZone::Fixed("UTC", std::chrono::seconds(0));
  OfficeHours hours;
};

class OfficeDirectory {
 public:
  void Replace(std::vector<Office> offices);
  std::shared_ptr<const Office> Find(const std::string& id) const;
  std::vector<std::shared_ptr<const Office>> All() const;

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const Office>> by_id_;
};

}  // namespace jumys
