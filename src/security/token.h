#pragma once
// Session tokens and small random/compare helpers. The database stores only HashToken(token),
// so a leaked table does not yield usable sessions.
#include <cstddef>
#include <string>
#include <string_view>

namespace jumys {

inline constexpr size_t kSessionTokenLength = 43;  // 256 bits, base64url, no padding

// RFC 4648 §5 base64url without padding.
std::string Base64UrlEncode(std::string_view bytes);

// 256 bits from OpenSSL RAND_bytes, base64url (RFC 4648 §5) without padding.
std::string NewSessionToken();

// SHA-256 of the token text, lowercase hex: the key the session table is looked up by.
std::string HashToken(std::string_view token);

// True for exactly what NewSessionToken can produce: 43 base64url characters whose last one
// carries no bits beyond the 256 (its two low bits are zero). Checked before any DB lookup.
bool LooksLikeToken(std::string_view text);

// `bytes` random bytes as 2*bytes lowercase hex characters.
std::string RandomHex(size_t bytes);

// Compares contents in time independent of where they differ; only the lengths leak.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace jumys
