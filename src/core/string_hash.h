#pragma once
// Hash for unordered maps keyed by std::string that are looked up by std::string_view without
// building a string (use with std::equal_to<>).
#include <functional>
#include <string_view>

namespace jumys {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace jumys
