#include "core/blank.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

TEST(BlankTest, EmptyAndWhiteSpaceOnlyAreBlank) {
  for (const char* text : {"", " ", "\t\n\r ", "\xC2\xA0", " \xE3\x80\x80 ", "\xE2\x80\x8B",
                           "\xE2\x80\x83\xEF\xBB\xBF"}) {
    EXPECT_TRUE(IsBlank(text)) << text;
  }
}

TEST(BlankTest, AnyVisibleCharacterIsNotBlank) {
  for (const char* text : {"a", " a ", "\xD0\x90", "\xC2\xA0x", ".", "\xE2\x80\x8C"}) {
    EXPECT_FALSE(IsBlank(text)) << text;
  }
}

TEST(BlankTest, TrimmingAndCountingLetters) {
  EXPECT_EQ(TrimmedAscii("  \tАқтөбе \r\n"), "Ақтөбе");
  EXPECT_EQ(TrimmedAscii(" \n "), "");
  EXPECT_EQ(CodePoints("Ақтөбе"), 6u);  // 12 bytes
  EXPECT_EQ(CodePoints(""), 0u);
}

}  // namespace
}  // namespace jumys
