// GuardCookieWrite: see request_guard.h.
#include "http/request_guard.h"

#include <string_view>

#include "http/api.h"
#include "http/server.h"

namespace jumys::http {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The media type without parameters, lower-cased: "application/json; charset=utf-8" ->
// "application/json".
std::string MediaType(std::string_view content_type) {
  auto end = content_type.find(';');
  auto type = content_type.substr(0, end);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  return Lower(type);
}

bool SameOrigin(const HttpRequest& request) {
  const auto host = request.Header("host");
  if (auto origin = request.Header("origin")) {
    if (!host) return false;
    const std::string scheme = request.tls ? "https://" : "http://";
    const std::string value = Lower(*origin);
    // Behind a TLS-terminating proxy the browser's origin is https while the request arrives
    // as plain HTTP; the host must match either way.
    const bool https = value.rfind("https://", 0) == 0;
    const bool http = value.rfind("http://", 0) == 0;
    if (!(https || (http && scheme == "http://"))) return false;
    return value.substr(https ? 8 : 7) == Lower(*host);
  }
  if (auto site = request.Header("sec-fetch-site")) return Lower(*site) == "same-origin";
  return false;
}

HttpResponse Refuse(int status, const Error& error) {
  auto response = ErrorResponse(error);
  response.status = status;
  return response;
}

}  // namespace

bool IsFileUpload(const Route& route) {
  const auto body = route.doc.find("requestBody");
  if (body == route.doc.end() || !body->is_object()) return false;
  const auto content = body->find("content");
  if (content == body->end() || !content->is_object()) return false;
  for (const auto& [type, ignored] : content->items()) {
    if (MediaType(type) != "application/json") return true;
  }
  return false;
}

std::optional<HttpResponse> GuardCookieWrite(const HttpRequest& request, const Route& route) {
  if (!IsWrite(request.method) || request.Header("authorization")) return std::nullopt;
  const auto token = SessionToken(request);
  if (!token || token->empty()) return std::nullopt;  // no cookie: nothing a forger could use
  if (!SameOrigin(request)) {
    return Refuse(403, Error::Forbidden("request.cross_site"_msg,
                                        "a signed-in change must come from this site's own pages"));
  }
  if (IsFileUpload(route)) {
    if (request.Header("x-requested-with") != kUploadHeaderValue) {
      return Refuse(403, Error::Forbidden("request.upload_header"_msg,
                                          "a file upload must send the header {header}",
                                          {{"header", "X-Requested-With: jumys"}}));
    }
    return std::nullopt;
  }
  const auto content_type = request.Header("content-type");
  if (!content_type || MediaType(*content_type) != "application/json") {
    return Refuse(415, Error::Invalid("request.json_required"_msg,
                                      "a signed-in change must be sent as {type}",
                                      {{"type", "application/json"}}));
  }
  return std::nullopt;
}

}  // namespace jumys::http
