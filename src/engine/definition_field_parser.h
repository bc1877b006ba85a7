#pragma once
// The `fields:` of a definition (intake, step, outcome) and the options of reference lists:
// types, constraints, labels and `when`, each refusal naming file and line.
#include <vector>

#include "core/error.h"
#include "engine/definition.h"
#include "engine/definition_yaml.h"

namespace jumys {

class FieldParser {
 public:
  explicit FieldParser(const definition_yaml::Reader& reader) : r_(reader) {}

  // The `fields:` under `parent`; none when absent.
  Expected<FieldList> FieldsAt(const YAML::Node& parent);
  // A list of {value, label: {kk, ru, en}}.
  Expected<std::vector<FieldOption>> OptionList(const YAML::Node& list) const;

 private:
  Expected<std::vector<Field>> FieldSequence(const YAML::Node& list);
  // `item_of`: the list whose item this is (no name, required or when; its label by default).
  Expected<Field> FieldAt(const YAML::Node& node, const Field* item_of);
  Status FieldConstraints(const YAML::Node& node, Field& f);
  Status Options(const YAML::Node& node, Field& f);
  Status Classifier(const YAML::Node& node, Field& f);
  Expected<std::int64_t> Integer(const YAML::Node& parent, const char* key) const;

  const definition_yaml::Reader& r_;
};

}  // namespace jumys
