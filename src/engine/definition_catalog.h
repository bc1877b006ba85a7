#pragma once
// All loaded process definitions, immutable once built. A new case takes the version in force
// on its start date; a running case keeps the definition it started with (hold the shared_ptr),
// so loading a newer version never changes a case under way.
#include <memory>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "engine/definition.h"

namespace jumys {

class ProcessCatalog {
 public:
  using DefinitionPtr = std::shared_ptr<const ProcessDefinition>;

  ProcessCatalog() = default;

  // Refuses a (code, version) given twice and two runnable versions of one code whose
  // effective periods overlap (sketches are never in force, so they are not compared).
  static Expected<ProcessCatalog> Build(std::vector<ProcessDefinition> definitions);

  // NotFound when there is no such code or version.
  Expected<DefinitionPtr> Find(std::string_view code, std::string_view version) const;
  // The runnable version whose effective period contains `date`: NotFound for an unknown code,
  // Unprocessable when the code has none in force that day (or only sketches).
  Expected<DefinitionPtr> VersionInForce(std::string_view code, Date date) const;
  // By code, then by effective date (sketches after), then version.
  const std::vector<DefinitionPtr>& All() const { return all_; }
  std::size_t RunnableCount() const;

 private:
  std::vector<DefinitionPtr> all_;
};

}  // namespace jumys
