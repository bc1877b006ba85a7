#include "core/text_fold.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

TEST(TextFold, LowersAsciiCyrillicAndKazakhLetters) {
  EXPECT_EQ(LowerUtf8("ABC xyz"), "abc xyz");
  EXPECT_EQ(LowerUtf8("ТҰРСЫНОВ Бақыт"), "тұрсынов бақыт");
  EXPECT_EQ(LowerUtf8("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
  EXPECT_EQ(LowerUtf8("ЁЖИК"), "ёжик");
  EXPECT_EQ(LowerUtf8("ÉCOLE ×"), "école ×");
}

TEST(TextFold, KeepsWhatItCannotRead) {
  const std::string bad = "A\xC3\x28Z";  // a broken two-byte sequence
  EXPECT_EQ(LowerUtf8(bad), "a\xC3\x28z");
  EXPECT_EQ(LowerUtf8(""), "");
  EXPECT_EQ(LowerUtf8("\xD0"), "\xD0") << "a lead byte at the end";
}

}  // namespace
}  // namespace jumys
