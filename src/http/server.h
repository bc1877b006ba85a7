#pragma once
// HTTP server on RESTinio. I/O threads only parse and write; every handler call runs on a
// worker pool, so no SQL ever runs on an I/O thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "http/http_types.h"

namespace jumys::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 1;
  int worker_threads = 4;
  std::size_t max_body_bytes = 1 << 20;  // larger bodies get 413 and never reach the handler
  // RESTinio 0.6 can only answer once a body is read, so bodies up to this cap are read and
  // answered 413; beyond it the connection is closed unanswered. 0 means 4 * max_body_bytes.
  std::size_t max_body_read_bytes = 0;
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds handle_timeout{30'000};
  // One JSON line per request at info level (method, masked path, status, duration, id).
  bool access_log = true;
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
  void WaitForSignal();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The JSON error body {"error":{"code","key","params","message","details"}} with the mapped status
// (docs/STYLE.md "Errors").
HttpResponse ErrorResponse(const Error& error);

}  // namespace jumys::http
