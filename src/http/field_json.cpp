#include "http/field_json.h"

#include "http/case_json.h"

namespace jumys::http {

nlohmann::json FieldJson(const Field& f) {
  nlohmann::json j = nlohmann::json::object();
  if (!f.name.empty()) j["name"] = f.name;
  j["type"] = FieldTypeName(f.type);
  j["required"] = f.required;
  j["label"] = LocalizedJson(f.label);
  if (f.hint) j["hint"] = LocalizedJson(*f.hint);
  const auto number = [&](const char* key, const std::optional<std::int64_t>& v) {
    if (v) j[key] = *v;
  };
  number("min", f.min);
  number("max", f.max);
  number("min_length", f.min_length);
  number("max_length", f.max_length);
  if (f.pattern) j["pattern"] = *f.pattern;
  if (f.not_past) j["not_past"] = true;
  if (f.not_future) j["not_future"] = true;
  if (f.role) j["role"] = RoleName(*f.role);
  number("min_items", f.min_items);
  number("max_items", f.max_items);
  if (f.type == FieldType::kChoice) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : f.options) {
      options.push_back({{"value", o.value}, {"label", LocalizedJson(o.label)}});
    }
    j["options"] = std::move(options);
  }
  if (const Field* item = f.Item()) j["item"] = FieldJson(*item);
  if (f.type == FieldType::kGroup) j["fields"] = FieldsJson(f.fields);
  if (f.when) {
    j["when"] = {{"field", f.when->field},
                 {"equals", f.when->boolean ? nlohmann::json(f.when->equals == "true")
                                            : nlohmann::json(f.when->equals)}};
  }
  return j;
}

nlohmann::json FieldsJson(const std::vector<Field>& fields) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : fields) out.push_back(FieldJson(f));
  return out;
}

nlohmann::json StepFieldsJson(const Step& step) {
  nlohmann::json out = FieldsJson(step.fields.fields);
  for (const auto& o : step.outcomes) {
    for (const auto& f : o.fields.fields) {
      nlohmann::json j = FieldJson(f);
      j["outcome"] = o.id;
      out.push_back(std::move(j));
    }
  }
  return out;
}

}  // namespace jumys::http
