#pragma once
// The fixture the server tests share: a server on a free port for one test, and a plain
// answer. Outside an anonymous namespace so every test file's ServerTest is the same class,
// which gtest requires of one test suite.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "http/server.h"

namespace jumys::http::testing {

inline HttpResponse Ok(std::string body = R"({"ok":true})") {
  HttpResponse response;
  response.body = std::move(body);
  return response;
}

inline bool IsHex32(const std::string& s) {
  return s.size() == 32 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

class ServerTest : public ::testing::Test {
 protected:
  std::uint16_t StartServer(Handler handler, ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.access_log = access_log_;
    server_ = std::make_unique<Server>(options, std::move(handler));
    auto port = server_->Start();
    EXPECT_TRUE(port.has_value()) << (port ? "" : port.error().message);
    if (!port) return 0;
    EXPECT_NE(*port, 0);
    return *port;
  }

  bool access_log_ = false;
  std::unique_ptr<Server> server_;
};

}  // namespace jumys::http::testing
