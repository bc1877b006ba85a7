#include "security/token.h"

#include <gtest/gtest.h>

#include <set>

#include "core/sha256.h"

namespace jumys {
namespace {

TEST(TokenBase64Url, Rfc4648Vectors) {
  // RFC 4648 §10 vectors with the padding dropped.
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
}

TEST(TokenBase64Url, UsesUrlAlphabet) {
  // Standard base64 of fb ff bf is "+/+/": base64url swaps in '-' and '_'.
  EXPECT_EQ(Base64UrlEncode("\xfb\xff\xbf"), "-_-_");
  EXPECT_EQ(Base64UrlEncode(std::string("\0\0\0", 3)), "AAAA");
}

TEST(TokenNewSession, FormatAndUniqueness) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string token = NewSessionToken();
    ASSERT_EQ(token.size(), kSessionTokenLength);
    EXPECT_TRUE(LooksLikeToken(token)) << token;
    EXPECT_EQ(token.find('='), std::string::npos);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(TokenLooksLike, RejectsJunk) {
  const std::string good = NewSessionToken();
  ASSERT_TRUE(LooksLikeToken(good));
  EXPECT_FALSE(LooksLikeToken(""));
  EXPECT_FALSE(LooksLikeToken(good.substr(0, 42)));
  EXPECT_FALSE(LooksLikeToken(good + "A"));
  EXPECT_FALSE(LooksLikeToken(good.substr(0, 42) + "="));  // padding is never emitted
  std::string plus = good;
  plus[5] = '+';  // standard base64, not base64url
  EXPECT_FALSE(LooksLikeToken(plus));
  std::string slash = good;
  slash[5] = '/';
  EXPECT_FALSE(LooksLikeToken(slash));
  std::string space = good;
  space[0] = ' ';
  EXPECT_FALSE(LooksLikeToken(space));
  std::string nul = good;
  nul[10] = '\0';
  EXPECT_FALSE(LooksLikeToken(nul));
  EXPECT_FALSE(LooksLikeToken("' OR 1=1 --aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

TEST(TokenLooksLike, LastCharacterMustNotCarrySurplusBits) {
  const std::string stem(42, 'A');
  EXPECT_TRUE(LooksLikeToken(stem + "A"));   // value 0
  EXPECT_TRUE(LooksLikeToken(stem + "E"));   // value 4
  EXPECT_TRUE(LooksLikeToken(stem + "8"));   // value 60
  EXPECT_FALSE(LooksLikeToken(stem + "B"));  // value 1
  EXPECT_FALSE(LooksLikeToken(stem + "D"));  // value 3
  EXPECT_FALSE(LooksLikeToken(stem + "_"));  // value 63
  // 32 bytes of 0xff encode to 42 '_' then '8' (1111 followed by two zero bits).
  EXPECT_EQ(Base64UrlEncode(std::string(32, '\xff')), std::string(42, '_') + "8");
}

TEST(TokenHash, IsSha256HexOfTheToken) {
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string token = NewSessionToken();
  EXPECT_EQ(HashToken(token), Sha256Hex(token));
  EXPECT_NE(HashToken(token), HashToken(NewSessionToken()));
}

TEST(TokenRandomHex, LengthAndAlphabet) {
  EXPECT_EQ(RandomHex(0), "");
  const std::string h = RandomHex(16);
  ASSERT_EQ(h.size(), 32u);
  for (char c : h) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << c;
  EXPECT_NE(RandomHex(16), RandomHex(16));
}

TEST(TokenConstantTimeEquals, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "Secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret "));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_TRUE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

}  // namespace
}  // namespace jumys
