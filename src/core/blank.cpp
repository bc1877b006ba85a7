// IsBlank: see blank.h.
#include "core/blank.h"

#include <array>

namespace jumys {

bool IsBlank(std::string_view text) {
  // UTF-8 encodings of the Unicode white space (and invisible) characters a name may hold.
  static constexpr std::array<std::string_view, 9> kWide = {
      "\xC2\xA0",      // U+00A0 no-break space
      "\xC2\x85",      // U+0085 next line
      "\xE1\x9A\x80",  // U+1680 ogham space mark
      "\xE2\x80\xA8",  // U+2028 line separator
      "\xE2\x80\xA9",  // U+2029 paragraph separator
      "\xE2\x80\xAF",  // U+202F narrow no-break space
      "\xE2\x81\x9F",  // U+205F medium mathematical space
      "\xE3\x80\x80",  // U+3000 ideographic space
      "\xEF\xBB\xBF",  // U+FEFF byte-order mark (zero-width no-break space)
  };
  while (!text.empty()) {
    const char c = text.front();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      text.remove_prefix(1);
      continue;
    }
    // U+2000..U+200B: the typographic spaces and the zero-width space.
    if (text.size() >= 3 && text[0] == '\xE2' && text[1] == '\x80' &&
        static_cast<unsigned char>(text[2]) >= 0x80 &&
        static_cast<unsigned char>(text[2]) <= 0x8B) {
      text.remove_prefix(3);
      continue;
    }
    bool wide = false;
    for (auto space : kWide) {
      if (text.substr(0, space.size()) == space) {
        text.remove_prefix(space.size());
        wide = true;
        break;
      }
    }
    if (!wide) return false;
  }
  return true;
}

std::string TrimmedAscii(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

std::size_t CodePoints(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace jumys
