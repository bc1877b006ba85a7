#include "core/yaml_source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace jumys {

Error YamlSource::At(const YAML::Node& node, MessageKey key, std::string_view english,
                     MessageParams params) const {
  return At(node, Error::Unprocessable(key, english, std::move(params)));
}

Error YamlSource::At(const YAML::Node& node, Error error) const {
  return AtLine(Line(node), std::move(error));
}

Error YamlSource::AtLine(int line, Error error) const {
  std::string where = path_.string();
  if (line > 0) where += ":" + std::to_string(line);
  error.code = ErrorCode::kUnprocessable;
  return AtField(std::move(where), std::move(error));
}

int YamlSource::Line(const YAML::Node& node) {
  return node.IsDefined() && !node.Mark().is_null() ? node.Mark().line + 1 : 0;
}

Expected<YAML::Node> YamlSource::Read() const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    return AtLine(0, Error::Unprocessable("reference.cannot_read"_msg, "cannot read the file"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return YAML::Load(text.str());
  } catch (const YAML::Exception& e) {
    return AtLine(e.mark.is_null() ? 0 : e.mark.line + 1,
                  Error::Unprocessable("reference.yaml_syntax"_msg, "not valid YAML: {problem}",
                                       {{"problem", e.msg}}));
  }
}

Status YamlSource::Keys(const YAML::Node& node,
                        std::initializer_list<std::string_view> allowed) const {
  if (!node.IsMap()) return At(node, "reference.not_mapping"_msg, "expected a mapping");
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return At(kv.first, "reference.unknown_key"_msg, "unknown key '{key}'", {{"key", key}});
    }
  }
  return {};
}

Expected<std::string> YamlSource::Text(const YAML::Node& parent, const char* key) const {
  const YAML::Node n = parent[key];
  if (!n.IsDefined()) {
    return At(parent, "reference.missing_key"_msg, "missing '{key}'", {{"key", key}});
  }
  if (!n.IsScalar() || n.Scalar().empty()) {
    return At(n, "reference.not_text"_msg, "'{key}' must be text", {{"key", key}});
  }
  return n.Scalar();
}

Expected<std::string> YamlSource::OptionalText(const YAML::Node& parent, const char* key) const {
  if (!parent[key].IsDefined() || parent[key].IsNull()) return std::string();
  return Text(parent, key);
}

Expected<int> YamlSource::Number(const YAML::Node& parent, const char* key, int min,
                                 int max) const {
  const YAML::Node n = parent[key];
  if (!n.IsDefined()) {
    return At(parent, "reference.missing_key"_msg, "missing '{key}'", {{"key", key}});
  }
  const std::string s = n.IsScalar() ? n.Scalar() : std::string();
  const bool digits = !s.empty() && s.size() <= 9 &&
                      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int value = digits ? std::stoi(s) : -1;
  if (!digits || value < min || value > max) {
    return At(n, "programme.number_range"_msg, "'{key}' must be a whole number from {min} to {max}",
              {{"key", key}, {"min", std::to_string(min)}, {"max", std::to_string(max)}});
  }
  return value;
}

Expected<std::optional<int>> YamlSource::OptionalNumber(const YAML::Node& parent, const char* key,
                                                        int min, int max) const {
  if (!parent[key].IsDefined() || parent[key].IsNull()) return std::optional<int>{};
  JUMYS_ASSIGN_OR_RETURN(int v, Number(parent, key, min, max));
  return std::optional<int>{v};
}

Expected<Date> YamlSource::DateAt(const YAML::Node& node) const {
  auto d = ParseDate(node.IsScalar() ? node.Scalar() : std::string());
  if (!d) return At(node, d.error());
  return *d;
}

Expected<Date> YamlSource::DateOf(const YAML::Node& parent, const char* key) const {
  JUMYS_TRY(Text(parent, key));
  return DateAt(parent[key]);
}

Expected<std::optional<Date>> YamlSource::OptionalDate(const YAML::Node& parent,
                                                       const char* key) const {
  if (!parent[key].IsDefined() || parent[key].IsNull()) return std::optional<Date>{};
  JUMYS_ASSIGN_OR_RETURN(auto d, DateOf(parent, key));
  return std::optional<Date>{d};
}

Expected<LocalizedName> YamlSource::Name(const YAML::Node& parent) const {
  const YAML::Node n = parent["name"];
  if (!n.IsDefined()) {
    return At(parent, "reference.missing_names"_msg, "missing 'name' with kk, ru and en");
  }
  JUMYS_TRY(Keys(n, {"kk", "ru", "en"}));
  LocalizedName name;
  JUMYS_ASSIGN_OR_RETURN(name.kk, Text(n, "kk"));
  JUMYS_ASSIGN_OR_RETURN(name.ru, Text(n, "ru"));
  JUMYS_ASSIGN_OR_RETURN(name.en, Text(n, "en"));
  return name;
}

}  // namespace jumys
