// The server end to end over real sockets: what a handler sees and answers, request ids,
// worker and sign-in pools, timeouts, start and stop, and the logs.
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
