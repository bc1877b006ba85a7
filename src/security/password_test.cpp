#include "security/password.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

namespace jumys {
namespace {

// Cheapest parameters libargon2 accepts, so the suite stays fast.
constexpr PasswordParams kCheap{.memory_kib = 8, .iterations = 1, .parallelism = 1};

// Known-answer vector from the argon2 reference implementation (phc-winner-argon2 src/test.c).
constexpr const char* kReferenceHash =
    "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

TEST(Password, ReferenceVectorVerifies) {
  EXPECT_TRUE(VerifyPassword(kReferenceHash, "password"));
  EXPECT_FALSE(VerifyPassword(kReferenceHash, "Password"));
  EXPECT_FALSE(VerifyPassword(kReferenceHash, "password "));
  EXPECT_FALSE(VerifyPassword(kReferenceHash, ""));
}

bool IsStdBase64NoPad(std::string_view s, size_t length) {
  if (s.size() != length) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/') return false;
  }
  return true;
}

TEST(Password, HashHasStandardEncodedForm) {
  const std::string encoded = HashPassword("correct horse", kCheap);
  const std::string_view prefix = "$argon2id$v=19$m=8,t=1,p=1$";
  ASSERT_EQ(encoded.rfind(prefix, 0), 0u) << encoded;
  const std::string_view rest = std::string_view(encoded).substr(prefix.size());
  const size_t dollar = rest.find('$');
  ASSERT_NE(dollar, std::string_view::npos) << encoded;
  // 16-byte salt -> 22 base64 characters, 32-byte hash -> 43, both unpadded.
  EXPECT_TRUE(IsStdBase64NoPad(rest.substr(0, dollar), 22)) << encoded;
  EXPECT_TRUE(IsStdBase64NoPad(rest.substr(dollar + 1), 43)) << encoded;
}

TEST(Password, DefaultParamsFollowOwasp) {
  const PasswordParams d;
  EXPECT_EQ(d.memory_kib, 19456u);
  EXPECT_EQ(d.iterations, 2u);
  EXPECT_EQ(d.parallelism, 1u);
  const std::string encoded = HashPassword("default cost", d);
  EXPECT_EQ(encoded.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << encoded;
  EXPECT_TRUE(VerifyPassword(encoded, "default cost"));
}

TEST(Password, RoundTripAndWrongPassword) {
  const std::string encoded = HashPassword("Құпия сөз 123", kCheap);
  EXPECT_TRUE(VerifyPassword(encoded, "Құпия сөз 123"));
  EXPECT_FALSE(VerifyPassword(encoded, "Құпия сөз 124"));
  EXPECT_FALSE(VerifyPassword(encoded, ""));
}

TEST(Password, EmptyAndNulContainingPasswords) {
  const std::string empty = HashPassword("", kCheap);
  EXPECT_TRUE(VerifyPassword(empty, ""));
  EXPECT_FALSE(VerifyPassword(empty, "x"));
  // The whole view is hashed, not a C string cut at the first NUL.
  const std::string with_nul("ab\0cd", 5);
  const std::string encoded = HashPassword(with_nul, kCheap);
  EXPECT_TRUE(VerifyPassword(encoded, with_nul));
  EXPECT_FALSE(VerifyPassword(encoded, "ab"));
}

TEST(Password, SaltMakesEachHashDifferent) {
  const std::string a = HashPassword("same", kCheap);
  const std::string b = HashPassword("same", kCheap);
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword(a, "same"));
  EXPECT_TRUE(VerifyPassword(b, "same"));
}

TEST(Password, MalformedEncodedIsFalseNotCrash) {
  const std::string good = HashPassword("pw", kCheap);
  const std::vector<std::string> bad = {
      "",
      "pw",
      "$argon2id$",
      good.substr(0, good.size() - 10),  // truncated hash
      good.substr(0, good.rfind('$')),   // hash missing
      good + "$extra",
      "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8",
      "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
      "$argon2id$v=19$m=256,t=2$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
      "$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
      "$argon2id$v=19$m=0256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
      "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/"
      "4",
      "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ=$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
      "$argon2id$v=19$m=256,t=2,p=1$c29t!XNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
      "$argon2id$v=19$m=256,t=2,p=1$$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
      std::string(kReferenceHash) + std::string("\0", 1),
  };
  for (const std::string& encoded : bad) {
    SCOPED_TRACE(encoded);
    EXPECT_FALSE(VerifyPassword(encoded, "pw"));
    EXPECT_FALSE(VerifyPassword(encoded, "password"));
  }
}

TEST(Password, RefusesHugeMemoryCostWithoutComputing) {
  // Well-formed but would need 4 GiB: rejected before libargon2 allocates anything.
  EXPECT_FALSE(VerifyPassword(
      "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
      "password"));
}

TEST(Password, HashRejectsInvalidParams) {
  EXPECT_THROW(HashPassword("pw", PasswordParams{.memory_kib = 8, .iterations = 0}),
               std::invalid_argument);
  EXPECT_THROW(HashPassword("pw", PasswordParams{.memory_kib = 1, .iterations = 1}),
               std::invalid_argument);
}

TEST(Password, NeedsRehash) {
  const std::string cheap = HashPassword("pw", kCheap);
  EXPECT_FALSE(NeedsRehash(cheap, kCheap));
  EXPECT_TRUE(NeedsRehash(cheap));  // defaults differ
  EXPECT_TRUE(NeedsRehash(cheap, PasswordParams{.memory_kib = 16, .iterations = 1}));
  EXPECT_TRUE(NeedsRehash(cheap, PasswordParams{.memory_kib = 8, .iterations = 2}));
  EXPECT_TRUE(
      NeedsRehash(cheap, PasswordParams{.memory_kib = 8, .iterations = 1, .parallelism = 2}));
  EXPECT_FALSE(NeedsRehash(kReferenceHash, PasswordParams{.memory_kib = 256, .iterations = 2}));
  // Not argon2id v19 at all: always re-hash.
  EXPECT_TRUE(NeedsRehash("", kCheap));
  EXPECT_TRUE(NeedsRehash("garbage", kCheap));
  EXPECT_TRUE(NeedsRehash(
      "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8",
      PasswordParams{.memory_kib = 256, .iterations = 2}));
}

}  // namespace
}  // namespace jumys
