#include "domain/offices.h"

#include <mutex>

namespace jumys {

void OfficeDirectory::Replace(std::vector<Office> offices) {
  std::map<std::string, std::shared_ptr<const Office>> next;
  for (auto& o : offices) {
    auto id = o.id;
    next.emplace(std::move(id), std::make_shared<const Office>(std::move(o)));
  }
  std::unique_lock lock(mutex_);
  by_id_.swap(next);
}

std::shared_ptr<const Office> OfficeDirectory::Find(const std::string& id) const {
  std::shared_lock lock(mutex_);
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const Office>> OfficeDirectory::All() const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<const Office>> out;
  for (const auto& [id, office] : by_id_) out.push_back(office);
  return out;
}

}  // namespace jumys
