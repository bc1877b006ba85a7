#pragma once
// JSON of declared fields (processes/README.md "Fields"), for GET /api/v1/processes and tasks:
// {"name", "type", "required", "label", "hint"?, the constraints declared under their YAML
// names, "options"? (always expanded), "item"?, "fields"?, "when"?: {"field", "equals"}}.
#include <nlohmann/json.hpp>

#include "engine/definition.h"

namespace jumys::http {

nlohmann::json FieldJson(const Field& field);
nlohmann::json FieldsJson(const std::vector<Field>& fields);
// What a completion of `step` may carry: the step's fields, then each outcome's with
// "outcome": "<id>" added.
nlohmann::json StepFieldsJson(const Step& step);

// OpenAPI schemas: "Field" (a field as above, "outcome" on tasks and steps) and "Task"'s
// properties that come from the definition and the calendar (fields, working_minutes_left,
// urgency).
nlohmann::json FieldSchema();
nlohmann::json TaskSchema();

}  // namespace jumys::http
