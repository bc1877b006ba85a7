#include "engine/case_hooks.h"

namespace jumys {

void CaseHooks::AddGuard(std::string name, std::string failure, GuardFn fn) {
  guards_[std::move(name)] = GuardEntry{std::move(fn), std::move(failure)};
}

void CaseHooks::AddEffect(std::string name, EffectFn fn) {
  effects_[std::move(name)] = std::move(fn);
}

const GuardEntry* CaseHooks::FindGuard(std::string_view name) const {
  auto it = guards_.find(name);
  return it == guards_.end() ? nullptr : &it->second;
}

const EffectFn* CaseHooks::FindEffect(std::string_view name) const {
  auto it = effects_.find(name);
  return it == effects_.end() ? nullptr : &it->second;
}

std::set<std::string> CaseHooks::GuardNames() const {
  std::set<std::string> out;
  for (const auto& [name, entry] : guards_) out.insert(name);
  return out;
}

std::set<std::string> CaseHooks::EffectNames() const {
  std::set<std::string> out;
  for (const auto& [name, fn] : effects_) out.insert(name);
  return out;
}

Status CaseHooks::Covers(const ProcessDefinition& def) const {
  auto missing = [&](int line, const char* what, const std::string& name) {
    return Error::Unprocessable(def.file + ":" + std::to_string(line) + ": " + what + " '" + name +
                                "' has no implementation in this build");
  };
  for (const auto& e : def.intake.checks)
    if (!FindEffect(e)) return missing(def.intake.line, "effect", e);
  for (const auto& entry : def.channels) {
    for (const auto& start : entry.starts) {
      for (const auto& g : start.guards)
        if (!FindGuard(g)) return missing(start.line, "guard", g);
    }
  }
  for (const auto& step : def.steps) {
    for (const auto& g : step.guards)
      if (!FindGuard(g)) return missing(step.line, "guard", g);
    for (const auto& g : step.until)
      if (!FindGuard(g)) return missing(step.line, "guard", g);
    for (const auto& e : step.effects)
      if (!FindEffect(e)) return missing(step.line, "effect", e);
    for (const auto& o : step.outcomes) {
      for (const auto& g : o.guards)
        if (!FindGuard(g)) return missing(o.line, "guard", g);
      for (const auto& e : o.effects)
        if (!FindEffect(e)) return missing(o.line, "effect", e);
    }
  }
  return {};
}

std::vector<Error> CaseHooks::Uncovered(const ProcessCatalog& catalog) const {
  std::vector<Error> out;
  for (const auto& def : catalog.All()) {
    if (!def->runnable()) continue;
    if (auto covered = Covers(*def); !covered) out.push_back(covered.error());
  }
  return out;
}

}  // namespace jumys
