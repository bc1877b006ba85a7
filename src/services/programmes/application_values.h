#pragma once
// Reading a programme's filed application and step data (already checked against the
// definition's fields, so a missing or mistyped value reads as empty or zero).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace jumys::programmes {

inline std::int64_t IntOf(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

// A `money` field: {"amount": tiyn, "currency": "KZT"}.
inline std::int64_t MoneyOf(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_object() ? IntOf(*it, "amount") : 0;
}

inline std::string TextOf(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace jumys::programmes
