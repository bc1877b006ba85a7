// The classifier file checks (no store): what is refused, with which line.
#include <gtest/gtest.h>

#include "services/reference/reference_data.h"

namespace jumys::reference {
namespace {

constexpr const char* kHeader = "code,parent,name_kk,name_ru,name_en\n";

Error Refusal(ClassifierKind kind, const std::string& text) {
  auto parsed = ParseClassifierCsv(kind, text);
  EXPECT_FALSE(parsed.has_value()) << text;
  return parsed ? Error{} : parsed.error();
}

TEST(ClassifierCsv, ReadsQuotedNamesCommentsAndDerivesNkzParents) {
  auto parsed = ParseClassifierCsv(ClassifierKind::kNkz,
                                   std::string("# source: a comment line\n") + kHeader +
                                       "1,,Басшылар,Руководители,Managers\n"
                                       "11,1,\"A, b\",\"Say \"\"hi\"\"\",Chief executives\r\n"
                                       "\n"
                                       "1120,,x,y,z\n112,11,a,b,c\n1120-1,1120,q,w,e\n");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 5u);
  EXPECT_EQ((*parsed)[1].name_kk, "A, b");
  EXPECT_EQ((*parsed)[1].name_ru, "Say \"hi\"");
  EXPECT_EQ((*parsed)[1].line, 4u);
  EXPECT_EQ((*parsed)[2].parent, "112");  // derived from the code when the cell is empty
  EXPECT_EQ((*parsed)[2].level, 4);
  EXPECT_EQ((*parsed)[4].level, 5);
  EXPECT_EQ((*parsed)[4].parent, "1120");
}

TEST(ClassifierCsv, KatoLevelsFollowTheZeroes) {
  EXPECT_EQ(CodeLevel(ClassifierKind::kKato, "430000000"), 1);
  EXPECT_EQ(CodeLevel(ClassifierKind::kKato, "433200000"), 2);
  EXPECT_EQ(CodeLevel(ClassifierKind::kKato, "431010000"), 3);
  EXPECT_EQ(CodeLevel(ClassifierKind::kKato, "433220100"), 4);
  EXPECT_FALSE(CodeLevel(ClassifierKind::kKato, "43000000"));
  EXPECT_FALSE(CodeLevel(ClassifierKind::kKato, "000000000"));
  EXPECT_FALSE(CodeLevel(ClassifierKind::kNkz, "12345"));
  EXPECT_FALSE(CodeLevel(ClassifierKind::kNkz, "123-4"));
}

TEST(ClassifierCsv, WrongHeaderNamesLineOne) {
  const Error e = Refusal(ClassifierKind::kNkz, "code,name\n1,a\n");
  EXPECT_EQ(e.code, ErrorCode::kUnprocessable);
  EXPECT_EQ(e.key, "reference.csv_invalid");
  ASSERT_EQ(e.details.size(), 1u);
  EXPECT_EQ(e.details[0].key, "reference.csv_header");
  EXPECT_EQ(e.details[0].field, "line 1");
  EXPECT_EQ(Refusal(ClassifierKind::kNkz, "").details.at(0).key, "reference.csv_header");
}

TEST(ClassifierCsv, EveryBadLineIsNamed) {
  const Error e = Refusal(ClassifierKind::kNkz, std::string(kHeader) +
                                                    "1,,a,b,c\n"      // 2 fine
                                                    "2,,a,b\n"        // 3 columns
                                                    "2x,,a,b,c\n"     // 4 shape
                                                    "1,,a,b,c\n"      // 5 duplicate
                                                    "3,,,b,c\n"       // 6 name missing
                                                    "\"4,,a,b,c\n"    // 7 quote
                                                    "12,2,a,b,c\n");  // 8 wrong parent
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& d : e.details) got.emplace_back(d.field, d.key);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"line 3", "reference.csv_columns"},    {"line 4", "reference.code_shape"},
      {"line 5", "reference.code_duplicate"}, {"line 6", "reference.name_missing"},
      {"line 7", "reference.csv_quote"},      {"line 8", "reference.parent_mismatch"}};
  EXPECT_EQ(got, want);
  EXPECT_NE(e.message.find("first on line 3"), std::string::npos) << e.message;
}

TEST(ClassifierCsv, AChildWithoutItsParentInTheFileIsRefused) {
  const Error e = Refusal(ClassifierKind::kNkz, std::string(kHeader) + "1,,a,b,c\n21,,a,b,c\n");
  ASSERT_EQ(e.details.size(), 1u);
  EXPECT_EQ(e.details[0].key, "reference.parent_missing");
  EXPECT_EQ(e.details[0].field, "line 3");
  const Error k =
      Refusal(ClassifierKind::kKato, std::string(kHeader) + "430000000,,a,b,c\n433200000,,a,b,c\n");
  ASSERT_EQ(k.details.size(), 1u);
  EXPECT_EQ(k.details[0].key, "reference.parent_level");  // a district names its oblast
  const Error p =
      Refusal(ClassifierKind::kKato, std::string(kHeader) + "433200000,430000000,a,b,c\n");
  EXPECT_EQ(p.details.at(0).key, "reference.parent_missing");
  // A parent must be a code of a higher level that the child's digits begin with.
  const Error m = Refusal(ClassifierKind::kKato, std::string(kHeader) +
                                                     "430000000,,a,b,c\n"
                                                     "470000000,,a,b,c\n"
                                                     "433200000,470000000,a,b,c\n");
  EXPECT_EQ(m.details.at(0).key, "reference.parent_level");
  EXPECT_EQ(m.details.at(0).field, "line 4");
}

}  // namespace
}  // namespace jumys::reference
