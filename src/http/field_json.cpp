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
  if (f.type == FieldType::kClassifier) {
    j["classifier"] = f.classifier;
    if (!f.code_prefix.empty()) j["prefix"] = f.code_prefix;
    number("min_level", f.min_level);
    number("max_level", f.max_level);
  }
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

nlohmann::json FieldSchema() {
  const nlohmann::json localized = {
      {"type", "object"},
      {"required", {"kk", "ru", "en"}},
      {"properties",
       {{"kk", {{"type", "string"}}}, {"ru", {{"type", "string"}}}, {"en", {{"type", "string"}}}}}};
  const nlohmann::json integer = {{"type", "integer"}};
  const nlohmann::json field_ref = {{"$ref", "#/components/schemas/Field"}};
  return {
      {"type", "object"},
      {"description",
       "A declared key of a completion's or a filing's data (processes/README.md, Fields). "
       "Constraints appear only when declared; text defaults to max_length 1000 characters and "
       "a list to max_items 100."},
      {"required", {"type", "required", "label"}},
      {"properties",
       {{"name", {{"type", "string"}, {"description", "the key in data; absent on a list's item"}}},
        {"type",
         {{"type", "string"},
          {"enum",
           {"text", "number", "money", "date", "boolean", "choice", "person", "employer", "office",
            "staff", "list", "group", "classifier"}}}},
        {"required", {{"type", "boolean"}}},
        {"label", localized},
        {"hint", localized},
        {"min", {{"type", "integer"}, {"description", "number: the value; money: tiyn"}}},
        {"max", {{"type", "integer"}, {"description", "number: the value; money: tiyn"}}},
        {"min_length", integer},
        {"max_length", integer},
        {"pattern", {{"type", "string"}, {"description", "ECMAScript, the whole value matches"}}},
        {"not_past", {{"type", "boolean"}}},
        {"not_future", {{"type", "boolean"}}},
        {"role", {{"type", "string"}, {"description", "staff: the login must hold this role"}}},
        {"classifier",
         {{"type", "string"},
          {"enum", {"nkz", "kato"}},
          {"description",
           "classifier: the value is an active code of it (GET /api/v1/reference/{kind})"}}},
        {"prefix", {{"type", "string"}, {"description", "classifier: only codes starting so"}}},
        {"min_level", {{"type", "integer"}, {"description", "classifier: the code's level"}}},
        {"max_level", {{"type", "integer"}, {"description", "classifier: the code's level"}}},
        {"min_items", integer},
        {"max_items", integer},
        {"options",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties", {{"value", {{"type", "string"}}}, {"label", localized}}}}}}},
        {"item", field_ref},
        {"fields", {{"type", "array"}, {"items", field_ref}}},
        {"when",
         {{"type", "object"},
          {"description", "the field applies only while the sibling field has this value"},
          {"properties",
           {{"field", {{"type", "string"}}}, {"equals", {{"type", {"string", "boolean"}}}}}}}},
        {"outcome",
         {{"type", "string"}, {"description", "steps and tasks: taken only with this outcome"}}}}}};
}

nlohmann::json TaskSchema() {
  return {{"type", "object"},
          {"description", "a task, in GET /api/v1/tasks and in a case's tasks"},
          {"properties",
           {{"id", {{"type", "integer"}}},
            {"step", {{"type", "string"}}},
            {"due_at", {{"type", {"string", "null"}}, {"format", "date-time"}}},
            {"overdue", {{"type", "boolean"}}},
            {"outcomes", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"fields",
             {{"type", "array"},
              {"items", {{"$ref", "#/components/schemas/Field"}}},
              {"description", "what the completion's data takes: the step's, then the outcomes'"}}},
            {"working_minutes_left",
             {{"type", {"integer", "null"}},
              {"description",
               "working minutes to due_at on the office's calendar and hours; negative once "
               "overdue; null without a due time"}}},
            {"urgency",
             {{"type", "string"},
              {"enum", {"ok", "near", "overdue"}},
              {"description",
               "near: at most a quarter of the step's working time, from creation to due, is "
               "left"}}}}}};
}

}  // namespace jumys::http
