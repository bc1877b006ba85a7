#pragma once
// Reading helpers for the definition files: every error names "<file>:<line>: <reason>" so an
// analyst can fix a definition without reading code. Internal to the loader; yaml-cpp stays
// out of definition.h.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "engine/definition.h"

namespace jumys::definition_yaml {

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  static int Line(const YAML::Node& node);
  Error At(const YAML::Node& node, const std::string& reason) const;
  Error AtLine(int line, const std::string& reason) const;

  Expected<YAML::Node> Load(const std::string& text) const;
  // A mapping whose keys are all in `allowed`: a misspelt key must not pass silently.
  Status Keys(const YAML::Node& node, std::initializer_list<std::string_view> allowed) const;
  // A required non-empty scalar.
  Expected<std::string> Text(const YAML::Node& parent, const char* key) const;
  // An optional scalar: nullopt when the key is absent.
  Expected<std::optional<std::string>> OptionalText(const YAML::Node& parent,
                                                    const char* key) const;
  Expected<bool> Flag(const YAML::Node& parent, const char* key, bool fallback) const;
  // A scalar matching [a-z][a-z0-9_]*: step, outcome and name identifiers (also XML ids).
  Expected<std::string> Identifier(const YAML::Node& parent, const char* key) const;
  // A list of names, each in `known` ("unknown <what> 'x'").
  Expected<std::vector<std::string>> Names(const YAML::Node& parent, const char* key,
                                           const std::set<std::string>& known,
                                           const char* what) const;
  // Names, where an entry may also be a map `{name: <name>, source: "<act>"}` naming the act a
  // rule comes from. `sources` gets one string per name, "" for a bare name. A name in
  // `needs_source` (rules from law later than the regulation) must carry its source unless
  // `needs_source` is null (a definition wholly beyond the seed names its act at the top).
  Expected<std::vector<std::string>> SourcedNames(const YAML::Node& parent, const char* key,
                                                  const std::set<std::string>& known,
                                                  const char* what,
                                                  const std::set<std::string>* needs_source,
                                                  std::vector<std::string>& sources) const;
  // {kk, ru, en}; `require_all` false asks only for en.
  Expected<LocalizedText> Localized(const YAML::Node& parent, const char* key,
                                    bool require_all) const;
  Expected<Role> RoleAt(const YAML::Node& node) const;
  Expected<Limit> LimitAt(const YAML::Node& node) const;
  Expected<Date> DateAt(const YAML::Node& node) const;
  // One of an enum's words at `parent[key]`, read by `parse`; `choices` lists them for the error.
  template <typename E>
  Expected<E> Word(const YAML::Node& parent, const char* key,
                   std::optional<E> (*parse)(std::string_view), const char* choices) const {
    auto t = Text(parent, key);
    if (!t) return t.error();
    auto v = parse(*t);
    if (!v) return At(parent[key], "'" + *t + "' is not one of " + choices);
    return *v;
  }

 private:
  std::string file_;
};

bool IsIdentifier(std::string_view s);
// Process codes and versions: lower-case letters, digits and '-', from a letter.
bool IsCode(std::string_view s);
// The regulation's item numbers: "6", "6.2", "13.1".
bool IsRef(std::string_view s);

}  // namespace jumys::definition_yaml
