#include "http/json_io.h"

#include <gtest/gtest.h>

namespace jumys::http {
namespace {

using nlohmann::json;

TEST(ParseJsonObject, AppliesTheLimitsOfParseJson) {
  auto deep = ParseJsonObject(std::string(100'000, '[') + std::string(100'000, ']'));
  ASSERT_FALSE(deep.has_value());
  EXPECT_EQ(HttpStatus(deep.error().code), 400);
  EXPECT_EQ(deep.error().message, "request body is nested deeper than 32 levels");

  auto large = ParseJsonObject(R"({"a":")" + std::string(kMaxJsonBytes, 'x') + "\"}");
  ASSERT_FALSE(large.has_value());
  EXPECT_EQ(HttpStatus(large.error().code), 413);
  EXPECT_EQ(large.error().message, "request body is too large (the limit is 1048576 bytes)");
}

TEST(ParseJsonObject, WantsAnObject) {
  EXPECT_TRUE(ParseJsonObject(R"({"a":[1]})").has_value());
  auto array = ParseJsonObject("[1]");
  ASSERT_FALSE(array.has_value());
  EXPECT_EQ(array.error().message, "request body must be a JSON object");
  auto broken = ParseJsonObject("{");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().message, "request body is not valid JSON");
  EXPECT_EQ(HttpStatus(broken.error().code), 400);
}

TEST(JsonIoHelpers, MissingOrMistypedBodyFieldsAre400AndRejectedValues422) {
  const json body = {{"login", "clerk"}, {"n", 1}, {"empty", ""}, {"flag", true}};
  EXPECT_EQ(*RequiredString(body, "login"), "clerk");
  EXPECT_EQ(HttpStatus(RequiredString(body, "missing").error().code), 400);
  EXPECT_EQ(RequiredString(body, "n").error().message, "n: must be a string");
  EXPECT_EQ(HttpStatus(RequiredString(body, "n").error().code), 400);
  EXPECT_EQ(HttpStatus(RequiredString(body, "empty").error().code), 422);
  EXPECT_EQ(HttpStatus(RequiredString(body, "login", 3).error().code), 422);
  EXPECT_EQ(*OptionalString(body, "missing"), std::nullopt);
  EXPECT_TRUE(*RequiredBool(body, "flag"));
  EXPECT_EQ(HttpStatus(RequiredBool(body, "n").error().code), 400);
  // Readers over parts of a body keep the 400 for shape and name the path.
  const json part = {{"iin", 12}};
  auto applicant = BodyReader(part, "applicant");
  ASSERT_TRUE(applicant.has_value());
  EXPECT_EQ(applicant->OptionalString("iin", 12).error().message,
            "applicant.iin: must be a string");
  EXPECT_EQ(HttpStatus(applicant->OptionalString("iin", 12).error().code), 400);
}

}  // namespace
}  // namespace jumys::http
