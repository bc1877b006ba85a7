#pragma once
// Password hashing with argon2id (libargon2), stored in the standard PHC encoded form
// "$argon2id$v=19$m=...,t=...,p=...$salt$hash" so parameters travel with each hash.
#include <cstdint>
#include <string>
#include <string_view>

namespace jumys {

// OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, 2 passes, 1 lane.
// Tests pass cheaper parameters; production keeps the defaults or raises them.
struct PasswordParams {
  uint32_t memory_kib = 19456;
  uint32_t iterations = 2;
  uint32_t parallelism = 1;
};

// Fresh 16-byte salt from RAND_bytes, 32-byte hash. Throws on invalid params or a failing
// RNG: both are bugs or broken infrastructure, not user input.
std::string HashPassword(std::string_view password, const PasswordParams& params = {});

// True only when `encoded` is a well-formed argon2id hash of `password`; false for a wrong
// password, another algorithm, malformed text, or memory cost above kMaxVerifyMemoryKib.
bool VerifyPassword(std::string_view encoded, std::string_view password);

// True when `encoded` was not made with exactly these parameters (or is not argon2id v19 at
// all), so the caller re-hashes the password it has just verified.
bool NeedsRehash(std::string_view encoded, const PasswordParams& params = {});

// A corrupt or hostile stored hash must not make one login allocate unbounded memory.
inline constexpr uint32_t kMaxVerifyMemoryKib = 1u << 20;  // 1 GiB

}  // namespace jumys
