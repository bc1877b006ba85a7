// The only translation unit that sees RESTinio. I/O threads parse requests and hand them to
// a worker pool (an asio::io_context run by worker_threads threads); workers build the
// response and call done(), which RESTinio marshals back to the connection's strand.
#include "http/server.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <optional>
#include <random>
#include <restinio/asio_timer_manager.hpp>
#include <restinio/http_server.hpp>
#include <restinio/null_logger.hpp>
#include <restinio/settings.hpp>
#include <restinio/traits.hpp>
#include <thread>
#include <vector>

#include "http/access_log.h"
#include "http/log_masking.h"
#include "http/url_codec.h"

namespace jumys::http {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Header limits: beyond them RESTinio closes the connection without a response.
constexpr std::size_t kMaxUrlBytes = 16 * 1024;
constexpr std::size_t kMaxFieldNameBytes = 1024;
constexpr std::size_t kMaxFieldValueBytes = 16 * 1024;
constexpr std::size_t kMaxFieldCount = 100;
constexpr std::size_t kMaxRequestIdLength = 64;

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  // Request ids correlate logs; they are not secrets, so a per-thread PRNG is enough.
  thread_local std::mt19937_64 rng = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  return fmt::format("{:016x}{:016x}", rng(), rng());
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return status < 400 ? "OK" : "Error";
  }
}

bool EqualsLower(std::string_view name, std::string_view lower) {
  if (name.size() != lower.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Headers RESTinio writes itself, and values that would split the header block.
bool MayForwardHeader(const std::pair<std::string, std::string>& header) {
  if (EqualsLower(header.first, "content-length") || EqualsLower(header.first, "connection") ||
      EqualsLower(header.first, "transfer-encoding")) {
    return false;
  }
  const auto breaks = [](const std::string& s) { return s.find_first_of("\r\n") != s.npos; };
  return !header.first.empty() && !breaks(header.first) && !breaks(header.second);
}

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

struct Server::Impl {
  // Called by RESTinio on an I/O thread: only counts and hands over.
  struct Dispatcher {
    Impl* impl;
    restinio::request_handling_status_t operator()(restinio::request_handle_t request) const {
      impl->Dispatch(std::move(request));
      return restinio::request_accepted();
    }
  };
  using Traits =
      restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t, Dispatcher>;
  using HttpServer = restinio::http_server_t<Traits>;
  using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;

  Impl(ServerOptions opts, Handler h)
      : options(std::move(opts)),
        handler(std::move(h)),
        workers(std::max(1, options.worker_threads)),
        io(std::max(1, options.io_threads)) {}

  void Dispatch(restinio::request_handle_t request);
  void Process(restinio::request_handle_t& request, Clock::time_point started);
  void Respond(restinio::request_handle_t& request, HttpResponse response,
               const std::string& request_id, std::string_view log_path, Clock::time_point started);
  void FinishOne();
  Expected<std::uint16_t> Start();
  void Stop();
  void JoinAll();

  const ServerOptions options;
  const Handler handler;

  // Requests handed to RESTinio's handler whose response is not yet written (or failed).
  std::atomic<std::int64_t> in_flight{0};
  std::atomic<bool> stopping{false};
  std::mutex drain_mutex;
  std::condition_variable drained;

  asio::io_context workers;
  asio::io_context io;  // declared after in_flight: its pending write callbacks touch it
  std::unique_ptr<HttpServer> server;
  std::optional<WorkGuard> workers_guard;
  std::optional<WorkGuard> io_guard;
  std::vector<std::thread> worker_threads;
  std::vector<std::thread> io_threads;

  std::mutex lifecycle_mutex;  // serialises Start and Stop
  bool started = false;
  bool stopped = false;

  std::mutex signal_mutex;
  asio::io_context* signal_context = nullptr;  // WaitForSignal's loop, to wake it on Stop
  bool stop_requested = false;
};

void Server::Impl::Dispatch(restinio::request_handle_t request) {
  const auto started = Clock::now();
  in_flight.fetch_add(1);
  if (stopping.load()) {
    const auto& header = request->header();
    auto id = header.get_field_or("X-Request-Id", "");
    Respond(request,
            ErrorResponse(Error::Make(ErrorCode::kUnavailable, "server.stopping"_msg,
                                      "server is shutting down")),
            IsSaneRequestId(id) ? id : NewRequestId(), header.path(), started);
    return;
  }
  asio::post(workers, [this, request = std::move(request), started]() mutable {
    Process(request, started);
  });
}

void Server::Impl::Process(restinio::request_handle_t& request, Clock::time_point started) {
  const auto& header = request->header();
  HttpRequest req;
  req.method = header.method().c_str();
  header.for_each_field([&](const restinio::http_header_field_t& field) {
    auto [it, inserted] = req.headers.emplace(ToLower(field.name()), field.value());
    if (!inserted) {
      it->second += ", ";
      it->second += field.value();
    }
  });
  const auto client_id = req.headers.find("x-request-id");
  req.request_id = client_id != req.headers.end() && IsSaneRequestId(client_id->second)
                       ? client_id->second
                       : NewRequestId();

  auto path = PercentDecode(header.path(), false);
  auto query = ParseQuery(header.query());
  if (!path || !query) {
    Respond(request,
            ErrorResponse(Error::Invalid("request.bad_target"_msg, "malformed request target")),
            req.request_id, header.path(), started);
    return;
  }
  req.path = std::move(*path);
  if (request->body().size() > options.max_body_bytes) {
    Respond(request,
            ErrorResponse(Error::Make(
                ErrorCode::kPayloadTooLarge, "request.too_large"_msg,
                "{what} is too large (the limit is {limit} bytes)",
                {{"what", "request body"}, {"limit", std::to_string(options.max_body_bytes)}})),
            req.request_id, req.path, started);
    return;
  }
  req.query = std::move(*query);
  req.body = request->body();
  req.remote_address = request->remote_endpoint().address().to_string();

  HttpResponse response;
  try {
    response = handler(req);
  } catch (const std::exception& e) {
    spdlog::error(R"({{"name":"handler_exception","request_id":"{}","error":"{}"}})",
                  req.request_id, LogText(e.what()));
    response = ErrorResponse(Error::Internal(e.what()));
  } catch (...) {
    spdlog::error(R"({{"name":"handler_exception","request_id":"{}","error":"unknown"}})",
                  req.request_id);
    response = ErrorResponse(Error::Internal("non-standard exception"));
  }
  Respond(request, std::move(response), req.request_id, req.path, started);
}

void Server::Impl::Respond(restinio::request_handle_t& request, HttpResponse response,
                           const std::string& request_id, std::string_view log_path,
                           Clock::time_point started) {
  if (response.status < 200 || response.status > 599) {
    spdlog::error(R"({{"name":"bad_status","request_id":"{}","status":{}}})", request_id,
                  response.status);
    response = ErrorResponse(Error::Internal("handler returned an invalid status"));
  }
  const int status = response.status;
  try {
    auto builder = request->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(status)}, ReasonPhrase(status)});
    if (!response.content_type.empty())
      builder.append_header("Content-Type", response.content_type);
    builder.append_header("X-Request-Id", request_id);
    builder.append_header("X-Content-Type-Options", "nosniff");
    builder.append_header("Referrer-Policy", "no-referrer");
    bool has_cache_control = false;
    for (auto& header : response.headers) {
      if (!MayForwardHeader(header)) continue;
      has_cache_control = has_cache_control || EqualsLower(header.first, "cache-control");
      builder.append_header(std::move(header.first), std::move(header.second));
    }
    if (!has_cache_control) builder.append_header("Cache-Control", "no-store");
    if (stopping.load()) builder.connection_close();
    // A HEAD answer must not carry a body (the client would read it as the next response).
    if (request->header().method() != restinio::http_method_head()) {
      builder.set_body(std::move(response.body));
    }
    builder.done([this](const asio::error_code&) { FinishOne(); });
  } catch (const std::exception& e) {
    // The connection is gone or the response could not be built: nothing will be written.
    spdlog::warn(R"({{"name":"response_failed","request_id":"{}","error":"{}"}})", request_id,
                 LogText(e.what()));
    FinishOne();
  }
  if (options.access_log && spdlog::should_log(spdlog::level::info)) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
    spdlog::info(
        FormatAccessLog(request->header().method().c_str(), log_path, status, micros, request_id));
  }
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
  if (options.io_threads < 1 || options.worker_threads < 1) {
    return Error::Invalid("server.threads"_msg, "io_threads and worker_threads must be at least 1");
  }
  asio::error_code ec;
  const auto address =
      asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
  if (ec)
    return Error::Invalid("server.bad_host"_msg, "cannot listen on '{host}': not an IP address",
                          {{"host", options.host}});
  started = true;

  const std::size_t read_cap = options.max_body_read_bytes
                                   ? std::max(options.max_body_read_bytes, options.max_body_bytes)
                               : options.max_body_bytes > SIZE_MAX / 4 ? SIZE_MAX
                                                                       : options.max_body_bytes * 4;
  // RESTinio checks timeouts on a per-connection timer ticking at this period.
  const auto shortest =
      std::min({options.read_timeout, options.write_timeout, options.handle_timeout});
  const auto check_period = std::clamp<std::chrono::milliseconds>(shortest / 4, 10ms, 1000ms);
  std::uint16_t bound_port = 0;
  restinio::server_settings_t<Traits> settings;
  settings.port(options.port)
      .protocol(address.is_v6() ? asio::ip::tcp::v6() : asio::ip::tcp::v4())
      .address(address)
      .request_handler(Dispatcher{this})
      .read_next_http_message_timelimit(options.read_timeout)
      .write_http_response_timelimit(options.write_timeout)
      .handle_request_timeout(options.handle_timeout)
      .timer_manager(check_period)
      .concurrent_accepts_count(static_cast<std::size_t>(options.io_threads))
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                    .max_url_size(kMaxUrlBytes)
                                    .max_field_name_size(kMaxFieldNameBytes)
                                    .max_field_value_size(kMaxFieldValueBytes)
                                    .max_field_count(kMaxFieldCount)
                                    .max_body_size(read_cap))
      .acceptor_post_bind_hook([&bound_port](asio::ip::tcp::acceptor& acceptor) {
        bound_port = acceptor.local_endpoint().port();
      });
  server = std::make_unique<HttpServer>(restinio::external_io_context(io), std::move(settings));

  workers_guard.emplace(workers.get_executor());
  io_guard.emplace(io.get_executor());
  for (int i = 0; i < options.worker_threads; ++i) {
    worker_threads.emplace_back([this, i] {
      NameThisThread("http-worker", i);
      RunContext(workers, "worker");
    });
  }
  for (int i = 0; i < options.io_threads; ++i) {
    io_threads.emplace_back([this, i] {
      NameThisThread("http-io", i);
      RunContext(io, "io");
    });
  }

  std::promise<std::exception_ptr> opened;
  server->open_async([&opened] { opened.set_value(nullptr); },
                     [&opened](std::exception_ptr error) { opened.set_value(error); });
  if (auto error = opened.get_future().get()) {
    std::string reason = "unknown error";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      reason = e.what();
    } catch (...) {
    }
    JoinAll();
    stopped = true;
    return Error::Make(
        ErrorCode::kUnavailable, "server.cannot_listen"_msg,
        "cannot listen on {host}:{port}: {reason}",
        {{"host", options.host}, {"port", std::to_string(options.port)}, {"reason", reason}});
  }
  return bound_port;
}

void Server::Impl::JoinAll() {
  // Callers have drained (or given up on) in-flight requests; pending I/O is abandoned.
  io_guard.reset();
  io.stop();
  for (auto& thread : io_threads) thread.join();
  io_threads.clear();
  workers_guard.reset();
  workers.stop();
  for (auto& thread : worker_threads) thread.join();
  worker_threads.clear();
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
  server->close_async([&closed] { closed.set_value(); },
                      [&closed](std::exception_ptr) { closed.set_value(); });
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

void Server::WaitForSignal() {
  // asio installs a process-wide handler, so the signal is caught whichever thread the
  // kernel picks; the set stays alive through Stop() so a repeated signal is ignored.
  asio::io_context signal_context(1);
  asio::signal_set signals(signal_context, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&received](const asio::error_code& ec, int signal_number) {
    if (!ec) received = signal_number;
  });
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
