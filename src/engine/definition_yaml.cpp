#include "engine/definition_yaml.h"

#include <algorithm>

#include "core/limit.h"
#include "core/time.h"
#include "engine/definition_vocabulary.h"

namespace jumys::definition_yaml {

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsCode(std::string_view s) {
  return !s.empty() && s.size() <= 64 && s[0] >= 'a' && s[0] <= 'z' &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

bool IsRef(std::string_view s) {
  bool digit_before = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit_before = true;
    } else if (c == '.' && digit_before) {
      digit_before = false;
    } else {
      return false;
    }
  }
  return digit_before;
}

int Reader::Line(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

Error Reader::At(const YAML::Node& node, const std::string& reason) const {
  return AtLine(Line(node), reason);
}

Error Reader::AtLine(int line, const std::string& reason) const {
  return DefinitionFileError(file_, line, reason);
}

Expected<YAML::Node> Reader::Load(const std::string& text) const {
  try {
    YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) return AtLine(1, "expected a mapping at the top of the file");
    return root;
  } catch (const YAML::Exception& e) {
    return AtLine(e.mark.is_null() ? 0 : e.mark.line + 1, "YAML: " + e.msg);
  }
}

Status Reader::Keys(const YAML::Node& node, std::initializer_list<std::string_view> allowed) const {
  if (!node.IsDefined() || !node.IsMap()) return At(node, "expected a mapping");
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return At(kv.first, "unknown key '" + key + "'");
    }
  }
  return {};
}

Expected<std::string> Reader::Text(const YAML::Node& parent, const char* key) const {
  const YAML::Node n = parent[key];
  if (!n.IsDefined()) return At(parent, std::string("missing '") + key + "'");
  if (!n.IsScalar() || n.Scalar().empty()) return At(n, std::string("'") + key + "' must be text");
  return n.Scalar();
}

Expected<std::optional<std::string>> Reader::OptionalText(const YAML::Node& parent,
                                                          const char* key) const {
  if (!parent[key].IsDefined()) return std::optional<std::string>();
  auto t = Text(parent, key);
  if (!t) return t.error();
  return std::optional<std::string>(std::move(*t));
}

Expected<bool> Reader::Flag(const YAML::Node& parent, const char* key, bool fallback) const {
  const YAML::Node n = parent[key];
  if (!n.IsDefined()) return fallback;
  const std::string s = n.IsScalar() ? n.Scalar() : std::string();  // n is defined here
  if (s == "true") return true;
  if (s == "false") return false;
  return At(n, std::string("'") + key + "' must be true or false");
}

Expected<std::string> Reader::Identifier(const YAML::Node& parent, const char* key) const {
  auto t = Text(parent, key);
  if (!t) return t.error();
  if (!IsIdentifier(*t)) {
    return At(parent[key], "'" + *t + "' is not an identifier (a-z, 0-9 and _, from a letter)");
  }
  return t;
}

Expected<std::vector<std::string>> Reader::Names(const YAML::Node& parent, const char* key,
                                                 const std::set<std::string>& known,
                                                 const char* what) const {
  std::vector<std::string> out;
  const YAML::Node n = parent[key];
  if (!n.IsDefined()) return out;
  if (!n.IsSequence()) return At(n, std::string("'") + key + "' must be a list");
  for (const auto& item : n) {
    if (!item.IsScalar()) return At(item, std::string("'") + key + "' must list names");
    const std::string& name = item.Scalar();
    if (!known.count(name) && !known.count(ArgumentPattern(name))) {
      return At(item, std::string("unknown ") + what + " '" + name + "'");
    }
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      return At(item, std::string(what) + " '" + name + "' listed twice");
    }
    out.push_back(name);
  }
  return out;
}

Expected<std::vector<std::string>> Reader::SourcedNames(const YAML::Node& parent, const char* key,
                                                        const std::set<std::string>& known,
                                                        const char* what,
                                                        const std::set<std::string>* needs_source,
                                                        std::vector<std::string>& sources) const {
  std::vector<std::string> out;
  sources.clear();
  const YAML::Node n = parent[key];
  if (!n.IsDefined()) return out;
  if (!n.IsSequence()) return At(n, std::string("'") + key + "' must be a list");
  for (const auto& item : n) {
    std::string name, source;
    if (item.IsScalar()) {
      name = item.Scalar();
    } else if (item.IsMap()) {
      if (auto st = Keys(item, {"name", "source"}); !st) return st.error();
      auto n_text = Text(item, "name");
      if (!n_text) return n_text.error();
      auto s_text = Text(item, "source");
      if (!s_text) return s_text.error();
      name = *n_text;
      source = *s_text;
    } else {
      return At(item, std::string("'") + key + "' must list names or {name, source}");
    }
    if (!known.count(name)) return At(item, std::string("unknown ") + what + " '" + name + "'");
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      return At(item, std::string(what) + " '" + name + "' listed twice");
    }
    if (source.empty() && needs_source && needs_source->count(name)) {
      return At(item, std::string(what) + " '" + name +
                          "' comes from law later than the regulation: write it as {name: " + name +
                          ", source: \"<the act>\"}");
    }
    out.push_back(name);
    sources.push_back(source);
  }
  return out;
}

Expected<LocalizedText> Reader::Localized(const YAML::Node& parent, const char* key,
                                          bool require_all) const {
  const YAML::Node n = parent[key];
  if (!n.IsDefined()) return At(parent, std::string("missing '") + key + "' {kk, ru, en}");
  if (auto st = Keys(n, {"kk", "ru", "en"}); !st) return st.error();
  LocalizedText out;
  for (auto [lang, field] : {std::pair{"kk", &out.kk}, {"ru", &out.ru}, {"en", &out.en}}) {
    const bool needed = require_all || std::string_view(lang) == "en";
    if (!needed && !n[lang].IsDefined()) continue;
    auto t = Text(n, lang);
    if (!t) return t.error();
    *field = std::move(*t);
  }
  return out;
}

Expected<Role> Reader::RoleAt(const YAML::Node& node) const {
  const std::string s = node.IsDefined() && node.IsScalar() ? node.Scalar() : std::string();
  auto role = ParseRole(s);
  if (!role) return At(node, "unknown role '" + s + "'");
  return *role;
}

Expected<Limit> Reader::LimitAt(const YAML::Node& node) const {
  const std::string s = node.IsDefined() && node.IsScalar() ? node.Scalar() : std::string();
  auto limit = ParseLimit(s);
  if (!limit) return At(node, "bad limit: " + limit.error().message);
  return *limit;
}

Expected<Date> Reader::DateAt(const YAML::Node& node) const {
  const std::string s = node.IsDefined() && node.IsScalar() ? node.Scalar() : std::string();
  auto d = ParseDate(s);
  if (!d) return At(node, "bad date: " + d.error().message);
  return *d;
}

}  // namespace jumys::definition_yaml
