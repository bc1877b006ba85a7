#include "engine/case_hooks.h"

#include "engine/definition_vocabulary.h"

namespace jumys {

const char* HookKindName(HookKind kind) {
  switch (kind) {
    case HookKind::kGuard:
      return "guard";
    case HookKind::kCheck:
      return "check";
    case HookKind::kEffect:
      return "effect";
  }
  return "?";
}

std::string SourcePath(const std::source_location& where) {
  const std::string_view file = where.file_name();
  if (file.starts_with("src/")) return std::string(file);
  const auto at = file.rfind("/src/");
  return std::string(at == std::string_view::npos ? file : file.substr(at + 1));
}

namespace {

// Effects the case run carries out itself (engine/case_run.h): `start_case:<code>`,
// `reopen_subject_case`.
bool EngineEffect(const std::string& name) {
  return ArgumentPattern(name) == std::string(kStartCaseEffect) + ":*" ||
         name == kReopenSubjectEffect;
}

template <typename Map>
std::set<std::string> Names(const Map& map) {
  std::set<std::string> out;
  for (const auto& [name, entry] : map) out.insert(name);
  return out;
}

template <typename Map>
auto Find(const Map& map, std::string_view name) -> decltype(&map.begin()->second) {
  auto it = map.find(name);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

void CaseHooks::AddGuard(std::string name, MessageKey failure_key, std::string failure, GuardFn fn,
                         std::source_location where) {
  guards_.insert_or_assign(std::move(name), GuardEntry{std::move(fn), failure_key,
                                                       std::move(failure), SourcePath(where)});
}

void CaseHooks::AddCheck(std::string name, CheckFn fn, std::source_location where) {
  checks_[std::move(name)] = Action{std::move(fn), SourcePath(where)};
}

void CaseHooks::AddEffect(std::string name, EffectFn fn, std::source_location where) {
  effects_[std::move(name)] = Action{std::move(fn), SourcePath(where)};
}

const GuardEntry* CaseHooks::FindGuard(std::string_view name) const { return Find(guards_, name); }

const CheckFn* CaseHooks::FindCheck(std::string_view name) const {
  const Action* a = Find(checks_, name);
  return a ? &a->fn : nullptr;
}

const EffectFn* CaseHooks::FindEffect(std::string_view name) const {
  const Action* a = Find(effects_, name);
  return a ? &a->fn : nullptr;
}

std::set<std::string> CaseHooks::GuardNames() const { return Names(guards_); }
std::set<std::string> CaseHooks::CheckNames() const { return Names(checks_); }
std::set<std::string> CaseHooks::EffectNames() const { return Names(effects_); }

std::string CaseHooks::SourceOf(HookKind kind, std::string_view name) const {
  const std::string* source = nullptr;
  switch (kind) {
    case HookKind::kGuard:
      if (const auto* g = Find(guards_, name)) source = &g->source;
      break;
    case HookKind::kCheck:
      if (const auto* c = Find(checks_, name)) source = &c->source;
      break;
    case HookKind::kEffect:
      if (name == kReopenSubjectEffect) return "src/engine/case_reopen.cpp";
      if (EngineEffect(std::string(name))) return "src/engine/case_run.cpp";
      if (const auto* e = Find(effects_, name)) source = &e->source;
      break;
  }
  return source ? *source : std::string();
}

Status CaseHooks::Covers(const ProcessDefinition& def) const {
  auto missing = [&](int line, const char* what, const std::string& name) {
    return AtField(def.file + ":" + std::to_string(line),
                   Error::Unprocessable("hooks.not_implemented"_msg,
                                        "{kind} '{name}' has no implementation in this build",
                                        {{"kind", what}, {"name", name}}));
  };
  for (const auto& c : def.intake.checks)
    if (!FindCheck(c)) return missing(def.intake.line, "check", c);
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
      if (!EngineEffect(e) && !FindEffect(e)) return missing(step.line, "effect", e);
    for (const auto& o : step.outcomes) {
      for (const auto& g : o.guards)
        if (!FindGuard(g)) return missing(o.line, "guard", g);
      for (const auto& e : o.effects)
        if (!EngineEffect(e) && !FindEffect(e)) return missing(o.line, "effect", e);
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
