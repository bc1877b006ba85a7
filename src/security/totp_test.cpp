#include "security/totp.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

Instant At(std::int64_t unix_seconds) { return Instant{std::chrono::seconds(unix_seconds)}; }

// RFC 6238 appendix B, the SHA-1 rows: the 20-byte ASCII key "12345678901234567890", 8 digits.
TEST(Totp, MatchesTheRfc6238Sha1Vectors) {
  const std::string key = "12345678901234567890";
  const std::pair<std::int64_t, const char*> vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [time, code] : vectors) {
    EXPECT_EQ(TotpCode(key, TotpStep(At(time)), 8), code) << time;
  }
}

TEST(Totp, SixDigitCodesAreTheLowDigitsAndMatchWithinOneStep) {
  const std::string secret = Base32Encode("12345678901234567890");
  EXPECT_EQ(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(TotpCode("12345678901234567890", TotpStep(At(59))), "287082");
  const auto now = At(1111111111);  // step 37037037
  const auto step = TotpStep(now);
  EXPECT_EQ(MatchTotp(secret, "050471", now), step);
  EXPECT_EQ(MatchTotp(secret, TotpCode("12345678901234567890", step - 1), now), step - 1);
  EXPECT_EQ(MatchTotp(secret, TotpCode("12345678901234567890", step + 1), now), step + 1);
  EXPECT_FALSE(MatchTotp(secret, TotpCode("12345678901234567890", step - 2), now));
  EXPECT_FALSE(MatchTotp(secret, TotpCode("12345678901234567890", step + 2), now));
  EXPECT_FALSE(MatchTotp(secret, "05047", now));
  EXPECT_FALSE(MatchTotp(secret, "0504711", now));
  EXPECT_FALSE(MatchTotp(secret, "05047a", now));
  EXPECT_FALSE(MatchTotp("not base32!", "050471", now));
}

TEST(Totp, Base32RoundTripsAndSecretsAreFresh) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(Base32Decode(Base32Encode(s)), s);
  }
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");  // RFC 4648 section 10, unpadded
  EXPECT_EQ(Base32Decode("mzxw 6ytb oi=="), "foobar");
  const auto a = NewTotpSecret();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, NewTotpSecret());
  EXPECT_EQ(TotpUri("jumys", "head@kzo", "ABC"),
            "otpauth://totp/jumys:head%40kzo?secret=ABC&issuer=jumys&algorithm=SHA1&digits=6&"
            "period=30");
}

}  // namespace
}  // namespace jumys
