#include "engine/definition_field_parser.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <regex>
#include <string_view>

namespace jumys {
namespace {

using definition_yaml::Reader;

// Reference list names, also their file names: lower-case letters, digits, '_' and '-'.
bool IsListName(std::string_view s) {
  return !s.empty() && s.size() <= 64 && s[0] >= 'a' && s[0] <= 'z' &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

// Caps that keep validating one request cheap (and std::regex's recursion shallow).
constexpr std::int64_t kMaxTextLength = 10000;
constexpr std::int64_t kMaxListItems = 1000;

// The constraints each field type takes; any other is a load error.
std::vector<std::string_view> ConstraintsOf(FieldType t) {
  switch (t) {
    case FieldType::kText:
      return {"min_length", "max_length", "pattern"};
    case FieldType::kNumber:
    case FieldType::kMoney:
      return {"min", "max"};
    case FieldType::kDate:
      return {"not_past", "not_future"};
    case FieldType::kChoice:
      return {"options"};
    case FieldType::kStaff:
      return {"role"};
    case FieldType::kList:
      return {"item", "min_items", "max_items"};
    case FieldType::kGroup:
      return {"fields"};
    case FieldType::kClassifier:
      return {"classifier", "prefix", "min_level", "max_level"};
    case FieldType::kBoolean:
    case FieldType::kPerson:
    case FieldType::kEmployer:
    case FieldType::kOffice:
    case FieldType::kVacancy:
    case FieldType::kIban:
      return {};
  }
  return {};
}

constexpr std::string_view kConstraintKeys[] = {
    "min",        "max",        "min_length", "max_length", "pattern",   "not_past",
    "not_future", "options",    "role",       "item",       "min_items", "max_items",
    "fields",     "classifier", "prefix",     "min_level",  "max_level"};

}  // namespace

Expected<FieldList> FieldParser::FieldsAt(const YAML::Node& parent) {
  FieldList out;
  const YAML::Node list = parent["fields"];
  if (!list.IsDefined()) return out;
  out.line = Reader::Line(list);
  auto fields = FieldSequence(list);
  if (!fields) return fields.error();
  out.fields = std::move(*fields);
  return out;
}

// Siblings: names unique, and each `when` names another sibling that can hold its value.
Expected<std::vector<Field>> FieldParser::FieldSequence(const YAML::Node& list) {
  if (!list.IsSequence()) return r_.At(list, "'fields' must be a list");
  std::vector<Field> out;
  for (const auto& node : list) {
    auto field = FieldAt(node, nullptr);
    if (!field) return field.error();
    for (const auto& other : out) {
      if (other.name == field->name) {
        return r_.At(node["name"], "duplicate field '" + field->name + "'");
      }
    }
    out.push_back(std::move(*field));
  }
  for (auto& f : out) {
    if (!f.when) continue;
    FieldCondition& when = *f.when;
    const auto sibling = std::find_if(out.begin(), out.end(), [&](const Field& other) {
      return other.name == when.field && &other != &f;
    });
    const bool fits = sibling != out.end() &&
                      (sibling->type == FieldType::kChoice || sibling->type == FieldType::kText ||
                       sibling->type == FieldType::kBoolean);
    if (!fits) {
      return r_.AtLine(when.line, "'when' of field '" + f.name + "' names no sibling choice, " +
                                      "text or boolean field '" + when.field + "'");
    }
    when.boolean = sibling->type == FieldType::kBoolean;
    if (when.boolean && when.equals != "true" && when.equals != "false") {
      return r_.AtLine(when.line, "'when' of field '" + f.name + "': boolean field '" + when.field +
                                      "' equals true or false");
    }
  }
  return out;
}

Expected<Field> FieldParser::FieldAt(const YAML::Node& node, const Field* item_of) {
  if (auto st = r_.Keys(
          node, {"name",       "type",       "required",   "label",      "hint",      "when",
                 "min",        "max",        "min_length", "max_length", "pattern",   "not_past",
                 "not_future", "options",    "role",       "item",       "min_items", "max_items",
                 "fields",     "classifier", "prefix",     "min_level",  "max_level"});
      !st) {
    return st.error();
  }
  Field f;
  f.line = Reader::Line(node);
  if (item_of) {
    for (const char* key : {"name", "required", "when"}) {
      if (node[key].IsDefined()) {
        return r_.At(node[key], std::string("a list's item has no '") + key + "'");
      }
    }
    f.required = true;  // an element of a list is there
  } else {
    auto name = r_.Identifier(node, "name");
    if (!name) return name.error();
    f.name = *name;
    auto required = r_.Flag(node, "required", false);
    if (!required) return required.error();
    f.required = *required;
  }
  auto type = r_.Word<FieldType>(node, "type", ParseFieldType,
                                 "text, number, money, date, boolean, choice, person, employer, "
                                 "office, staff, list, group, classifier");
  if (!type) return type.error();
  f.type = *type;
  if (item_of && !node["label"].IsDefined()) {
    f.label = item_of->label;
  } else {
    auto label = r_.Localized(node, "label", true);
    if (!label) return label.error();
    f.label = std::move(*label);
  }
  if (node["hint"].IsDefined()) {
    auto hint = r_.Localized(node, "hint", true);
    if (!hint) return hint.error();
    f.hint = std::move(*hint);
  }
  if (const YAML::Node when = node["when"]; when.IsDefined()) {
    if (auto st = r_.Keys(when, {"field", "equals"}); !st) return st.error();
    auto field = r_.Identifier(when, "field");
    if (!field) return field.error();
    auto equals = r_.Text(when, "equals");
    if (!equals) return equals.error();
    f.when = FieldCondition{*field, *equals, false, Reader::Line(when)};
  }
  if (auto st = FieldConstraints(node, f); !st) return st.error();
  return f;
}

Status FieldParser::FieldConstraints(const YAML::Node& node, Field& f) {
  const auto fitting = ConstraintsOf(f.type);
  for (std::string_view key : kConstraintKeys) {
    const YAML::Node value = node[std::string(key)];
    if (value.IsDefined() && std::find(fitting.begin(), fitting.end(), key) == fitting.end()) {
      return r_.At(value,
                   "'" + std::string(key) + "' does not fit a " + FieldTypeName(f.type) + " field");
    }
  }
  const auto integer = [&](const char* key, std::optional<std::int64_t>& out, std::int64_t lowest,
                           std::int64_t highest) -> Status {
    if (!node[key].IsDefined()) return {};
    auto v = Integer(node, key);
    if (!v) return v.error();
    if (*v < lowest || *v > highest) {
      return r_.At(node[key], std::string("'") + key + "' must be between " +
                                  std::to_string(lowest) + " and " + std::to_string(highest));
    }
    out = *v;
    return {};
  };
  const auto ordered = [&](const char* low_key, const std::optional<std::int64_t>& low,
                           const char* high_key,
                           const std::optional<std::int64_t>& high) -> Status {
    if (low && high && *low > *high) {
      return r_.At(node[high_key], std::string("'") + high_key + "' is below '" + low_key + "'");
    }
    return {};
  };
  constexpr std::int64_t kLowest = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t kHighest = std::numeric_limits<std::int64_t>::max();
  JUMYS_TRY(integer("min", f.min, kLowest, kHighest));
  JUMYS_TRY(integer("max", f.max, kLowest, kHighest));
  JUMYS_TRY(ordered("min", f.min, "max", f.max));
  JUMYS_TRY(integer("min_length", f.min_length, 0, kMaxTextLength));
  JUMYS_TRY(integer("max_length", f.max_length, 1, kMaxTextLength));
  JUMYS_TRY(ordered("min_length", f.min_length, "max_length", f.max_length));
  JUMYS_TRY(integer("min_items", f.min_items, 0, kMaxListItems));
  JUMYS_TRY(integer("max_items", f.max_items, 1, kMaxListItems));
  JUMYS_TRY(ordered("min_items", f.min_items, "max_items", f.max_items));
  if (node["pattern"].IsDefined()) {
    auto pattern = r_.Text(node, "pattern");
    if (!pattern) return pattern.error();
    try {
      std::regex compiled(*pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return r_.At(node["pattern"], "'pattern' does not compile: " + std::string(e.what()));
    }
    f.pattern = *pattern;
  }
  auto not_past = r_.Flag(node, "not_past", false);
  if (!not_past) return not_past.error();
  auto not_future = r_.Flag(node, "not_future", false);
  if (!not_future) return not_future.error();
  f.not_past = *not_past;
  f.not_future = *not_future;
  if (node["role"].IsDefined()) {
    auto role = r_.RoleAt(node["role"]);
    if (!role) return role.error();
    f.role = *role;
  }
  switch (f.type) {
    case FieldType::kChoice:
      return Options(node, f);
    case FieldType::kClassifier:
      return Classifier(node, f);
    case FieldType::kList: {
      const YAML::Node item = node["item"];
      if (!item.IsDefined()) return r_.At(node, "a list field needs 'item' (one field spec)");
      auto spec = FieldAt(item, &f);
      if (!spec) return spec.error();
      f.item.push_back(std::move(*spec));
      return {};
    }
    case FieldType::kGroup: {
      const YAML::Node fields = node["fields"];
      if (!fields.IsDefined() || !fields.IsSequence() || fields.size() == 0) {
        return r_.At(fields.IsDefined() ? fields : node, "a group field needs 'fields' (a list)");
      }
      auto nested = FieldSequence(fields);
      if (!nested) return nested.error();
      f.fields = std::move(*nested);
      return {};
    }
    default:
      return {};
  }
}

// `classifier: nkz|kato`, optionally `prefix:` (codes under that one) and `min_level:` /
// `max_level:` (NKZ 1-5, KATO 1-4; reference/REFERENCE_DATA.md's levels).
Status FieldParser::Classifier(const YAML::Node& node, Field& f) {
  if (!node["classifier"].IsDefined()) {
    return r_.At(node, "a classifier field needs 'classifier' (nkz or kato)");
  }
  auto classifier = r_.Text(node, "classifier");
  if (!classifier) return classifier.error();
  if (*classifier != "nkz" && *classifier != "kato") {
    return r_.At(node["classifier"], "'classifier' must be nkz or kato, not '" + *classifier + "'");
  }
  f.classifier = *classifier;
  const std::int64_t deepest = f.classifier == "nkz" ? 5 : 4;
  for (auto [key, out] : {std::pair{"min_level", &f.min_level}, {"max_level", &f.max_level}}) {
    if (!node[key].IsDefined()) continue;
    auto v = Integer(node, key);
    if (!v) return v.error();
    if (*v < 1 || *v > deepest) {
      return r_.At(node[key], std::string("'") + key + "' must be between 1 and " +
                                  std::to_string(deepest) + " for " + f.classifier);
    }
    *out = *v;
  }
  if (f.min_level && f.max_level && *f.min_level > *f.max_level) {
    return r_.At(node["max_level"], "'max_level' is below 'min_level'");
  }
  if (node["prefix"].IsDefined()) {
    auto prefix = r_.Text(node, "prefix");
    if (!prefix) return prefix.error();
    const bool digits = !prefix->empty() && prefix->size() <= 12 &&
                        std::all_of(prefix->begin(), prefix->end(),
                                    [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
    if (!digits) return r_.At(node["prefix"], "'prefix' must be the leading digits of a code");
    f.code_prefix = *prefix;
  }
  return {};
}

// `options:` a list of {value, label}, or the name of reference/lists/<name>.yaml (the loader
// fills the options in from it).
Status FieldParser::Options(const YAML::Node& node, Field& f) {
  const YAML::Node options = node["options"];
  if (!options.IsDefined()) return r_.At(node, "a choice field needs 'options'");
  f.options_line = Reader::Line(options);
  if (options.IsScalar()) {
    if (!IsListName(options.Scalar())) {
      return r_.At(options, "'options' must be a list or a reference list's name");
    }
    f.options_list = options.Scalar();
    return {};
  }
  auto list = OptionList(options);
  if (!list) return list.error();
  f.options = std::move(*list);
  return {};
}

Expected<std::vector<FieldOption>> FieldParser::OptionList(const YAML::Node& list) const {
  if (!list.IsSequence() || list.size() == 0) {
    return r_.At(list, "'options' must be a list of {value, label}");
  }
  std::vector<FieldOption> out;
  for (const auto& item : list) {
    if (auto st = r_.Keys(item, {"value", "label"}); !st) return st.error();
    auto value = r_.Text(item, "value");
    if (!value) return value.error();
    for (const auto& other : out) {
      if (other.value == *value) return r_.At(item["value"], "duplicate option '" + *value + "'");
    }
    auto label = r_.Localized(item, "label", true);
    if (!label) return label.error();
    out.push_back({*value, std::move(*label)});
  }
  return out;
}

Expected<std::int64_t> FieldParser::Integer(const YAML::Node& parent, const char* key) const {
  const YAML::Node n = parent[key];
  const std::string s = n.IsScalar() ? n.Scalar() : std::string();
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
    return r_.At(n, std::string("'") + key + "' must be a whole number");
  }
  return v;
}

}  // namespace jumys
