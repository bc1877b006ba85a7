#include "http/request_id.h"

#include <fmt/format.h>

#include <cstddef>
#include <random>

namespace jumys::http {
namespace {

constexpr std::size_t kMaxRequestIdLength = 64;

}  // namespace

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  // Request ids correlate logs; they are not secrets, so a per-thread PRNG is enough.
  thread_local std::mt19937_64 rng = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  return fmt::format("{:016x}{:016x}", rng(), rng());
}

}  // namespace jumys::http
