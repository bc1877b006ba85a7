#include "http/url_codec.h"

#include <gtest/gtest.h>

namespace jumys::http {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndOptionallyPlus) {
  EXPECT_EQ(PercentDecode("/a%20b/%D0%B0%2f", false), "/a b/\xD0\xB0/");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("", false), "");
}

TEST(PercentDecodeTest, RejectsMalformedEscapesAndNul) {
  EXPECT_FALSE(PercentDecode("%", false));
  EXPECT_FALSE(PercentDecode("a%2", false));
  EXPECT_FALSE(PercentDecode("%g0", false));
  EXPECT_FALSE(PercentDecode("a%00", false));
}

TEST(ParseQueryTest, SplitsAndDecodes) {
  auto query = ParseQuery("a=1&b=x%20y&c&&d=&e=p+q&a=2&=skipped");
  ASSERT_TRUE(query);
  EXPECT_EQ(*query, (std::map<std::string, std::string>{
                        {"a", "1"}, {"b", "x y"}, {"c", ""}, {"d", ""}, {"e", "p q"}}));
  EXPECT_EQ(ParseQuery("")->size(), 0u);
  EXPECT_EQ(ParseQuery("k=a=b")->at("k"), "a=b");
}

TEST(ParseQueryTest, RejectsMalformedParts) {
  EXPECT_FALSE(ParseQuery("a=%zz"));
  EXPECT_FALSE(ParseQuery("%4=1"));
}

}  // namespace
}  // namespace jumys::http
