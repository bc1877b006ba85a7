// HTTPS: answers over TLS carry HSTS and the handler is told; the certificate and key are
// checked at start.
#include <gtest/gtest.h>
#include <unistd.h>

#include <asio.hpp>
#include <asio/ssl.hpp>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

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

}  // namespace
}  // namespace jumys::http
