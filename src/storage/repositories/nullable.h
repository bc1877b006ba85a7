#pragma once
// Optional fields as query parameters: NULL when absent (Rows::Optional reads them back), and a
// stored optional instant read back.
#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
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

// The instant of an RFC 3339 column, none when NULL (or, never written so, unreadable).
inline std::optional<Instant> OptionalInstant(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto parsed = ParseRfc3339(*text);
  return parsed ? std::optional<Instant>(*parsed) : std::nullopt;
}

}  // namespace jumys::storage
