#pragma once
// The bytes of one HTTP/1.1 answer, with the security headers every answer carries.
#include <string>

#include "http/http_types.h"

namespace jumys::http {

// The security headers (nosniff, no-store, CSP, frame and referrer policy) go on every answer
// unless the handler chose its own; HSTS only over TLS. The server writes X-Request-Id,
// Connection and Content-Length itself, so a handler's own are dropped, as are header lines
// that would split the header block. HEAD answers carry no body.
std::string SerializeResponse(HttpResponse& response, const std::string& request_id, bool close,
                              bool head, bool tls);

}  // namespace jumys::http
