#include "rendering/verification_code.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace jumys::rendering {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr size_t kLength = 16;
}  // namespace

std::string NewVerificationCode() {
  unsigned char bytes[10];
  // RAND_bytes fails only when the CSPRNG cannot be seeded: broken infrastructure.
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  std::string code;
  code.reserve(kLength);
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      code.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  return code;
}

bool IsVerificationCode(std::string_view code) {
  if (code.size() != kLength) return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
  }
  return true;
}

std::string VerificationUrl(std::string_view base_url, std::string_view code) {
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/verify/" + std::string(code);
}

}  // namespace jumys::rendering
