#pragma once
// A tiny blocking HTTP/1.1 client for tests: one request per connection ("Connection:
// close"), POSIX sockets, no TLS. Not for production use.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace jumys::http::testing {

struct TestResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased; repeats joined by ", "
  std::string body;                            // de-chunked if the server chunked it

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

using TestHeaders = std::vector<std::pair<std::string, std::string>>;

// Sends one request and reads the whole response. Adds Host, "Connection: close" and, when
// there is a body or the caller gave none, Content-Length (unless the caller set them).
// Fails with kUnavailable if the connection cannot be made, the peer closes before a full
// response arrives, or the timeout passes.
Expected<TestResponse> Send(const std::string& host, std::uint16_t port, const std::string& method,
                            const std::string& path, const TestHeaders& headers = {},
                            const std::string& body = {},
                            std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Parses a complete raw HTTP/1.1 response (what Send receives); exposed for tests.
Expected<TestResponse> ParseResponse(const std::string& raw);

}  // namespace jumys::http::testing
