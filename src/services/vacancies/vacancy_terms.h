#pragma once
// What a vacancy (vacancy_service.cpp) and a job seeker's profile (matching/profile_service.cpp)
// both check: the working times one offers and the other accepts, and the small checks of
// codes and choices their 422 details are made of (placement answers use these too).
#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <string_view>

namespace jumys::vacancies {

inline constexpr std::array<std::string_view, 5> kWorkingTimes = {"full_time", "part_time", "shift",
                                                                  "rotation", "remote"};

// Digits only, and at least one (NKZ and KATO codes).
inline bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <typename List>
bool OneOf(const List& allowed, std::string_view value) {
  return std::find(std::begin(allowed), std::end(allowed), value) != std::end(allowed);
}

// "a, b, c": the allowed values as a detail's {allowed} names them.
template <typename List>
std::string Listed(const List& allowed) {
  std::string out;
  for (auto a : allowed) out += (out.empty() ? "" : ", ") + std::string(a);
  return out;
}

}  // namespace jumys::vacancies
