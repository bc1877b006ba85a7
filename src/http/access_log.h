#pragma once
// The per-request access-log line: one JSON object, personal identifiers masked. "name"
// follows app/logging's LogEvent convention.
#include <cstdint>
#include <string>
#include <string_view>

namespace jumys::http {

// {"name":"http_request","method":..,"path":..,"status":..,"duration_us":..,"request_id":..}
// with 12+-digit runs in the path masked (MaskDigitRuns) and the path JSON-escaped
// (invalid UTF-8 becomes U+FFFD, so the line always parses).
std::string FormatAccessLog(std::string_view method, std::string_view path, int status,
                            std::int64_t duration_us, std::string_view request_id);

// {"name":"internal_error","method":..,"path":..,"status":..,"request_id":..,"error":..}: why
// a request got a 5xx (the client only sees "internal error"), with 12+-digit runs in the
// path and the error text masked.
std::string FormatInternalErrorLog(std::string_view method, std::string_view path, int status,
                                   std::string_view request_id, std::string_view error);

// Appends text as the inside of a JSON string literal.
void AppendJsonEscaped(std::string& out, std::string_view text);

}  // namespace jumys::http
