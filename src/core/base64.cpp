#include "core/base64.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>

namespace jumys {

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

namespace {

constexpr std::uint8_t kSkip = 64, kPad = 65, kBad = 66;

// A character's 6-bit value, or kSkip (whitespace), kPad ('=') or kBad.
constexpr std::array<std::uint8_t, 256> kDecodeTable = [] {
  std::array<std::uint8_t, 256> t{};
  t.fill(kBad);
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  }
  for (const char c : std::string_view(" \t\n\v\f\r")) t[static_cast<unsigned char>(c)] = kSkip;
  t['='] = kPad;
  return t;
}();

}  // namespace

// One table lookup per character: stored documents are decoded on every read.
std::optional<std::string> Base64Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t quantum = 0;
  int digits = 0;  // of the current quantum, pads included
  int pads = 0;
  for (const char c : text) {
    const std::uint8_t v = kDecodeTable[static_cast<unsigned char>(c)];
    if (v == kSkip) continue;
    if (v == kBad) return std::nullopt;
    if (v == kPad) {
      if (digits < 2) return std::nullopt;
      ++pads;
    } else if (pads > 0) {
      return std::nullopt;  // a digit after padding
    }
    quantum = (quantum << 6) | (v == kPad ? 0u : v);
    if (++digits < 4) continue;
    out.push_back(static_cast<char>(quantum >> 16));
    if (pads < 2) out.push_back(static_cast<char>((quantum >> 8) & 0xff));
    if (pads < 1) out.push_back(static_cast<char>(quantum & 0xff));
    quantum = 0;
    digits = 0;
    if (pads > 0) pads = 3;  // the end: only whitespace may follow
  }
  if (digits != 0) return std::nullopt;
  return out;
}

}  // namespace jumys
