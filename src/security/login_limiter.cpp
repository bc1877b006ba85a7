#include "security/login_limiter.h"

#include <arpa/inet.h>

#include <array>
#include <cstdio>

namespace jumys {

std::chrono::seconds ThrottleDelay(const ThrottleRule& rule, std::int64_t failures) {
  if (failures < rule.free_attempts) return std::chrono::seconds(0);
  std::chrono::seconds delay = rule.base_delay;
  for (std::int64_t i = rule.free_attempts; i < failures && delay < rule.max_delay; ++i) {
    delay *= 2;
  }
  return std::min(delay, rule.max_delay);
}

bool ThrottleAllows(const ThrottleRule& rule, std::int64_t failures,
                    const std::optional<std::string>& blocked_until, Instant now) {
  if (failures <= rule.free_attempts || !blocked_until) return true;
  return *blocked_until <= FormatRfc3339(now);
}

std::string ThrottleAddress(std::string_view remote_address) {
  std::string address(remote_address);
  constexpr std::string_view kMapped = "::ffff:";
  if (address.starts_with(kMapped) && address.find('.') != std::string::npos) {
    return address.substr(kMapped.size());
  }
  std::array<unsigned char, 16> v6{};
  if (address.find(':') != std::string::npos && inet_pton(AF_INET6, address.c_str(), v6.data())) {
    std::string prefix;
    for (std::size_t i = 0; i < 8; i += 2) {
      char group[8];
      std::snprintf(group, sizeof group, "%x:", (v6[i] << 8) | v6[i + 1]);
      prefix += group;
    }
    return prefix + ":/64";
  }
  return address;
}

std::string AddressKey(std::string_view remote_address) {
  return "addr:" + ThrottleAddress(remote_address);
}

std::string AccountAddressKey(std::string_view account, std::string_view remote_address) {
  return "pair:" + std::string(account) + "|" + ThrottleAddress(remote_address);
}

std::string AccountKey(std::int64_t user_id) { return "account:" + std::to_string(user_id); }

}  // namespace jumys
