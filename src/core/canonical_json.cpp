#include "core/canonical_json.h"

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace jumys {
namespace {

constexpr double kExactIntegerLimit = 9007199254740992.0;  // 2^53

bool HasFloat(const nlohmann::json& v) {
  if (v.is_binary()) throw std::domain_error("CanonicalJson: binary value is not JSON");
  if (v.is_number_float()) return true;
  if (v.is_structured()) {
    for (const auto& child : v) {
      if (HasFloat(child)) return true;
    }
  }
  return false;
}

// Rewrites floats in place; only called on a copy, and only when a float is present.
void NormaliseFloats(nlohmann::json& v) {
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!std::isfinite(d)) throw std::domain_error("CanonicalJson: non-finite number");
    if (d == std::trunc(d) && std::fabs(d) < kExactIntegerLimit) {
      v = static_cast<std::int64_t>(d);  // -0.0 becomes 0
    }
    return;
  }
  if (v.is_structured()) {
    for (auto& child : v) NormaliseFloats(child);
  }
}

std::string Dump(const nlohmann::json& v) {
  return v.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::strict);
}

}  // namespace

std::string CanonicalJson(const nlohmann::json& value) {
  if (!HasFloat(value)) return Dump(value);
  nlohmann::json copy = value;
  NormaliseFloats(copy);
  return Dump(copy);
}

}  // namespace jumys
