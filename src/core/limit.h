#pragma once
// Time limits of process steps as written in the regulations: "20min", "2h", "6wd".
#include <string>
#include <string_view>

#include "core/error.h"

namespace jumys {

struct Limit {
  enum Unit { kMinutes, kHours, kWorkingDays };
  Unit unit = kMinutes;
  int amount = 0;
  bool operator==(const Limit&) const = default;
};

// Largest accepted amounts: each spans roughly ten years of working time, far beyond any
// regulation, and keeps Deadline's day-by-day walk short.
inline constexpr int kMaxLimitMinutes = 1'200'000;
inline constexpr int kMaxLimitHours = 20'000;
inline constexpr int kMaxLimitWorkingDays = 2'500;

// "<n>min", "<n>h" or "<n>wd" with n a positive decimal integer; nothing else.
Expected<Limit> ParseLimit(std::string_view text);
std::string FormatLimit(Limit limit);  // {kHours, 2} -> "2h"

}  // namespace jumys
