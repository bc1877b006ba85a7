#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 30-second steps,
// 6 digits, as every authenticator app reads them from an otpauth:// URI.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace jumys {

inline constexpr std::int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// RFC 4648 base32 without padding (upper case); decoding ignores case, spaces and padding and
// answers nullopt for any other character.
std::string Base32Encode(std::string_view bytes);
std::optional<std::string> Base32Decode(std::string_view text);

// A fresh 160-bit secret, base32.
std::string NewTotpSecret();

// The time step an instant falls in.
std::int64_t TotpStep(Instant at);

// The code of one step for a raw key, zero-padded to `digits` (RFC 4226 section 5.3).
std::string TotpCode(std::string_view key, std::int64_t step, int digits = kTotpDigits);

// The step (now - 1, now or now + 1) whose code `code` is, for a base32 secret; nullopt for
// any other code, a malformed code or a malformed secret.
std::optional<std::int64_t> MatchTotp(std::string_view secret_base32, std::string_view code,
                                      Instant now);

// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view secret_base32);

}  // namespace jumys
