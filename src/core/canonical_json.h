#pragma once
// One byte sequence per JSON value, for hashing (audit chain, signed payloads). Close to
// RFC 8785 (JCS) but not identical; the differences are listed below.
//
// - No whitespace; ',' and ':' only.
// - Object keys sorted by their UTF-8 bytes (std::string order, which nlohmann::json's
//   std::map already keeps). For UTF-8 this equals Unicode code point order; JCS sorts by
//   UTF-16 code units instead, which differs only between U+E000..U+FFFF and characters above
//   U+FFFF. Duplicate keys cannot occur (a parsed duplicate keeps the last value).
// - Strings as nlohmann dumps them with ensure_ascii=false: UTF-8 kept as is (Cyrillic and
//   Kazakh letters are not \u-escaped); only '"', '\\' and control characters are escaped
//   (\b \f \n \r \t, others as \u00XX). Invalid UTF-8 throws nlohmann::json::type_error, so
//   two different byte strings can never collapse to one replacement character.
// - Integers as integers. Floating-point numbers are normalised: an integral value with
//   magnitude below 2^53 is written as an integer (1.0 -> 1, -0.0 -> 0, as JCS does); any
//   other finite value uses nlohmann's shortest round-trip form. NaN and infinities throw
//   std::domain_error: they cannot come from parsed JSON, so they mean a bug upstream.
//   Prefer integers (money in tiyn) in anything that is hashed.
// - Binary values (from CBOR and the like) have no JSON form and throw std::domain_error.
#include <nlohmann/json.hpp>
#include <string>

namespace jumys {

std::string CanonicalJson(const nlohmann::json& value);

}  // namespace jumys
