#include "engine/definition_catalog.h"

#include <algorithm>
#include <string>

namespace jumys {
namespace {

// Sorting key: code, then runnable before sketch, then effective from, then version.
bool Before(const ProcessDefinition& a, const ProcessDefinition& b) {
  if (a.code != b.code) return a.code < b.code;
  if (a.runnable() != b.runnable()) return a.runnable();
  const Date far{};
  const Date af = a.effective ? a.effective->from : far;
  const Date bf = b.effective ? b.effective->from : far;
  if (af != bf) return af < bf;
  return a.version < b.version;
}

}  // namespace

Expected<ProcessCatalog> ProcessCatalog::Build(std::vector<ProcessDefinition> definitions) {
  std::sort(definitions.begin(), definitions.end(), Before);
  for (std::size_t i = 0; i < definitions.size(); ++i) {
    const ProcessDefinition& d = definitions[i];
    for (std::size_t j = 0; j < i; ++j) {
      const ProcessDefinition& other = definitions[j];
      if (other.code != d.code) continue;
      if (other.version == d.version) {
        return DefinitionFileError(
            d.file, d.code_line,
            "version '" + d.version + "' of '" + d.code + "' is also defined in " + other.file);
      }
      if (d.runnable() && other.runnable() && d.effective && other.effective &&
          d.effective->Overlaps(*other.effective)) {
        return DefinitionFileError(d.file, d.effective_line,
                                   "effective period of '" + d.code + "' version '" + d.version +
                                       "' overlaps version '" + other.version + "' (" + other.file +
                                       ")");
      }
    }
  }
  ProcessCatalog catalog;
  for (auto& d : definitions) {
    catalog.all_.push_back(std::make_shared<const ProcessDefinition>(std::move(d)));
  }
  return catalog;
}

Expected<ProcessCatalog::DefinitionPtr> ProcessCatalog::Find(std::string_view code,
                                                             std::string_view version) const {
  for (const auto& d : all_) {
    if (d->code == code && d->version == version) return d;
  }
  return Error::NotFound("process.version_not_found"_msg,
                         "no process '{process}' version '{version}'",
                         {{"process", std::string(code)}, {"version", std::string(version)}});
}

Expected<ProcessCatalog::DefinitionPtr> ProcessCatalog::VersionInForce(std::string_view code,
                                                                       Date date) const {
  bool known = false;
  for (const auto& d : all_) {
    if (d->code != code) continue;
    known = true;
    if (d->runnable() && d->effective && d->effective->Contains(date)) return d;
  }
  if (!known) {
    return Error::NotFound("process.unknown"_msg, "unknown process '{process}'",
                           {{"process", std::string(code)}});
  }
  return Error::Unprocessable("process.no_version_in_force"_msg,
                              "process '{process}' has no version in force on {date}",
                              {{"process", std::string(code)}, {"date", FormatDate(date)}});
}

std::size_t ProcessCatalog::RunnableCount() const {
  return static_cast<std::size_t>(
      std::count_if(all_.begin(), all_.end(), [](const auto& d) { return d->runnable(); }));
}

}  // namespace jumys
