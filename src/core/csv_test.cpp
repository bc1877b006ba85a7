#include "core/csv.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

TEST(CsvReader, SkipsBlankLinesAndKeepsTheirNumbers) {
  CsvReader reader("a,b\r\n\n  \n 1 , 2\r\nx");
  auto header = reader.Next();
  ASSERT_TRUE(header);
  EXPECT_EQ(header->line, 1u);
  EXPECT_EQ(header->cells, (std::vector<std::string>{"a", "b"}));
  auto row = reader.Next();
  ASSERT_TRUE(row);
  EXPECT_EQ(row->line, 4u);
  EXPECT_EQ(row->cells, (std::vector<std::string>{"1", "2"}));
  auto last = reader.Next();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->line, 5u);
  EXPECT_EQ(last->cells, (std::vector<std::string>{"x"}));
  EXPECT_FALSE(reader.Next());
}

TEST(CsvReader, EmptyCellsAreKept) {
  EXPECT_EQ(SplitCsvLine(",a,,"), (std::vector<std::string>{"", "a", "", ""}));
}

TEST(CsvReader, TheHeaderMustMatch) {
  CsvReader ok("\nx,y\n1,2\n");
  EXPECT_TRUE(ok.ExpectHeader({"x", "y"}).has_value());
  EXPECT_EQ(ok.Next()->line, 3u);
  CsvReader wrong("x,z\n");
  auto s = wrong.ExpectHeader({"x", "y"});
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(s.error().message, "the first line must be the header x,y");
  CsvReader empty("\r\n");
  EXPECT_EQ(empty.ExpectHeader({"x"}).error().message, "the file is empty");
}

TEST(CsvReader, ProblemsNameTheLine) {
  const ErrorDetail d =
      CsvLineProblem(7, Error::Unprocessable("test.bad"_msg, "bad {what}", {{"what", "cell"}}));
  EXPECT_EQ(d.field, "line 7");
  EXPECT_EQ(d.key, "test.bad");
  EXPECT_EQ(d.message, "bad cell");
  EXPECT_EQ(d.params, (MessageParams{{"what", "cell"}, {"line", "7"}}));
}

}  // namespace
}  // namespace jumys
