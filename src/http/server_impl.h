#pragma once
// The server's shared state: options, handler, the I/O, worker and sign-in pools, and the
// counters that shutdown waits on. Included only by server.cpp and connection.h.
#include <asio.hpp>
#include <asio/ssl.hpp>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http/server.h"

namespace jumys::http {

using Clock = std::chrono::steady_clock;
using Tcp = asio::ip::tcp;

struct Server::Impl {
  template <class Stream>
  class Connection;

  Impl(ServerOptions opts, Handler h)
      : options(std::move(opts)),
        handler(std::move(h)),
        io(std::max(1, options.io_threads)),
        workers(std::max(1, options.worker_threads)),
        logins(std::max(1, options.login_threads)) {}

  HttpResponse Call(HttpRequest& request);
  bool IsLogin(const HttpRequest& request) const;
  void Accept();
  void FinishOne();
  Expected<std::uint16_t> Start();
  void Stop();
  void JoinAll();

  using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;

  const ServerOptions options;
  const Handler handler;

  // Requests being answered: counted when a request is complete (or refused), uncounted when
  // its answer is written or cannot be.
  std::atomic<std::int64_t> in_flight{0};
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> logins_waiting{0};  // queued or running on the sign-in pool
  std::mutex drain_mutex;
  std::condition_variable drained;

  std::optional<asio::ssl::context> tls;  // before io: connections hold TLS state from it
  asio::io_context io;
  std::optional<Tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_retry;
  // After io: queued handler calls hold connections, which must go before io does.
  asio::io_context workers;
  asio::io_context logins;
  std::optional<WorkGuard> io_guard;
  std::optional<WorkGuard> workers_guard;
  std::optional<WorkGuard> logins_guard;
  std::vector<std::thread> io_threads;
  std::vector<std::thread> worker_threads;
  std::vector<std::thread> login_threads;

  std::mutex lifecycle_mutex;  // serialises Start and Stop
  bool started = false;
  bool stopped = false;

  std::mutex signal_mutex;
  asio::io_context* signal_context = nullptr;  // WaitForSignal's loop, to wake it on Stop
  bool stop_requested = false;
};

}  // namespace jumys::http
