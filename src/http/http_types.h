#pragma once
// The project's own request/response types: RESTinio stays inside server.cpp.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jumys::http {

struct HttpRequest {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // decoded path without the query
  std::map<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string request_id;
  std::string remote_address;
  bool tls = false;                                // arrived over TLS (serve --tls-cert)
  std::map<std::string, std::string> path_params;  // filled by the router

  std::optional<std::string> Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> Query(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace jumys::http
