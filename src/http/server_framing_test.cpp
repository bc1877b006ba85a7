// Raw bytes on a socket: malformed and oversized requests get a JSON answer and a close,
// "100 Continue", chunked bodies, pipelining and the read timeout. The framing rules
// themselves are pinned in request_parser_test.cpp.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "http/server.h"
#include "http/testing/server_fixture.h"
#include "http/testing/test_client.h"

namespace jumys::http {
namespace {

using namespace std::chrono_literals;
using testing::IsHex32;
using testing::Ok;
using testing::Send;
using testing::ServerTest;
using testing::TestHeaders;

class RawClient {
 public:
  explicit RawClient(std::uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() { close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // Sends as much as the server takes (it may answer and stop reading early).
  void Write(std::string_view bytes) {
    while (!bytes.empty()) {
      const auto n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  // Reads until `done` holds for what has arrived, the server closes, or the timeout passes.
  std::string ReadUntil(const std::function<bool(const std::string&)>& done,
                        std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done(received_) && !closed_) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[65536];
      const auto n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      received_.append(buffer, static_cast<std::size_t>(n));
    }
    return received_;
  }
  std::string ReadToClose(std::chrono::milliseconds timeout = 5s) {
    return ReadUntil([](const std::string&) { return false; }, timeout);
  }
  void Forget() { received_.clear(); }
  bool connected() const { return connected_; }
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
  std::string received_;
};

struct RawCase {
  std::string name;
  std::string bytes;
  int status;
};

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

TEST_F(ServerTest, BrokenRequestsGetAJsonAnswerAndAClose) {
  std::atomic<int> calls{0};
  auto port = StartServer([&](HttpRequest&) {
    ++calls;
    return Ok();
  });
  const std::string host = "Host: x\r\n";
  const std::vector<RawCase> cases = {
      {"garbage request line", "GARBAGE\r\n\r\n", 400},
      {"no version", "GET /\r\n\r\n", 400},
      {"unknown version", "GET / HTTP/2.0\r\n" + host + "\r\n", 400},
      {"target not a path", "GET x HTTP/1.1\r\n" + host + "\r\n", 400},
      {"bare LF", "GET / HTTP/1.1\n" + host + "\n", 400},
      {"space before colon", "GET / HTTP/1.1\r\n" + host + "Bad Name : v\r\n\r\n", 400},
      {"no colon", "GET / HTTP/1.1\r\n" + host + "NoColon\r\n\r\n", 400},
      {"folded header", "GET / HTTP/1.1\r\n" + host + "X-A: 1\r\n folded\r\n\r\n", 400},
      {"control in value", "GET / HTTP/1.1\r\n" + host + "X-A: a\x01z\r\n\r\n", 400},
      {"missing Host", "GET / HTTP/1.1\r\n\r\n", 400},
      {"two Hosts", "GET / HTTP/1.1\r\n" + host + host + "\r\n", 400},
      {"CL and TE",
       "POST / HTTP/1.1\r\n" + host +
           "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       400},
      {"CL values differ",
       "POST / HTTP/1.1\r\n" + host + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400},
      {"CL not a number", "POST / HTTP/1.1\r\n" + host + "Content-Length: -3\r\n\r\n", 400},
      {"TE not chunked", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n", 400},
      {"chunk size not hex",
       "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
       400},
      {"chunk longer than size",
       "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n",
       400},
      {"lower-case method", "get / HTTP/1.1\r\n" + host + "\r\n", 405},
      {"unknown method", "BREW / HTTP/1.1\r\n" + host + "\r\n", 405},
      {"long target", "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n" + host + "\r\n", 431},
      {"long header value",
       "GET / HTTP/1.1\r\n" + host + "X-A: " + std::string(20000, 'v') + "\r\n\r\n", 431},
      {"too many fields", "GET / HTTP/1.1\r\n" + host + Repeat("X-A: 1\r\n", 101) + "\r\n", 431},
      {"huge header block",
       "GET / HTTP/1.1\r\n" + host + Repeat("X-A: " + std::string(8000, 'v') + "\r\n", 12) + "\r\n",
       431},
      {"body over the limit", "POST / HTTP/1.1\r\n" + host + "Content-Length: 99999999\r\n\r\n",
       413},
  };
  for (const auto& c : cases) {
    RawClient client(port);
    ASSERT_TRUE(client.connected());
    client.Write(c.bytes);
    const auto raw = client.ReadToClose();
    EXPECT_TRUE(client.closed()) << c.name;
    auto response = testing::ParseResponse(raw);
    ASSERT_TRUE(response.has_value()) << c.name << ": " << raw;
    EXPECT_EQ(response->status, c.status) << c.name;
    EXPECT_EQ(response->Header("connection"), "close") << c.name;
    EXPECT_EQ(response->Header("content-type"), "application/json") << c.name;
    EXPECT_EQ(response->Header("x-frame-options"), "DENY") << c.name;
    EXPECT_EQ(response->Header("x-content-type-options"), "nosniff") << c.name;
    EXPECT_FALSE(response->Header("content-security-policy").empty()) << c.name;
    EXPECT_TRUE(IsHex32(response->Header("x-request-id"))) << c.name;
    const auto body = nlohmann::json::parse(response->body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << c.name << ": " << response->body;
    EXPECT_TRUE(body["error"]["key"].is_string()) << c.name;
    if (c.status == 405) {
      EXPECT_NE(response->Header("allow").find("GET"), std::string::npos) << c.name;
    }
  }
  EXPECT_EQ(calls.load(), 0);
}

TEST_F(ServerTest, ExpectContinueGets413BeforeTheBodyOr100ThenTheAnswer) {
  std::mutex mutex;
  std::string seen_body;
  ServerOptions options;
  options.max_body_bytes = 1000;
  auto port = StartServer(
      [&](HttpRequest& request) {
        std::lock_guard lock(mutex);
        seen_body = request.body;
        return Ok();
      },
      options);
  {
    RawClient client(port);
    client.Write(
        "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
    const auto raw = client.ReadToClose();
    EXPECT_EQ(raw.rfind("HTTP/1.1 413 ", 0), 0u) << raw;  // no "100 Continue" first
    EXPECT_TRUE(client.closed());
  }
  {
    RawClient client(port);
    client.Write(
        "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n"
        "Connection: close\r\n\r\n");
    const auto interim = client.ReadUntil(
        [](const std::string& got) { return got.find("\r\n\r\n") != std::string::npos; });
    EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
    client.Forget();
    client.Write("hello");
    auto response = testing::ParseResponse(client.ReadToClose());
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    std::lock_guard lock(mutex);
    EXPECT_EQ(seen_body, "hello");
  }
}

TEST_F(ServerTest, ChunkedBodyIsDecodedAndCappedAtTheLimit) {
  std::mutex mutex;
  std::string seen_body;
  ServerOptions options;
  options.max_body_bytes = 10;
  auto port = StartServer(
      [&](HttpRequest& request) {
        std::lock_guard lock(mutex);
        seen_body = request.body;
        return Ok();
      },
      options);
  {
    RawClient client(port);
    client.Write(
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n");
    auto response = testing::ParseResponse(client.ReadToClose());
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    std::lock_guard lock(mutex);
    EXPECT_EQ(seen_body, "abcde");
  }
  {
    RawClient client(port);
    client.Write(
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
    auto response = testing::ParseResponse(client.ReadToClose());
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 413);
  }
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrderOnOneConnection) {
  auto port = StartServer([](HttpRequest& request) {
    if (request.path == "/first") std::this_thread::sleep_for(200ms);
    return Ok(R"({"path":")" + request.path + R"("})");
  });
  RawClient client(port);
  client.Write(
      "GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /second HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /third HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto raw = client.ReadToClose();
  const auto first = raw.find(R"({"path":"/first"})");
  const auto second = raw.find(R"({"path":"/second"})");
  const auto third = raw.find(R"({"path":"/third"})");
  ASSERT_NE(third, std::string::npos) << raw;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_TRUE(client.closed());
}

TEST_F(ServerTest, IncompleteRequestGets408WhenTheReadTimeoutPasses) {
  ServerOptions options;
  options.read_timeout = 300ms;
  auto port = StartServer([](HttpRequest&) { return Ok(); }, options);
  RawClient client(port);
  client.Write("GET / HTTP/1.1\r\nHost: x\r\n");  // the empty line never comes
  auto response = testing::ParseResponse(client.ReadToClose());
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 408);

  RawClient idle(port);  // an idle connection is just closed
  EXPECT_EQ(idle.ReadToClose(), "");
  EXPECT_TRUE(idle.closed());
}

}  // namespace
}  // namespace jumys::http
