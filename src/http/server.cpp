// The listener and the pools: accepts plain or TLS connections (each one's state machine is in
// connection.h), runs handler calls on a worker pool, or the small sign-in pool for slow
// password checks, and stops gracefully: no new connections, in-flight answers finish, then
// the threads end. Together with connection.h the only translation unit that does network I/O.
#include "http/server.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <future>

#include "http/access_log.h"
#include "http/connection.h"
#include "http/log_masking.h"

namespace jumys::http {
namespace {

// Free text for a JSON log field: identifiers masked, quotes and controls escaped.
std::string LogText(std::string_view text) {
  std::string out;
  AppendJsonEscaped(out, MaskDigitRuns(text));
  return out;
}

void NameThisThread(const char* prefix, int index) {
  const std::string name = fmt::format("{}-{}", prefix, index);
  pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
}

void RunContext(asio::io_context& context, const char* role) {
  for (;;) {
    try {
      context.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error(R"({{"name":"http_thread_error","role":"{}","error":"{}"}})", role,
                    LogText(e.what()));
    }
  }
}

}  // namespace

HttpResponse Server::Impl::Call(HttpRequest& request) {
  try {
    return handler(request);
  } catch (const std::exception& e) {
    spdlog::error(R"({{"name":"handler_exception","request_id":"{}","error":"{}"}})",
                  request.request_id, LogText(e.what()));
    return ErrorResponse(Error::Internal(e.what()));
  } catch (...) {
    spdlog::error(R"({{"name":"handler_exception","request_id":"{}","error":"unknown"}})",
                  request.request_id);
    return ErrorResponse(Error::Internal("non-standard exception"));
  }
}

bool Server::Impl::IsLogin(const HttpRequest& request) const {
  return request.method == "POST" &&
         std::find(options.login_paths.begin(), options.login_paths.end(), request.path) !=
             options.login_paths.end();
}

void Server::Impl::Accept() {
  acceptor->async_accept(
      asio::make_strand(io), [this](const asio::error_code& ec, Tcp::socket socket) {
        if (!acceptor->is_open() || ec == asio::error::operation_aborted) return;
        if (ec) {
          // Out of descriptors, say: try again shortly rather than spin.
          spdlog::warn(R"({{"name":"http_accept_failed","error":"{}"}})", LogText(ec.message()));
          accept_retry->expires_after(100ms);
          accept_retry->async_wait([this](const asio::error_code& wait_ec) {
            if (!wait_ec) Accept();
          });
          return;
        }
        asio::error_code ignored;
        socket.set_option(Tcp::no_delay(true), ignored);
        if (tls) {
          std::make_shared<Connection<asio::ssl::stream<Tcp::socket>>>(
              *this, asio::ssl::stream<Tcp::socket>(std::move(socket), *tls))
              ->Start();
        } else {
          std::make_shared<Connection<Tcp::socket>>(*this, std::move(socket))->Start();
        }
        Accept();
      });
}

void Server::Impl::FinishOne() {
  if (in_flight.fetch_sub(1) == 1 && stopping.load()) {
    std::lock_guard lock(drain_mutex);
    drained.notify_all();
  }
}

Expected<std::uint16_t> Server::Impl::Start() {
  std::lock_guard lifecycle(lifecycle_mutex);
  if (started) return Error::Internal("Server::Start called twice");
  if (options.io_threads < 1 || options.worker_threads < 1 || options.login_threads < 1) {
    return Error::Invalid("server.threads"_msg, "io_threads and worker_threads must be at least 1");
  }
  asio::error_code ec;
  const auto address =
      asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
  if (ec)
    return Error::Invalid("server.bad_host"_msg, "cannot listen on '{host}': not an IP address",
                          {{"host", options.host}});
  started = true;
  stopped = true;  // until the listener is up there is nothing to stop

  if (!options.tls_cert_file.empty() || !options.tls_key_file.empty()) {
    const auto tls_error = [](std::string reason) {
      return Error::Invalid("server.tls_files"_msg,
                            "cannot use the TLS certificate and key: {reason}",
                            {{"reason", std::move(reason)}});
    };
    if (options.tls_cert_file.empty() || options.tls_key_file.empty()) {
      return tls_error("give both --tls-cert and --tls-key");
    }
    try {
      tls.emplace(asio::ssl::context::tls_server);
      tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
      tls->use_certificate_chain_file(options.tls_cert_file);
      tls->use_private_key_file(options.tls_key_file, asio::ssl::context::pem);
    } catch (const std::system_error& e) {
      tls.reset();
      return tls_error(e.what());
    }
  }

  acceptor.emplace(asio::make_strand(io));
  accept_retry.emplace(acceptor->get_executor());
  const Tcp::endpoint endpoint(address, options.port);
  const auto listen_error = [&](const asio::error_code& error) -> Error {
    acceptor.reset();
    return Error::Make(ErrorCode::kUnavailable, "server.cannot_listen"_msg,
                       "cannot listen on {host}:{port}: {reason}",
                       {{"host", options.host},
                        {"port", std::to_string(options.port)},
                        {"reason", error.message()}});
  };
  if (acceptor->open(endpoint.protocol(), ec)) return listen_error(ec);
  if (acceptor->set_option(Tcp::acceptor::reuse_address(true), ec)) return listen_error(ec);
  if (acceptor->bind(endpoint, ec)) return listen_error(ec);
  if (acceptor->listen(asio::socket_base::max_listen_connections, ec)) return listen_error(ec);
  const auto bound_port = acceptor->local_endpoint(ec).port();
  stopped = false;

  io_guard.emplace(io.get_executor());
  workers_guard.emplace(workers.get_executor());
  logins_guard.emplace(logins.get_executor());
  for (int i = 0; i < options.worker_threads; ++i) {
    worker_threads.emplace_back([this, i] {
      NameThisThread("http-worker", i);
      RunContext(workers, "worker");
    });
  }
  for (int i = 0; i < options.login_threads; ++i) {
    login_threads.emplace_back([this, i] {
      NameThisThread("http-login", i);
      RunContext(logins, "login");
    });
  }
  for (int i = 0; i < options.io_threads; ++i) {
    io_threads.emplace_back([this, i] {
      NameThisThread("http-io", i);
      RunContext(io, "io");
    });
  }
  asio::post(acceptor->get_executor(), [this] { Accept(); });
  return bound_port;
}

void Server::Impl::JoinAll() {
  // Callers have drained (or given up on) in-flight requests; pending I/O is abandoned.
  io_guard.reset();
  io.stop();
  for (auto& thread : io_threads) thread.join();
  io_threads.clear();
  for (auto* pool : {&workers, &logins}) pool->stop();
  workers_guard.reset();
  logins_guard.reset();
  for (auto& thread : worker_threads) thread.join();
  worker_threads.clear();
  for (auto& thread : login_threads) thread.join();
  login_threads.clear();
}

void Server::Impl::Stop() {
  {
    std::lock_guard lock(signal_mutex);
    stop_requested = true;
    if (signal_context) signal_context->stop();
  }
  std::lock_guard lifecycle(lifecycle_mutex);
  if (!started || stopped) return;
  stopped = true;
  stopping.store(true);

  std::promise<void> closed;
  asio::post(acceptor->get_executor(), [this, &closed] {
    asio::error_code ignored;
    acceptor->close(ignored);
    accept_retry->cancel();
    closed.set_value();
  });
  closed.get_future().wait();

  const auto deadline = Clock::now() + options.handle_timeout + options.write_timeout;
  {
    std::unique_lock lock(drain_mutex);
    if (!drained.wait_until(lock, deadline, [this] { return in_flight.load() == 0; })) {
      spdlog::warn(R"({{"name":"http_stop_timeout","in_flight":{}}})", in_flight.load());
    }
  }
  JoinAll();
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() { impl_->Stop(); }

Expected<std::uint16_t> Server::Start() { return impl_->Start(); }

void Server::Stop() { impl_->Stop(); }

void Server::WaitForSignal(const std::function<void()>& on_hangup) {
  // asio installs a process-wide handler, so the signal is caught whichever thread the
  // kernel picks; the set stays alive through Stop() so a repeated signal is ignored.
  asio::io_context signal_context(1);
  asio::signal_set signals(signal_context, SIGINT, SIGTERM, SIGHUP);
  int received = 0;
  std::function<void(const asio::error_code&, int)> on_signal = [&](const asio::error_code& ec,
                                                                    int signal_number) {
    if (ec) return;
    if (signal_number != SIGHUP) {
      received = signal_number;
      return;
    }
    if (on_hangup) on_hangup();
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);
  bool run = true;
  {
    std::lock_guard lock(impl_->signal_mutex);
    if (impl_->stop_requested)
      run = false;
    else
      impl_->signal_context = &signal_context;
  }
  if (run) signal_context.run();
  {
    std::lock_guard lock(impl_->signal_mutex);
    impl_->signal_context = nullptr;
  }
  if (received != 0) {
    spdlog::info(R"({{"name":"http_stopping","signal":{}}})", received);
  }
  Stop();
}

}  // namespace jumys::http
