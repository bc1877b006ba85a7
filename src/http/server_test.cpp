#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <asio.hpp>
#include <asio/ssl.hpp>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "http/testing/captured_log.h"
#include "http/testing/test_client.h"

namespace jumys::http {
namespace {

using namespace std::chrono_literals;
using testing::Send;
using testing::TestHeaders;

HttpResponse Ok(std::string body = R"({"ok":true})") {
  HttpResponse response;
  response.body = std::move(body);
  return response;
}

bool IsHex32(const std::string& s) {
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

TEST_F(ServerTest, HandlerReceivesDecodedRequest) {
  std::mutex mutex;
  HttpRequest seen;
  auto port = StartServer([&](HttpRequest& request) {
    std::lock_guard lock(mutex);
    seen = request;
    return Ok();
  });
  auto response =
      Send("127.0.0.1", port, "POST", "/api/v1/a%20b/%D0%B0?x=1&y=two+words&z=%26%3D&flag",
           {{"X-Custom", "Value"}, {"Content-Type", "application/json"}}, R"({"k":"v"})");
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  std::lock_guard lock(mutex);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.path, "/api/v1/a b/\xD0\xB0");
  EXPECT_EQ(seen.query, (std::map<std::string, std::string>{
                            {"x", "1"}, {"y", "two words"}, {"z", "&="}, {"flag", ""}}));
  EXPECT_EQ(seen.Header("x-custom"), "Value");
  EXPECT_EQ(seen.Header("content-type"), "application/json");
  EXPECT_FALSE(seen.Header("X-Custom").has_value());  // names are lower-cased
  EXPECT_EQ(seen.body, R"({"k":"v"})");
  EXPECT_EQ(seen.remote_address, "127.0.0.1");
}

TEST_F(ServerTest, WritesStatusHeadersBodyAndSecurityHeaders) {
  auto port = StartServer([](HttpRequest& request) {
    HttpResponse response;
    response.status = 201;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "created";
    response.headers = {{"X-Extra", "1"}, {"Location", "/x/1"}};
    if (request.path == "/cached") response.headers.emplace_back("Cache-Control", "max-age=60");
    return response;
  });
  auto response = Send("127.0.0.1", port, "GET", "/plain");
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, "created");
  EXPECT_EQ(response->Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(response->Header("x-extra"), "1");
  EXPECT_EQ(response->Header("location"), "/x/1");
  EXPECT_EQ(response->Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(response->Header("referrer-policy"), "no-referrer");
  EXPECT_EQ(response->Header("cache-control"), "no-store");
  EXPECT_EQ(response->Header("x-frame-options"), "DENY");
  EXPECT_NE(response->Header("content-security-policy").find("default-src 'self'"),
            std::string::npos);
  EXPECT_EQ(response->Header("strict-transport-security"), "");  // plain HTTP: no HSTS

  auto cached = Send("127.0.0.1", port, "GET", "/cached");
  ASSERT_TRUE(cached.has_value());
  EXPECT_EQ(cached->Header("cache-control"), "max-age=60");
}

TEST_F(ServerTest, HonoursKeepAliveAndClose) {
  auto port = StartServer([](HttpRequest&) { return Ok(); });
  auto kept = Send("127.0.0.1", port, "GET", "/", {{"Connection", "keep-alive"}});
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->Header("connection"), "keep-alive");
  auto closed = Send("127.0.0.1", port, "GET", "/");
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->Header("connection"), "close");
}

TEST_F(ServerTest, GeneratesRequestIdAndEchoesIt) {
  std::promise<std::string> seen_id;
  auto port = StartServer([&](HttpRequest& request) {
    seen_id.set_value(request.request_id);
    return Ok();
  });
  auto response = Send("127.0.0.1", port, "GET", "/");
  ASSERT_TRUE(response.has_value());
  const std::string id = response->Header("x-request-id");
  EXPECT_TRUE(IsHex32(id)) << id;
  EXPECT_EQ(seen_id.get_future().get(), id);

  auto second = Send("127.0.0.1", port, "GET", "/x");  // a fresh id every time
  ASSERT_TRUE(second.has_value());
  EXPECT_TRUE(IsHex32(second->Header("x-request-id")));
  EXPECT_NE(second->Header("x-request-id"), id);
}

TEST_F(ServerTest, KeepsSaneClientRequestIdAndReplacesBogusOnes) {
  std::mutex mutex;
  std::vector<std::string> seen;
  auto port = StartServer([&](HttpRequest& request) {
    std::lock_guard lock(mutex);
    seen.push_back(request.request_id);
    return Ok();
  });
  const std::string sane = "Req-1_2.3-" + std::string(54, 'a');  // exactly 64 characters
  auto kept = Send("127.0.0.1", port, "GET", "/", {{"X-Request-Id", sane}});
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->Header("x-request-id"), sane);

  for (const std::string& bogus : {std::string(65, 'a'), std::string("has space"),
                                   std::string("a/b"), std::string("\"quoted\"")}) {
    auto replaced = Send("127.0.0.1", port, "GET", "/", {{"X-Request-Id", bogus}});
    ASSERT_TRUE(replaced.has_value());
    EXPECT_TRUE(IsHex32(replaced->Header("x-request-id"))) << bogus;
  }
  std::lock_guard lock(mutex);
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0], sane);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_TRUE(IsHex32(seen[i]));
}

TEST_F(ServerTest, MalformedEscapeIs400WithoutCallingHandler) {
  std::atomic<int> calls{0};
  auto port = StartServer([&](HttpRequest&) {
    ++calls;
    return Ok();
  });
  for (const char* target : {"/a%zz", "/a?b=%4", "/a%00b"}) {
    auto response = Send("127.0.0.1", port, "GET", target);
    ASSERT_TRUE(response.has_value()) << target;
    EXPECT_EQ(response->status, 400) << target;
    EXPECT_EQ(nlohmann::json::parse(response->body)["error"]["code"], "invalid_input");
  }
  EXPECT_EQ(calls.load(), 0);
}

TEST_F(ServerTest, OversizeBodyGets413AndNeverReachesHandler) {
  std::atomic<int> calls{0};
  ServerOptions options;
  options.max_body_bytes = 1000;
  auto port = StartServer(
      [&](HttpRequest&) {
        ++calls;
        return Ok();
      },
      options);
  auto at_limit = Send("127.0.0.1", port, "POST", "/", {}, std::string(1000, 'x'));
  ASSERT_TRUE(at_limit.has_value());
  EXPECT_EQ(at_limit->status, 200);
  EXPECT_EQ(calls.load(), 1);

  auto over =
      Send("127.0.0.1", port, "POST", "/", {{"X-Request-Id", "big-1"}}, std::string(1001, 'x'));
  ASSERT_TRUE(over.has_value()) << over.error().message;
  EXPECT_EQ(over->status, 413);
  EXPECT_EQ(over->Header("content-type"), "application/json");
  EXPECT_EQ(over->Header("x-request-id"), "big-1");
  const auto body = nlohmann::json::parse(over->body);
  EXPECT_EQ(body["error"]["code"], "invalid_input");
  EXPECT_EQ(body["error"]["key"], "request.too_large");
  EXPECT_EQ(body["error"]["message"], "request body is too large (the limit is 1000 bytes)");
  EXPECT_EQ(calls.load(), 1);

  // Far past the limit the body is not read, yet the answer is the same 413.
  auto huge = Send("127.0.0.1", port, "POST", "/", {}, std::string(5 << 20, 'x'), 5s);
  ASSERT_TRUE(huge.has_value()) << huge.error().message;
  EXPECT_EQ(huge->status, 413);
  EXPECT_EQ(huge->Header("connection"), "close");
  EXPECT_EQ(calls.load(), 1);
}

TEST_F(ServerTest, HandlerExceptionBecomesOpaque500) {
  auto port = StartServer(
      [](HttpRequest&) -> HttpResponse { throw std::runtime_error("SELECT secret FROM users"); });
  auto response = Send("127.0.0.1", port, "GET", "/boom", {{"X-Request-Id", "boom-1"}});
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->Header("x-request-id"), "boom-1");
  EXPECT_EQ(response->body.find("SELECT"), std::string::npos);
  const auto body = nlohmann::json::parse(response->body);
  EXPECT_EQ(body["error"]["code"], "internal");
  EXPECT_EQ(body["error"]["message"], "internal error");
}

TEST_F(ServerTest, HandlerRunsOnWorkerThreadNotIoThread) {
  std::promise<std::string> thread_name;
  auto port = StartServer([&](HttpRequest&) {
    char name[32] = {};
    pthread_getname_np(pthread_self(), name, sizeof(name));
    thread_name.set_value(name);
    return Ok();
  });
  ASSERT_TRUE(Send("127.0.0.1", port, "GET", "/").has_value());
  EXPECT_EQ(thread_name.get_future().get().rfind("http-worker-", 0), 0u);
}

TEST_F(ServerTest, SlowHandlerDoesNotBlockTheSingleIoThread) {
  ServerOptions options;
  options.io_threads = 1;
  options.worker_threads = 2;
  std::promise<void> slow_entered;
  auto port = StartServer(
      [&](HttpRequest& request) {
        if (request.path == "/slow") {
          slow_entered.set_value();
          std::this_thread::sleep_for(800ms);
        }
        return Ok();
      },
      options);
  auto slow =
      std::async(std::launch::async, [&] { return Send("127.0.0.1", port, "GET", "/slow"); });
  slow_entered.get_future().wait();
  const auto started = std::chrono::steady_clock::now();
  auto fast = Send("127.0.0.1", port, "GET", "/fast");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(fast->status, 200);
  EXPECT_LT(elapsed, 500ms);
  auto slow_response = slow.get();
  ASSERT_TRUE(slow_response.has_value());
  EXPECT_EQ(slow_response->status, 200);
}

TEST_F(ServerTest, StopAnswersInFlightRequestThenRefusesConnections) {
  std::promise<void> entered;
  auto port = StartServer([&](HttpRequest&) {
    entered.set_value();
    std::this_thread::sleep_for(300ms);
    return Ok(R"({"slow":true})");
  });
  auto in_flight =
      std::async(std::launch::async, [&] { return Send("127.0.0.1", port, "GET", "/"); });
  entered.get_future().wait();
  server_->Stop();
  auto response = in_flight.get();
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"slow":true})");

  auto refused = Send("127.0.0.1", port, "GET", "/", {}, {}, 2s);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("refused"), std::string::npos) << refused.error().message;
  server_->Stop();  // idempotent
}

TEST_F(ServerTest, HandleTimeoutAnswers503AndStopStillFinishes) {
  ServerOptions options;
  options.handle_timeout = 200ms;
  auto port = StartServer(
      [](HttpRequest&) {
        std::this_thread::sleep_for(600ms);
        return Ok();
      },
      options);
  auto response = Send("127.0.0.1", port, "GET", "/", {}, {}, 3s);
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(nlohmann::json::parse(response->body)["error"]["key"], "server.timeout");
  const auto started = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST_F(ServerTest, StartFailsOnBusyPortBadHostAndBadThreadCounts) {
  auto port = StartServer([](HttpRequest&) { return Ok(); });
  ServerOptions same;
  same.port = port;
  Server second(same, [](HttpRequest&) { return Ok(); });
  auto busy = second.Start();
  ASSERT_FALSE(busy.has_value());
  EXPECT_EQ(busy.error().code, ErrorCode::kUnavailable);

  ServerOptions bad_host;
  bad_host.host = "not a host";
  bad_host.port = 0;
  EXPECT_FALSE(Server(bad_host, [](HttpRequest&) { return Ok(); }).Start().has_value());

  ServerOptions no_workers;
  no_workers.port = 0;
  no_workers.worker_threads = 0;
  EXPECT_FALSE(Server(no_workers, [](HttpRequest&) { return Ok(); }).Start().has_value());

  EXPECT_FALSE(server_->Start().has_value());  // at most once
}

TEST_F(ServerTest, WaitForSignalReturnsWhenStopIsCalled) {
  StartServer([](HttpRequest&) { return Ok(); });
  auto waiter = std::async(std::launch::async, [&] { server_->WaitForSignal(); });
  std::this_thread::sleep_for(100ms);
  server_->Stop();
  EXPECT_EQ(waiter.wait_for(5s), std::future_status::ready);
}

using testing::CapturedLog;

TEST_F(ServerTest, WritesMaskedJsonAccessLogLine) {
  CapturedLog log;
  access_log_ = true;
  auto port = StartServer([](HttpRequest&) { return Ok(); });
  auto response = Send("127.0.0.1", port, "GET", "/api/v1/persons/900101300034?iin=900101300034",
                       {{"X-Request-Id", "log-1"}});
  server_->Stop();
  ASSERT_TRUE(response.has_value());

  EXPECT_EQ(log.Text().find("900101300034"), std::string::npos) << log.Text();
  const auto lines = log.Lines();
  ASSERT_EQ(lines.size(), 1u) << log.Text();
  EXPECT_EQ(lines[0]["name"], "http_request");
  EXPECT_EQ(lines[0]["method"], "GET");
  EXPECT_EQ(lines[0]["path"], "/api/v1/persons/90********34");
  EXPECT_EQ(lines[0]["status"], 200);
  EXPECT_EQ(lines[0]["request_id"], "log-1");
  EXPECT_GE(lines[0]["duration_us"].get<std::int64_t>(), 0);
}

TEST_F(ServerTest, LogsHandlerExceptionWithRequestIdNotBody) {
  CapturedLog log;
  auto port = StartServer([](HttpRequest&) -> HttpResponse {
    throw std::runtime_error("bad \"value\" for 900101300034");
  });
  auto response = Send("127.0.0.1", port, "POST", "/x", {{"X-Request-Id", "exc-1"}},
                       R"({"password":"hunter2"})");
  server_->Stop();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(log.Text().find("hunter2"), std::string::npos);
  EXPECT_EQ(log.Text().find("900101300034"), std::string::npos);
  const auto lines = log.Lines();
  ASSERT_EQ(lines.size(), 1u) << log.Text();
  EXPECT_EQ(lines[0]["name"], "handler_exception");
  EXPECT_EQ(lines[0]["request_id"], "exc-1");
  EXPECT_EQ(lines[0]["error"], "bad \"value\" for 90********34");
}

TEST_F(ServerTest, HeadResponseCarriesNoBody) {
  auto port = StartServer([](HttpRequest&) { return Ok("0123456789"); });
  auto head = Send("127.0.0.1", port, "HEAD", "/", {{"Connection", "keep-alive"}});
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("content-length"), "0");
}

// A raw client socket: what a hostile or broken client sends, byte for byte.
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
    if (c.status == 405) EXPECT_NE(response->Header("allow").find("GET"), std::string::npos);
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

TEST_F(ServerTest, LoginFloodRunsOnItsOwnBoundedPoolAndOthersAreStillAnswered) {
  ServerOptions options;
  options.worker_threads = 2;
  options.login_threads = 1;
  options.login_queue = 4;
  std::atomic<int> logins_handled{0};
  auto port = StartServer(
      [&](HttpRequest& request) {
        if (request.path == "/api/v1/auth/login") {
          std::this_thread::sleep_for(300ms);  // a password hash, slowed down
          ++logins_handled;
        }
        return Ok();
      },
      options);
  constexpr int kFlood = 24;
  std::vector<std::future<Expected<testing::TestResponse>>> flood;
  for (int i = 0; i < kFlood; ++i) {
    flood.push_back(std::async(std::launch::async, [port] {
      return Send("127.0.0.1", port, "POST", "/api/v1/auth/login", {}, "{}", 30s);
    }));
  }
  std::this_thread::sleep_for(100ms);
  // While the flood waits, other requests go through the ordinary pool.
  int others_ok = 0;
  for (int i = 0; i < 5; ++i) {
    auto other = Send("127.0.0.1", port, "GET", "/api/v1/cases", {}, {}, 2s);
    if (other && other->status == 200) ++others_ok;
  }
  EXPECT_EQ(others_ok, 5);
  int ok = 0, busy = 0;
  for (auto& f : flood) {
    auto r = f.get();
    ASSERT_TRUE(r.has_value()) << r.error().message;  // every sign-in gets an answer
    if (r->status == 200) ++ok;
    if (r->status == 503) {
      ++busy;
      EXPECT_EQ(r->Header("retry-after"), "1");
      EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["key"], "server.busy");
    }
  }
  EXPECT_EQ(ok + busy, kFlood);
  EXPECT_GT(busy, 0);
  EXPECT_EQ(ok, logins_handled.load());
  EXPECT_LE(ok, kFlood - busy);
}

// A throwaway self-signed certificate made with the openssl tool.
struct TestCertificate {
  std::filesystem::path dir;
  std::filesystem::path cert;
  std::filesystem::path key;
  TestCertificate() {
    dir = std::filesystem::temp_directory_path() /
          ("jumys-tls-" + std::to_string(getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(dir);
    cert = dir / "cert.pem";
    key = dir / "key.pem";
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        "-subj /CN=localhost -keyout '" +
        key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl req failed");
  }
  ~TestCertificate() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

std::string SendOverTls(std::uint16_t port, const std::string& request) {
  asio::io_context io;
  asio::ssl::context context(asio::ssl::context::tls_client);
  context.set_verify_mode(asio::ssl::verify_none);
  asio::ssl::stream<asio::ip::tcp::socket> stream(io, context);
  stream.lowest_layer().connect({asio::ip::make_address("127.0.0.1"), port});
  stream.handshake(asio::ssl::stream_base::client);
  asio::write(stream, asio::buffer(request));
  std::string received;
  asio::error_code ec;
  char buffer[4096];
  while (!ec) {
    const auto n = stream.read_some(asio::buffer(buffer), ec);
    received.append(buffer, n);
  }
  return received;
}

TEST_F(ServerTest, ServesTlsWithHstsAndTellsTheHandler) {
  TestCertificate certificate;
  std::atomic<bool> seen_tls{false};
  ServerOptions options;
  options.tls_cert_file = certificate.cert.string();
  options.tls_key_file = certificate.key.string();
  auto port = StartServer(
      [&](HttpRequest& request) {
        seen_tls = request.tls;
        return Ok();
      },
      options);
  auto response = testing::ParseResponse(
      SendOverTls(port, "GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->Header("strict-transport-security"), "max-age=31536000");
  EXPECT_TRUE(seen_tls.load());

  // Broken framing over TLS is answered too.
  auto broken = testing::ParseResponse(SendOverTls(port, "get / HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->status, 405);

  // Plain HTTP to the TLS port gets no answer as HTTP (the handshake fails).
  auto plain = Send("127.0.0.1", port, "GET", "/", {}, {}, 2s);
  EXPECT_FALSE(plain.has_value() && plain->status == 200);
}

TEST_F(ServerTest, TlsNeedsBothFilesThatLoad) {
  ServerOptions only_cert;
  only_cert.port = 0;
  only_cert.tls_cert_file = "/nonexistent/cert.pem";
  auto missing = Server(only_cert, [](HttpRequest&) { return Ok(); }).Start();
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().key, "server.tls_files");

  ServerOptions unreadable = only_cert;
  unreadable.tls_key_file = "/nonexistent/key.pem";
  auto bad = Server(unreadable, [](HttpRequest&) { return Ok(); }).Start();
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().key, "server.tls_files");
}

TEST(ServerSignalDeathTest, SigtermStopsGracefullyAndExitsZero) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        ServerOptions options;
        options.port = 0;
        options.access_log = false;
        Server server(options, [](HttpRequest&) { return Ok(); });
        if (!server.Start()) std::_Exit(2);
        std::thread killer([] {
          std::this_thread::sleep_for(300ms);
          kill(getpid(), SIGTERM);
        });
        server.WaitForSignal();
        killer.join();
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace jumys::http
