#pragma once
// Request ids correlate the access log, error logs and the X-Request-Id answer header.
#include <string>
#include <string_view>

namespace jumys::http {

// A client's own X-Request-Id is kept only when it is short and plain, so it cannot forge or
// break log lines.
bool IsSaneRequestId(std::string_view id);
// 32 hex digits.
std::string NewRequestId();

}  // namespace jumys::http
