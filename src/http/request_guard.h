#pragma once
// Cross-site request forgery guard for writes authenticated by the session cookie. A browser
// attaches the cookie to requests that other sites make, so such a write must show it comes
// from this site's own pages:
//   - same origin: the Origin header names the Host the request was sent to (https when it
//     arrived over TLS) or, without Origin, Sec-Fetch-Site is "same-origin";
//   - a JSON body: Content-Type application/json, which a cross-site form cannot send;
//   - except the declared file uploads (routes whose OpenAPI request body is not JSON, such as
//     the CSV import), which instead carry "X-Requested-With: jumys", a header a cross-site
//     page cannot add without the server's consent.
// Requests with "Authorization: Bearer" (scripts, integrations) and reads are not affected.
#include <optional>

#include "core/error.h"
#include "http/http_types.h"
#include "http/router.h"

namespace jumys::http {

// The header value a declared file upload carries.
inline constexpr const char* kUploadHeaderValue = "jumys";

// Whether the route declares a request body other than JSON (a file upload).
bool IsFileUpload(const Route& route);

// The answer to give instead of running the route, if the request fails the guard (403 when
// the request may be cross-site, 415 when a write is not JSON).
std::optional<HttpResponse> GuardCookieWrite(const HttpRequest& request, const Route& route);

}  // namespace jumys::http
