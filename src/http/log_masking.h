#pragma once
// Keeps personal identifiers (IIN/BIN are 12 digits) out of logs.
#include <string>
#include <string_view>

namespace jumys::http {

// Masks every run of 12 or more consecutive ASCII digits, keeping its first 2 and last 2:
// "/x/900101300034" -> "/x/90********34". Shorter runs (ids, dates) stay as they are;
// longer runs are masked too because they may embed an IIN.
std::string MaskDigitRuns(std::string_view text);

}  // namespace jumys::http
