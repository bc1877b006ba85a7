#include "http/response_serializer.h"

#include <fmt/format.h>

#include <string_view>
#include <utility>

#include "http/static_files.h"

namespace jumys::http {
namespace {

constexpr const char* kStrictTransportSecurity = "max-age=31536000";

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 431:
      return "Request Header Fields Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return status < 400 ? "OK" : "Error";
  }
}

bool EqualsLower(std::string_view name, std::string_view lower) {
  if (name.size() != lower.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// Headers the server writes itself, and values that would split the header block.
bool MayForwardHeader(const std::pair<std::string, std::string>& header) {
  if (EqualsLower(header.first, "content-length") || EqualsLower(header.first, "connection") ||
      EqualsLower(header.first, "transfer-encoding")) {
    return false;
  }
  const auto breaks = [](const std::string& s) { return s.find_first_of("\r\n") != s.npos; };
  return !header.first.empty() && !breaks(header.first) && !breaks(header.second);
}

}  // namespace

std::string SerializeResponse(HttpResponse& response, const std::string& request_id, bool close,
                              bool head, bool tls) {
  const int status = response.status;
  const bool bodiless = status == 204 || status == 304;
  std::string out = fmt::format("HTTP/1.1 {} {}\r\n", status, ReasonPhrase(status));
  const auto add = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
  };
  if (!response.content_type.empty() && !bodiless) add("Content-Type", response.content_type);
  bool cache_control = false, csp = false, frame = false, referrer = false;
  for (const auto& header : response.headers) {
    if (!MayForwardHeader(header) || EqualsLower(header.first, "x-content-type-options") ||
        EqualsLower(header.first, "strict-transport-security") ||
        EqualsLower(header.first, "x-request-id")) {
      continue;
    }
    cache_control = cache_control || EqualsLower(header.first, "cache-control");
    csp = csp || EqualsLower(header.first, "content-security-policy");
    frame = frame || EqualsLower(header.first, "x-frame-options");
    referrer = referrer || EqualsLower(header.first, "referrer-policy");
    add(header.first, header.second);
  }
  add("X-Request-Id", request_id);
  add("X-Content-Type-Options", "nosniff");
  if (!cache_control) add("Cache-Control", "no-store");
  if (!csp) add("Content-Security-Policy", kContentSecurityPolicy);
  if (!frame) add("X-Frame-Options", "DENY");
  if (!referrer) add("Referrer-Policy", "no-referrer");
  if (tls) add("Strict-Transport-Security", kStrictTransportSecurity);
  add("Connection", close ? "close" : "keep-alive");
  if (!bodiless) add("Content-Length", std::to_string(head ? 0 : response.body.size()));
  out.append("\r\n");
  if (!head && !bodiless) out.append(response.body);
  return out;
}

}  // namespace jumys::http
