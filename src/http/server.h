#pragma once
// Our own small HTTP/1.1 server on asio (plain TCP or TLS). I/O threads only parse and write;
// every handler call runs on a worker pool, so no SQL ever runs on an I/O thread. Every
// request that reaches the server gets an answer: malformed framing 400, unknown methods 405,
// oversized bodies 413 (also instead of "100 Continue"), oversized request lines or headers
// 431, each with the JSON error body and then a close.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/http_types.h"

namespace jumys::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 1;
  int worker_threads = 4;
  std::size_t max_body_bytes = 1 << 20;  // larger bodies get 413 and never reach the handler
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds handle_timeout{30'000};
  // One JSON line per request at info level (method, masked path, status, duration, id).
  bool access_log = true;
  // Sign-in requests (POST to these paths) run on their own small pool, so a flood of them
  // (each one a deliberately slow password hash) cannot starve other requests. Beyond
  // login_queue waiting or running sign-ins the server answers 503 at once.
  std::vector<std::string> login_paths = {"/api/v1/auth/login", "/api/v1/auth/eds-login"};
  int login_threads = 2;
  std::size_t login_queue = 64;
  // Both set: serve HTTPS only (PEM certificate chain and private key). Responses then carry
  // Strict-Transport-Security and requests arrive with HttpRequest::tls set.
  std::string tls_cert_file;
  std::string tls_key_file;
};

// Runs on a worker thread. request.request_id is already set.
using Handler = std::function<HttpResponse(HttpRequest& request)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving; returns the bound port. A server starts at most once.
  Expected<std::uint16_t> Start();
  // Stops accepting, lets in-flight requests finish (bounded by handle + write timeouts),
  // then stops the I/O and worker threads. Requests arriving meanwhile on open keep-alive
  // connections get 503 with "Connection: close". Idempotent; safe from any thread but a
  // worker (a handler must not stop its own server).
  void Stop();
  // Blocks until SIGTERM or SIGINT arrives (or Stop() is called), then stops gracefully.
  // Each SIGHUP meanwhile runs `on_hangup` (re-reading files such as the CRLs) and goes on.
  void WaitForSignal(const std::function<void()>& on_hangup = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The JSON error body {"error":{"code","key","params","message","details"}} with the mapped status
// (docs/STYLE.md "Errors").
HttpResponse ErrorResponse(const Error& error);

}  // namespace jumys::http
