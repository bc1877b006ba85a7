#include "engine/check_processes.h"

#include <chrono>
#include <iostream>

#include "engine/bpmn_export.h"
#include "engine/definition_loader.h"

namespace jumys {
namespace {

std::filesystem::path ReferenceBeside(const std::filesystem::path& dir) {
  return std::filesystem::absolute(dir).lexically_normal().parent_path() / "reference";
}

Date Today() {
  return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

}  // namespace

int CheckProcessesCommand(const std::filesystem::path& dir, std::ostream& out, std::ostream& err) {
  auto catalog = LoadProcessCatalog(dir, ReferenceBeside(dir), DefaultDefinitionVocabulary());
  if (!catalog) {
    err << catalog.error().message << "\n";
    return 1;
  }
  const std::size_t all = catalog->All().size();
  const std::size_t runnable = catalog->RunnableCount();
  out << "ok: " << all << " definitions (" << runnable << " runnable, " << all - runnable
      << " sketches)\n";
  return 0;
}

int CheckProcessesCommand(const std::filesystem::path& dir) {
  return CheckProcessesCommand(dir, std::cout, std::cerr);
}

int ExportBpmnCommand(const std::filesystem::path& dir, const std::string& code,
                      const std::string& version, std::ostream& out, std::ostream& err) {
  auto catalog = LoadProcessCatalog(dir, ReferenceBeside(dir), DefaultDefinitionVocabulary());
  if (!catalog) {
    err << catalog.error().message << "\n";
    return 1;
  }
  ProcessCatalog::DefinitionPtr def;
  if (!version.empty()) {
    auto found = catalog->Find(code, version);
    if (!found) {
      err << found.error().message << "\n";
      return 1;
    }
    def = *found;
  } else if (auto in_force = catalog->VersionInForce(code, Today())) {
    def = *in_force;
  } else {
    for (const auto& d : catalog->All()) {
      if (d->code == code) def = d;  // All() is sorted, so the last one is the newest
    }
    if (!def) {
      err << in_force.error().message << "\n";
      return 1;
    }
  }
  out << ExportBpmn(*def);
  return 0;
}

}  // namespace jumys
