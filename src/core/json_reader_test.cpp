#include "core/json_reader.h"

#include <gtest/gtest.h>

#include <limits>

namespace jumys {
namespace {

using nlohmann::json;

std::string Nested(int depth, char open = '[', char close = ']') {
  return std::string(static_cast<std::size_t>(depth), open) +
         std::string(static_cast<std::size_t>(depth), close);
}

JsonReader Read(const json& value, std::string path = {}) {
  auto reader = JsonReader::Of(value, std::move(path));
  EXPECT_TRUE(reader.has_value());
  return *reader;
}

template <typename T>
void ExpectError(const Expected<T>& result, ErrorCode code, const std::string& message) {
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, code) << result.error().message;
  EXPECT_EQ(result.error().message, message);
}

TEST(JsonNestingDepth, CountsContainersOutsideStrings) {
  EXPECT_EQ(JsonNestingDepth("1", 32), 0);
  EXPECT_EQ(JsonNestingDepth(R"({"a":[1,{"b":[]}]})", 32), 4);
  EXPECT_EQ(JsonNestingDepth(R"(["[[[[", "\"[[[", {}])", 32), 2);
  EXPECT_EQ(JsonNestingDepth(R"([[], [], [[]]])", 32), 3);
}

TEST(JsonNestingDepth, StopsOnceAboveTheLimit) {
  EXPECT_EQ(JsonNestingDepth(Nested(100'000), 32), 33);
}

TEST(ParseJson, AcceptsUpToTheDepthLimit) {
  auto parsed = ParseJson(Nested(kMaxJsonDepth));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_TRUE(parsed->is_array());
}

TEST(ParseJson, RejectsDeeperThanTheLimitWithoutRecursing) {
  ExpectError(ParseJson(Nested(kMaxJsonDepth + 1), "request body"), ErrorCode::kInvalidInput,
              "request body is nested deeper than 32 levels");
  // 100,000 levels: the parser never sees it, so nothing recurses.
  ExpectError(ParseJson(Nested(100'000, '{', '}')), ErrorCode::kInvalidInput,
              "JSON is nested deeper than 32 levels");
  std::string objects;
  for (int i = 0; i < 100'000; ++i) objects += R"({"a":)";
  ExpectError(ParseJson(objects), ErrorCode::kInvalidInput, "JSON is nested deeper than 32 levels");
}

TEST(ParseJson, BracketsInsideStringsDoNotCount) {
  const std::string text = R"({"note":")" + std::string(1000, '[') + R"("})";
  auto parsed = ParseJson(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ((*parsed)["note"].get<std::string>().size(), 1000u);
}

TEST(ParseJson, RejectsMalformedJson) {
  ExpectError(ParseJson("{\"a\":", "request body"), ErrorCode::kInvalidInput,
              "request body is not valid JSON");
  ExpectError(ParseJson(""), ErrorCode::kInvalidInput, "JSON is not valid JSON");
  ExpectError(ParseJson("[1e999]"), ErrorCode::kInvalidInput, "JSON is not valid JSON");
  ExpectError(ParseJson("\"\xff\""), ErrorCode::kInvalidInput, "JSON is not valid JSON");
}

TEST(ParseJson, RejectsTooLargeWith413) {
  const std::string text = "\"" + std::string(100, 'x') + "\"";
  auto parsed = ParseJson(text, "request body", JsonLimits{.max_bytes = 50});
  ExpectError(parsed, ErrorCode::kPayloadTooLarge,
              "request body is too large (the limit is 50 bytes)");
  EXPECT_EQ(parsed.error().key, "request.too_large");
  EXPECT_EQ(parsed.error().params, (MessageParams{{"what", "request body"}, {"limit", "50"}}));
  EXPECT_EQ(HttpStatus(parsed.error().code), 413);
  EXPECT_TRUE(ParseJson(text, "request body", JsonLimits{.max_bytes = text.size()}).has_value());
}

TEST(JsonReader, OfRejectsNonObjects) {
  const json number = 5;
  const json array = json::array();
  ExpectError(JsonReader::Of(number, "amount"), ErrorCode::kUnprocessable,
              "amount: must be an object");
  ExpectError(JsonReader::Of(array, "", ErrorCode::kInvalidInput), ErrorCode::kInvalidInput,
              "must be an object");
}

TEST(JsonReader, String) {
  const json v = {{"name", "Айгерим"}, {"empty", ""}, {"number", 5}, {"null", nullptr}};
  const auto in = Read(v);
  EXPECT_EQ(*in.String("name"), "Айгерим");
  ExpectError(in.String("missing"), ErrorCode::kUnprocessable, "missing: is required");
  ExpectError(in.String("null"), ErrorCode::kUnprocessable, "null: is required");
  ExpectError(in.String("number"), ErrorCode::kUnprocessable, "number: must be a string");
  ExpectError(in.String("empty"), ErrorCode::kUnprocessable, "empty: must not be empty");
  ExpectError(in.String("name", 5), ErrorCode::kUnprocessable, "name: is longer than 5 bytes");
}

TEST(JsonReader, OptionalString) {
  const json v = {{"name", "Aru"}, {"empty", ""}, {"list", json::array()}};
  const auto in = Read(v, "applicant");
  EXPECT_EQ(*in.OptionalString("name"), std::optional<std::string>("Aru"));
  EXPECT_EQ(*in.OptionalString("empty"), std::optional<std::string>(""));
  EXPECT_EQ(*in.OptionalString("missing"), std::nullopt);
  ExpectError(in.OptionalString("list"), ErrorCode::kUnprocessable,
              "applicant.list: must be a string");
  ExpectError(in.OptionalString("name", 2), ErrorCode::kUnprocessable,
              "applicant.name: is longer than 2 bytes");
}

TEST(JsonReader, Int) {
  const json v = {{"n", 7},
                  {"negative", -3},
                  {"float", 7.0},
                  {"text", "7"},
                  {"huge", std::numeric_limits<std::uint64_t>::max()}};
  const auto in = Read(v);
  EXPECT_EQ(*in.Int("n", 1, 10), 7);
  EXPECT_EQ(*in.Int("negative", -5, 0), -3);
  ExpectError(in.Int("n", 8, 10), ErrorCode::kUnprocessable, "n: must be between 8 and 10");
  ExpectError(in.Int("float", 1, 10), ErrorCode::kUnprocessable, "float: must be a whole number");
  ExpectError(in.Int("text", 1, 10), ErrorCode::kUnprocessable, "text: must be a whole number");
  ExpectError(in.Int("missing", 1, 10), ErrorCode::kUnprocessable, "missing: is required");
  ExpectError(
      in.Int("huge", 0, std::numeric_limits<std::int64_t>::max()), ErrorCode::kUnprocessable,
      "huge: must be between 0 and " + std::to_string(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(*in.OptionalInt("missing", 1, 10), std::nullopt);
  EXPECT_EQ(*in.OptionalInt("n", 1, 10), std::optional<std::int64_t>(7));
  ExpectError(in.OptionalInt("text", 1, 10), ErrorCode::kUnprocessable,
              "text: must be a whole number");
}

TEST(JsonReader, Bool) {
  const json v = {{"yes", true}, {"one", 1}};
  const auto in = Read(v);
  EXPECT_TRUE(*in.Bool("yes"));
  ExpectError(in.Bool("one"), ErrorCode::kUnprocessable, "one: must be true or false");
  ExpectError(in.Bool("missing"), ErrorCode::kUnprocessable, "missing: is required");
  EXPECT_EQ(*in.OptionalBool("missing"), std::nullopt);
  EXPECT_EQ(*in.OptionalBool("yes"), std::optional<bool>(true));
  ExpectError(in.OptionalBool("one"), ErrorCode::kUnprocessable, "one: must be true or false");
}

TEST(JsonReader, Money) {
  const json v = {{"payment",
                   {{"ok", {{"amount", 13'764'000}, {"currency", "KZT"}}},
                    {"number", 5},
                    {"currency_number", {{"amount", 100}, {"currency", 398}}},
                    {"lower", {{"amount", 100}, {"currency", "kzt"}}},
                    {"zero", {{"amount", 0}, {"currency", "KZT"}}},
                    {"float", {{"amount", 1.5}, {"currency", "KZT"}}}}}};
  const auto pay = *Read(v).Object("payment");
  auto ok = pay.Money("ok", 1);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->amount, 13'764'000);
  EXPECT_EQ(ok->currency, "KZT");
  ExpectError(pay.Money("number"), ErrorCode::kUnprocessable, "payment.number: must be an object");
  ExpectError(pay.Money("currency_number"), ErrorCode::kUnprocessable,
              "payment.currency_number.currency: must be a string");
  ExpectError(pay.Money("lower"), ErrorCode::kUnprocessable,
              "payment.lower.currency: must be a currency code such as KZT");
  ExpectError(pay.Money("zero", 1), ErrorCode::kUnprocessable,
              "payment.zero.amount: must be between 1 and " +
                  std::to_string(std::numeric_limits<std::int64_t>::max()));
  ExpectError(pay.Money("float"), ErrorCode::kUnprocessable,
              "payment.float.amount: must be a whole number");
  ExpectError(pay.Money("missing"), ErrorCode::kUnprocessable, "payment.missing: is required");
}

TEST(JsonReader, ObjectAndNestedPaths) {
  const json v = {{"a", {{"b", {{"c", 1}}}}}, {"n", 5}};
  const auto in = Read(v);
  auto a = in.Object("a");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->path(), "a");
  auto b = a->Object("b");
  ASSERT_TRUE(b.has_value());
  ExpectError(b->String("c"), ErrorCode::kUnprocessable, "a.b.c: must be a string");
  ExpectError(in.Object("n"), ErrorCode::kUnprocessable, "n: must be an object");
  ExpectError(in.Object("missing"), ErrorCode::kUnprocessable, "missing: is required");
  EXPECT_FALSE(in.OptionalObject("missing")->has_value());
  ExpectError(in.OptionalObject("n"), ErrorCode::kUnprocessable, "n: must be an object");
}

TEST(JsonReader, ShapeErrorsUseTheGivenCodeAndRangeErrorsStay422) {
  const json v = {{"s", 1}, {"long", "abcdef"}, {"o", {{"x", true}}}};
  auto in = JsonReader::Of(v, "", ErrorCode::kInvalidInput);
  ASSERT_TRUE(in.has_value());
  ExpectError(in->String("s"), ErrorCode::kInvalidInput, "s: must be a string");
  ExpectError(in->String("missing"), ErrorCode::kInvalidInput, "missing: is required");
  ExpectError(in->String("long", 3), ErrorCode::kUnprocessable, "long: is longer than 3 bytes");
  // Nested readers keep the code.
  ExpectError(in->Object("o")->Int("x", 0, 1), ErrorCode::kInvalidInput,
              "o.x: must be a whole number");
}

TEST(JsonReader, ObjectArray) {
  const json v = {{"documents", {{{"type", "passport"}}, {{"type", 3}}}},
                  {"mixed", {json::object(), 1}},
                  {"text", "x"}};
  const auto in = Read(v);
  auto docs = in.ObjectArray("documents");
  ASSERT_TRUE(docs.has_value());
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ(*(*docs)[0].String("type"), "passport");
  ExpectError((*docs)[1].String("type"), ErrorCode::kUnprocessable,
              "documents[1].type: must be a string");
  ExpectError(in.ObjectArray("mixed"), ErrorCode::kUnprocessable, "mixed[1]: must be an object");
  ExpectError(in.ObjectArray("text"), ErrorCode::kUnprocessable, "text: must be a list");
  EXPECT_TRUE(in.ObjectArray("missing")->empty());
}

TEST(JsonReader, StringArray) {
  const json v = {{"grounds", {"expired_document", "missing_document"}},
                  {"numbers", {"a", 2}},
                  {"blank", {""}},
                  {"long", {"abcdef"}},
                  {"object", json::object()}};
  const auto in = Read(v, "data");
  EXPECT_EQ(*in.StringArray("grounds"),
            (std::vector<std::string>{"expired_document", "missing_document"}));
  ExpectError(in.StringArray("numbers"), ErrorCode::kUnprocessable,
              "data.numbers[1]: must be a string");
  ExpectError(in.StringArray("blank"), ErrorCode::kUnprocessable,
              "data.blank[0]: must not be empty");
  ExpectError(in.StringArray("long", 3), ErrorCode::kUnprocessable,
              "data.long[0]: is longer than 3 bytes");
  ExpectError(in.StringArray("object"), ErrorCode::kUnprocessable, "data.object: must be a list");
  EXPECT_TRUE(in.StringArray("missing")->empty());
}

TEST(JsonReader, Has) {
  const json v = {{"a", 1}, {"null", nullptr}};
  const auto in = Read(v);
  EXPECT_TRUE(in.Has("a"));
  EXPECT_FALSE(in.Has("null"));
  EXPECT_FALSE(in.Has("missing"));
}

}  // namespace
}  // namespace jumys
