#include "core/error.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

TEST(FormatMessage, FillsNamedParamsAndLeavesOthersAsWritten) {
  EXPECT_EQ(FormatMessage("must be {min}-{max}", {{"min", "1"}, {"max", "4"}}), "must be 1-4");
  EXPECT_EQ(FormatMessage("{a}{a} {b} {", {{"a", "x"}}), "xx {b} {");
  EXPECT_EQ(FormatMessage("no params", {}), "no params");
  // A value that looks like a placeholder is not expanded again.
  EXPECT_EQ(FormatMessage("{a}", {{"a", "{b}"}, {"b", "y"}}), "{b}");
}

TEST(Error, CarriesKeyParamsAndFormattedEnglish) {
  const Error e = Error::Unprocessable(
      "iin.century"_msg, "IIN century digit {digit} is invalid", {{"digit", "7"}},
      {{"iin", "iin.century"_msg, "digit {digit}", {{"digit", "7"}}}});
  EXPECT_EQ(e.code, ErrorCode::kUnprocessable);
  EXPECT_EQ(e.key, "iin.century");
  EXPECT_EQ(e.message, "IIN century digit 7 is invalid");
  ASSERT_EQ(e.details.size(), 1u);
  EXPECT_EQ(e.details[0].field, "iin");
  EXPECT_EQ(e.details[0].message, "digit 7");
  // Every factory names a key, the defaults included.
  EXPECT_EQ(Error::NotFound().key, "record.not_found");
  EXPECT_EQ(Error::Internal("pq: broken").key, "internal.error");
  EXPECT_EQ(Error::Internal("pq: broken").message, "internal error");
}

}  // namespace
}  // namespace jumys
