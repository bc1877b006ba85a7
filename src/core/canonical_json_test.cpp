#include "core/canonical_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace jumys {
namespace {

using nlohmann::json;

TEST(CanonicalJson, CompactWithSortedKeys) {
  const json v =
      json::parse(R"({ "b" : [true, false, null], "a" : 1, "c" : {"y": "z", "x": ""} })");
  EXPECT_EQ(CanonicalJson(v), R"({"a":1,"b":[true,false,null],"c":{"x":"","y":"z"}})");
}

TEST(CanonicalJson, InsertionOrderDoesNotMatter) {
  json a;
  a["office"] = "Кызылорда";
  a["case"] = {{"status", "registered"}, {"id", 42}};
  a["amount_tiyn"] = 1500000;
  json b;
  b["amount_tiyn"] = 1500000;
  b["case"] = {{"id", 42}, {"status", "registered"}};
  b["office"] = "Кызылорда";
  EXPECT_EQ(CanonicalJson(a), CanonicalJson(b));
  EXPECT_EQ(
      CanonicalJson(a),
      R"({"amount_tiyn":1500000,"case":{"id":42,"status":"registered"},"office":"Кызылорда"})");
  // Arrays keep their order: it is part of the content.
  EXPECT_NE(CanonicalJson(json::array({1, 2})), CanonicalJson(json::array({2, 1})));
}

TEST(CanonicalJson, CyrillicAndKazakhLettersKeptAsUtf8) {
  const json v = {{"name", "Әлия Сәрсенова"}, {"ұйым", "Жұмыспен қамту орталығы"}};
  EXPECT_EQ(CanonicalJson(v), R"({"name":"Әлия Сәрсенова","ұйым":"Жұмыспен қамту орталығы"})");
  EXPECT_EQ(CanonicalJson(v).find("\\u"), std::string::npos);
}

TEST(CanonicalJson, KeysSortByUtf8Bytes) {
  const json v = {{"я", 1}, {"z", 2}, {"a", 3}, {"B", 4}, {"ә", 5}, {"а", 6}};
  // ASCII first (uppercase before lowercase), then Cyrillic by code point: а U+0430 < я U+044F
  // < ә U+04D9.
  EXPECT_EQ(CanonicalJson(v), R"({"B":4,"a":3,"z":2,"а":6,"я":1,"ә":5})");
}

TEST(CanonicalJson, Utf8OrderDiffersFromUtf16AboveBmp) {
  // U+FF61 is EF BD A1 in UTF-8, U+1F600 is F0 9F 98 80: UTF-8 order puts U+FF61 first,
  // while JCS (UTF-16 units FF61 vs D83D) would put U+1F600 first. We use byte order.
  const json v = {{"\xF0\x9F\x98\x80", 1}, {"\xEF\xBD\xA1", 2}};
  EXPECT_EQ(CanonicalJson(v), "{\"\xEF\xBD\xA1\":2,\"\xF0\x9F\x98\x80\":1}");
}

TEST(CanonicalJson, MinimalStringEscapes) {
  const json v = std::string("q\"b\\s/n\nt\tc\x01\x1f");
  EXPECT_EQ(CanonicalJson(v), R"("q\"b\\s/n\nt\tc\u0001\u001f")");
}

TEST(CanonicalJson, IntegersStayIntegers) {
  EXPECT_EQ(CanonicalJson(json(0)), "0");
  EXPECT_EQ(CanonicalJson(json(-17)), "-17");
  EXPECT_EQ(CanonicalJson(json(std::numeric_limits<std::int64_t>::min())), "-9223372036854775808");
  EXPECT_EQ(CanonicalJson(json(std::numeric_limits<std::uint64_t>::max())), "18446744073709551615");
}

TEST(CanonicalJson, FloatsNormalisedDeterministically) {
  EXPECT_EQ(CanonicalJson(json(1.0)), "1");
  EXPECT_EQ(CanonicalJson(json(-0.0)), "0");
  EXPECT_EQ(CanonicalJson(json(-250.0)), "-250");
  EXPECT_EQ(CanonicalJson(json(1.5)), "1.5");
  EXPECT_EQ(CanonicalJson(json(0.1)), "0.1");
  // From 2^53 on a double no longer pins one integer, so it keeps nlohmann's float form.
  EXPECT_EQ(CanonicalJson(json(9007199254740991.0)), "9007199254740991");
  EXPECT_EQ(CanonicalJson(json(9007199254740992.0)), "9.007199254740992e+15");
  EXPECT_EQ(CanonicalJson(json(1e300)), "1e+300");
  // Same content whether the producer wrote 3 or 3.0.
  EXPECT_EQ(CanonicalJson(json::parse(R"({"n":3.0,"m":[2.50]})")),
            CanonicalJson(json::parse(R"({"m":[2.5],"n":3})")));
  EXPECT_EQ(CanonicalJson(json::parse(R"({"n":3.0,"m":[2.50]})")), R"({"m":[2.5],"n":3})");
}

TEST(CanonicalJson, NormalisingDoesNotTouchTheInput) {
  const json v = {{"x", 2.0}};
  EXPECT_EQ(CanonicalJson(v), R"({"x":2})");
  EXPECT_TRUE(v["x"].is_number_float());
}

TEST(CanonicalJson, RejectsNonFiniteAndBinary) {
  EXPECT_THROW(CanonicalJson(json(std::nan(""))), std::domain_error);
  EXPECT_THROW(CanonicalJson(json{{"a", {1, std::numeric_limits<double>::infinity()}}}),
               std::domain_error);
  EXPECT_THROW(CanonicalJson(json::binary({1, 2, 3})), std::domain_error);
}

TEST(CanonicalJson, RejectsInvalidUtf8) {
  EXPECT_THROW(CanonicalJson(json(std::string("ok\xff"))), json::type_error);
  EXPECT_THROW(CanonicalJson(json{{std::string("\xc3"), 1}}), json::type_error);
}

TEST(CanonicalJson, EmptyContainers) {
  EXPECT_EQ(CanonicalJson(json::object()), "{}");
  EXPECT_EQ(CanonicalJson(json::array()), "[]");
  EXPECT_EQ(CanonicalJson(json()), "null");
  EXPECT_EQ(CanonicalJson(json("")), R"("")");
}

}  // namespace
}  // namespace jumys
