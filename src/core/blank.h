#pragma once
// Whether a name someone typed says nothing: empty, or only white space (ASCII spaces, tabs
// and line breaks, and the Unicode spaces a paste can bring: no-break, ideographic, zero-width
// and the other U+2000 spaces, the byte-order mark).
#include <string_view>

namespace jumys {

bool IsBlank(std::string_view text);

}  // namespace jumys
