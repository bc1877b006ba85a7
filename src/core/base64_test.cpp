#include "core/base64.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    EXPECT_EQ(Base64Decode(encoded), std::optional<std::string>(plain)) << encoded;
  }
}

TEST(Base64Test, RoundTripsEveryByteAtEveryLength) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    bytes.push_back(static_cast<char>((i * 167 + 13) & 0xff));
    EXPECT_EQ(Base64Decode(Base64Encode(bytes)), bytes) << i;
  }
}

TEST(Base64Test, IgnoresWhitespaceBetweenCharacters) {
  EXPECT_EQ(Base64Decode("Zm9v\r\nYmFy\n"), "foobar");
  EXPECT_EQ(Base64Decode(" Zm 9v\tYg= =\n"), "foob");
}

TEST(Base64Test, RefusesWhatIsNotPaddedBase64) {
  for (const char* bad : {"Zm9", "Zg", "Zg=", "Z===", "Zm9v-A==", "Zm=v",
                          "Zg==Zg==", "Zg===", "Zm9v\x80", "Zm9vYg==A"}) {
    EXPECT_EQ(Base64Decode(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace jumys
