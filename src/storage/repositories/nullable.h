#pragma once
// Optional fields as query parameters: NULL when absent (Rows::Optional reads them back).
#include <cstdint>
#include <optional>
#include <string>

#include "storage/database.h"

namespace jumys::storage {

inline Value OptionalText(const std::optional<std::string>& v) {
  if (v) return *v;
  return nullptr;
}

inline Value OptionalInt(const std::optional<std::int64_t>& v) {
  if (v) return *v;
  return nullptr;
}

}  // namespace jumys::storage
