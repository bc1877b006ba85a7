#include "core/text_fold.h"

namespace jumys {

char32_t LowerCodePoint(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 0x20;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 0x20;   // Latin-1, not ×
  if (c >= 0x0410 && c <= 0x042F) return c + 0x20;  // А-Я
  if (c >= 0x0400 && c <= 0x040F) return c + 0x50;  // Ѐ-Џ, І among them
  // Cyrillic extended: upper case even, its lower case the next (Ғ Қ Ң Ұ Ү Һ Ә Ө ...).
  if ((c >= 0x0460 && c <= 0x0481) || (c >= 0x048A && c <= 0x04BF) ||
      (c >= 0x04D0 && c <= 0x052F)) {
    return c % 2 == 0 ? c + 1 : c;
  }
  if (c == 0x04C0) return 0x04CF;
  if (c >= 0x04C1 && c <= 0x04CE) return c % 2 == 1 ? c + 1 : c;
  return c;
}

namespace {

// The code point at `i` and its length; length 0 for a byte that starts no valid sequence.
std::pair<char32_t, std::size_t> Decode(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = b(0);
  std::size_t n = lead < 0x80           ? 1
                  : (lead >> 5) == 0x6  ? 2
                  : (lead >> 4) == 0xE  ? 3
                  : (lead >> 3) == 0x1E ? 4
                                        : 0;
  if (n == 0 || i + n > s.size()) return {0, 0};
  char32_t c = n == 1 ? lead : lead & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return {0, 0};
    c = (c << 6) | (b(k) & 0x3F);
  }
  return {c, n};
}

void Encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string LowerUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, n] = Decode(text, i);
    if (n == 0) {
      out += text[i++];
      continue;
    }
    Encode(LowerCodePoint(c), out);
    i += n;
  }
  return out;
}

}  // namespace jumys
