#pragma once
// Sign-in throttling: failed attempts are counted per (account, address), per address and per
// account. After a rule's free attempts each further attempt must wait a doubling delay from
// the last one, up to a cap. An attempt that comes too early is refused exactly like a wrong
// password (the caller answers 401 auth.bad_credentials), so throttling never tells that an
// account exists, and it is counted, so hammering keeps the delay at its cap.
//
// Counting per (account, address) and per address first means one address cannot lock out an
// account for everyone: its attempts stop at its own limits, and only attempts those let
// through reach the account's much higher limit, which merely slows a distributed attack.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace jumys {

struct ThrottleRule {
  std::int64_t free_attempts = 5;
  std::chrono::seconds base_delay{2};
  std::chrono::seconds max_delay{std::chrono::minutes(15)};
};

struct LoginLimits {
  ThrottleRule per_account_address{5, std::chrono::seconds(2), std::chrono::minutes(15)};
  // Offices sign in from behind one address: successful sign-ins do not count against it.
  ThrottleRule per_address{20, std::chrono::seconds(2), std::chrono::minutes(15)};
  ThrottleRule per_account{50, std::chrono::seconds(1), std::chrono::minutes(1)};
};

// The wait after the `failures`-th failure: none before the rule's free attempts run out,
// then base, 2*base, 4*base ... up to the cap.
std::chrono::seconds ThrottleDelay(const ThrottleRule& rule, std::int64_t failures);

// Whether the attempt that made the count `failures` may be checked, given the block stored
// before it (RFC 3339; none: not blocked).
bool ThrottleAllows(const ThrottleRule& rule, std::int64_t failures,
                    const std::optional<std::string>& blocked_until, Instant now);

// The counters' keys. An IPv6 address counts by its /64, which one host usually holds whole;
// an IPv4-mapped IPv6 address counts as the IPv4 address.
std::string ThrottleAddress(std::string_view remote_address);
std::string AddressKey(std::string_view remote_address);
std::string AccountAddressKey(std::string_view account, std::string_view remote_address);
std::string AccountKey(std::int64_t user_id);

}  // namespace jumys
