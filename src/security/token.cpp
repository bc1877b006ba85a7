#include "security/token.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <climits>
#include <stdexcept>
#include <vector>

#include "core/sha256.h"

namespace jumys {
namespace {

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::vector<unsigned char> RandomBytes(size_t n) {
  if (n > static_cast<size_t>(INT_MAX)) throw std::length_error("RandomBytes: too many");
  std::vector<unsigned char> out(n);
  // A failing CSPRNG is broken infrastructure; never fall back to something weaker.
  if (n > 0 && RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return out;
}

int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = (in[i] << 16) | (in[i + 1] << 8) | in[i + 2];
    out.push_back(kBase64Url[(v >> 18) & 63]);
    out.push_back(kBase64Url[(v >> 12) & 63]);
    out.push_back(kBase64Url[(v >> 6) & 63]);
    out.push_back(kBase64Url[v & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest == 1) {
    const unsigned v = in[i] << 16;
    out.push_back(kBase64Url[(v >> 18) & 63]);
    out.push_back(kBase64Url[(v >> 12) & 63]);
  } else if (rest == 2) {
    const unsigned v = (in[i] << 16) | (in[i + 1] << 8);
    out.push_back(kBase64Url[(v >> 18) & 63]);
    out.push_back(kBase64Url[(v >> 12) & 63]);
    out.push_back(kBase64Url[(v >> 6) & 63]);
  }
  return out;
}

std::string NewSessionToken() {
  const std::vector<unsigned char> bytes = RandomBytes(32);
  return Base64UrlEncode(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string HashToken(std::string_view token) { return Sha256Hex(token); }

bool LooksLikeToken(std::string_view text) {
  if (text.size() != kSessionTokenLength) return false;
  for (char c : text) {
    if (Base64UrlValue(c) < 0) return false;
  }
  // 43 characters hold 258 bits; the encoder leaves the 2 surplus bits zero.
  return (Base64UrlValue(text.back()) & 3) == 0;
}

std::string RandomHex(size_t bytes) {
  const std::vector<unsigned char> random = RandomBytes(bytes);
  return LowerHex(std::string_view(reinterpret_cast<const char*>(random.data()), random.size()));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace jumys
