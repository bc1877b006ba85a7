// A field as the processes listing and the tasks serve it: a classifier field names its
// classifier and the limits it declares, so a form can offer a picker.
#include "http/field_json.h"

#include <gtest/gtest.h>

namespace jumys::http {
namespace {

TEST(FieldJson, AClassifierFieldNamesItsClassifierAndLimits) {
  Field f;
  f.name = "occupation";
  f.type = FieldType::kClassifier;
  f.required = true;
  f.label = {"Кәсіп", "Профессия", "Occupation"};
  f.classifier = "nkz";
  EXPECT_EQ(FieldJson(f),
            (nlohmann::json{{"name", "occupation"},
                            {"type", "classifier"},
                            {"required", true},
                            {"label", {{"kk", "Кәсіп"}, {"ru", "Профессия"}, {"en", "Occupation"}}},
                            {"classifier", "nkz"}}));
  f.code_prefix = "43";
  f.min_level = 2;
  f.max_level = 3;
  const auto j = FieldJson(f);
  EXPECT_EQ(j["prefix"], "43");
  EXPECT_EQ(j["min_level"], 2);
  EXPECT_EQ(j["max_level"], 3);

  // A step's fields, as a task carries them.
  Step step;
  step.fields.fields.push_back(f);
  const auto fields = StepFieldsJson(step);
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0]["classifier"], "nkz");
}

}  // namespace
}  // namespace jumys::http
