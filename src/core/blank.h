#pragma once
// Whether a name someone typed says nothing: empty, or only white space (ASCII spaces, tabs
// and line breaks, and the Unicode spaces a paste can bring: no-break, ideographic, zero-width
// and the other U+2000 spaces, the byte-order mark).
#include <cstddef>
#include <string>
#include <string_view>

namespace jumys {

bool IsBlank(std::string_view text);

// The text without ASCII white space at either end.
std::string TrimmedAscii(std::string_view text);

// How many characters (UTF-8 code points) a text has, for limits people count in letters.
std::size_t CodePoints(std::string_view text);

}  // namespace jumys
