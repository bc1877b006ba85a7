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

TEST(FieldError, NamesTheFieldInItsDetailAndMessage) {
  const Error e = FieldError(ErrorCode::kInvalidInput, "data.workers", "field.out_of_range"_msg,
                             "must be between {min} and {max}", {{"min", "1"}, {"max", "4"}});
  EXPECT_EQ(e.key, "field.out_of_range");
  EXPECT_EQ(e.message, "data.workers: must be between 1 and 4");
  EXPECT_EQ(e.params, (MessageParams{{"min", "1"}, {"max", "4"}, {"field", "data.workers"}}));
  ASSERT_EQ(e.details.size(), 1u);
  EXPECT_EQ(e.details[0].field, "data.workers");
  EXPECT_EQ(e.details[0].message, "must be between 1 and 4");
  EXPECT_EQ(e.details[0].params, (MessageParams{{"min", "1"}, {"max", "4"}}));
}

TEST(AtField, PutsAnErrorAtItsFieldOnce) {
  // A plain error becomes a field error.
  const Error plain =
      AtField("iin", Error::Unprocessable("iin.format"_msg, "IIN must be 12 digits"));
  EXPECT_EQ(plain.message, "iin: IIN must be 12 digits");
  ASSERT_EQ(plain.details.size(), 1u);
  EXPECT_EQ(plain.details[0].field, "iin");
  EXPECT_EQ(plain.details[0].key, "iin.format");
  EXPECT_EQ(plain, FieldError(ErrorCode::kUnprocessable, "iin", "iin.format"_msg,
                              "IIN must be 12 digits"));
  // A field error inside an object or a list: the path grows, the message names it once.
  const Error nested = AtField("documents[1]", FieldError(ErrorCode::kUnprocessable, "valid_until",
                                                          "field.empty"_msg, "must not be empty"));
  EXPECT_EQ(nested.message, "documents[1].valid_until: must not be empty");
  EXPECT_EQ(nested.details.at(0).field, "documents[1].valid_until");
  EXPECT_EQ(nested.params, (MessageParams{{"field", "documents[1].valid_until"}}));
  // Several details each go under the field.
  const Error listed =
      AtField("data", Error::Unprocessable("test.two"_msg, "two problems", {},
                                           {{"a", "test.a"_msg, "a"}, {"[0]", "test.b"_msg, "b"}}));
  EXPECT_EQ(listed.details.at(0).field, "data.a");
  EXPECT_EQ(listed.details.at(1).field, "data[0]");
  EXPECT_EQ(listed.message, "data: two problems");
  // No field: the error as it is.
  EXPECT_EQ(AtField("", plain), plain);
}

}  // namespace
}  // namespace jumys
