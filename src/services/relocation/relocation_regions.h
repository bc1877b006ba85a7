#pragma once
// P1's regions (reference/relocation/regions.yaml, docs/RELOCATION.md): each region's local
// executive body and commission, and its quota of resettlers per year in persons.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace jumys::relocation {

struct Names {
  std::string kk, ru, en;
};

struct Region {
  std::string oblast;  // the oblast's KATO code, as offices carry it
  Names name, local_executive_body, commission;
  std::map<int, int> quotas;  // year -> persons
};

class Regions {
 public:
  static Expected<Regions> Load(const std::filesystem::path& file);
  explicit Regions(std::vector<Region> regions = {}) : regions_(std::move(regions)) {}

  const Region* Find(const std::string& oblast) const;
  // The persons the region receives in `year`; nullopt when it has no quota for it.
  std::optional<int> Quota(const std::string& oblast, int year) const;
  const std::vector<Region>& all() const { return regions_; }

 private:
  std::vector<Region> regions_;
};

}  // namespace jumys::relocation
