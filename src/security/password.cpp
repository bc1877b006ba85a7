#include "security/password.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <charconv>
#include <optional>
#include <stdexcept>
#include <vector>

namespace jumys {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

struct EncodedHeader {
  uint32_t version = 0;
  PasswordParams params;
};

bool ConsumePrefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

bool ConsumeNumber(std::string_view& s, uint32_t& out) {
  // Leading zeros and signs are not part of the PHC format; argon2 would reject them too.
  if (s.empty() || s[0] < '0' || s[0] > '9' ||
      (s[0] == '0' && s.size() > 1 && s[1] >= '0' && s[1] <= '9')) {
    return false;
  }
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc()) return false;
  s.remove_prefix(static_cast<size_t>(end - s.data()));
  return true;
}

bool IsBase64NoPad(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

// Reads the header of "$argon2id$v=19$m=M,t=T,p=P$salt$hash"; nullopt for anything else,
// so only argon2id strings in the exact shape HashPassword writes ever reach libargon2.
std::optional<EncodedHeader> ParseHeader(std::string_view s) {
  EncodedHeader h;
  if (!ConsumePrefix(s, "$argon2id$v=") || !ConsumeNumber(s, h.version)) return std::nullopt;
  if (!ConsumePrefix(s, "$m=") || !ConsumeNumber(s, h.params.memory_kib)) return std::nullopt;
  if (!ConsumePrefix(s, ",t=") || !ConsumeNumber(s, h.params.iterations)) return std::nullopt;
  if (!ConsumePrefix(s, ",p=") || !ConsumeNumber(s, h.params.parallelism)) return std::nullopt;
  if (!ConsumePrefix(s, "$")) return std::nullopt;
  const size_t dollar = s.find('$');
  if (dollar == std::string_view::npos) return std::nullopt;
  if (!IsBase64NoPad(s.substr(0, dollar)) || !IsBase64NoPad(s.substr(dollar + 1))) {
    return std::nullopt;
  }
  return h;
}

}  // namespace

std::string HashPassword(std::string_view password, const PasswordParams& params) {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof salt) != 1) throw std::runtime_error("RAND_bytes failed");
  std::vector<char> encoded(argon2_encodedlen(
      params.iterations, params.memory_kib, params.parallelism, kSaltBytes, kHashBytes, Argon2_id));
  const int rc = argon2id_hash_encoded(params.iterations, params.memory_kib, params.parallelism,
                                       password.data(), password.size(), salt, sizeof salt,
                                       kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    throw std::invalid_argument(std::string("argon2id_hash_encoded: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  const std::optional<EncodedHeader> header = ParseHeader(encoded);
  if (!header || header->version != ARGON2_VERSION_13 ||
      header->params.memory_kib > kMaxVerifyMemoryKib) {
    return false;
  }
  const std::string encoded_z(encoded);  // libargon2 wants a NUL-terminated string
  // Any non-OK code (mismatch, decoding failure, bad lengths) means "not verified".
  return argon2id_verify(encoded_z.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool NeedsRehash(std::string_view encoded, const PasswordParams& params) {
  const std::optional<EncodedHeader> header = ParseHeader(encoded);
  return !header || header->version != ARGON2_VERSION_13 ||
         header->params.memory_kib != params.memory_kib ||
         header->params.iterations != params.iterations ||
         header->params.parallelism != params.parallelism;
}

}  // namespace jumys
