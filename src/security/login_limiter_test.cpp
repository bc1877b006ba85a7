#include "security/login_limiter.h"

#include <gtest/gtest.h>

namespace jumys {
namespace {

using std::chrono::seconds;

TEST(LoginLimiter, TheDelayDoublesAfterTheFreeAttemptsUpToTheCap) {
  const ThrottleRule rule{5, seconds(2), seconds(60)};
  EXPECT_EQ(ThrottleDelay(rule, 0), seconds(0));
  EXPECT_EQ(ThrottleDelay(rule, 4), seconds(0));
  EXPECT_EQ(ThrottleDelay(rule, 5), seconds(2));
  EXPECT_EQ(ThrottleDelay(rule, 6), seconds(4));
  EXPECT_EQ(ThrottleDelay(rule, 9), seconds(32));
  EXPECT_EQ(ThrottleDelay(rule, 10), seconds(60));
  EXPECT_EQ(ThrottleDelay(rule, 1'000'000), seconds(60));
}

TEST(LoginLimiter, AnAttemptPastTheFreeOnesWaitsForTheBlockToPass) {
  const ThrottleRule rule{5, seconds(2), seconds(60)};
  const Instant now{seconds(1'800'000'000)};
  const std::string later = FormatRfc3339(now + seconds(1));
  const std::string earlier = FormatRfc3339(now - seconds(1));
  EXPECT_TRUE(ThrottleAllows(rule, 5, later, now));  // still a free attempt
  EXPECT_FALSE(ThrottleAllows(rule, 6, later, now));
  EXPECT_TRUE(ThrottleAllows(rule, 6, earlier, now));
  EXPECT_TRUE(ThrottleAllows(rule, 6, FormatRfc3339(now), now));
  EXPECT_TRUE(ThrottleAllows(rule, 6, std::nullopt, now));
}

TEST(LoginLimiter, AddressesCountByHostAndIpv6ByItsSlash64) {
  EXPECT_EQ(AddressKey("203.0.113.5"), "addr:203.0.113.5");
  EXPECT_EQ(AddressKey("::ffff:203.0.113.5"), "addr:203.0.113.5");
  EXPECT_EQ(AddressKey("2001:db8:1:2:aaaa::1"), AddressKey("2001:db8:1:2:bbbb::2"));
  EXPECT_NE(AddressKey("2001:db8:1:2::1"), AddressKey("2001:db8:1:3::1"));
  EXPECT_EQ(AccountAddressKey("7", "203.0.113.5"), "pair:7|203.0.113.5");
  EXPECT_EQ(AccountKey(7), "account:7");
}

}  // namespace
}  // namespace jumys
