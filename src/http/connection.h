#pragma once
// One client connection's state machine: read and frame one request at a time (pipelined
// requests wait in the buffer, so answers keep their order), hand it to a pool, write the
// answer back, then keep the connection alive, or half-close and drain it. A template over the
// stream so plain TCP and TLS share it. Included only by server.cpp.
#include <spdlog/spdlog.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "http/access_log.h"
#include "http/request_id.h"
#include "http/request_parser.h"
#include "http/response_serializer.h"
#include "http/server_impl.h"
#include "http/url_codec.h"

namespace jumys::http {

using namespace std::chrono_literals;

inline constexpr std::size_t kReadBytes = 16 * 1024;
// After an answer that closes the connection, what the client still sends is read and dropped
// for a while, so the kernel does not reset the connection before the client reads the answer.
inline constexpr auto kDrainTime = 2s;
inline constexpr std::size_t kDrainBytes = 16 << 20;

// One client connection. Every member is touched only on the connection's strand (the
// executor of its socket); workers post their answers back to it.
template <class Stream>
class Server::Impl::Connection : public std::enable_shared_from_this<Connection<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, Tcp::socket>;

  Connection(Impl& impl, Stream stream)
      : impl_(impl), stream_(std::move(stream)), timer_(stream_.get_executor()) {}

  void Start() {
    if constexpr (kTls) {
      ArmTimer(impl_.options.read_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](const asio::error_code& ec) {
                                if (ec) {
                                  self->Close();
                                  return;
                                }
                                self->BeginRequest();
                              });
    } else {
      BeginRequest();
    }
  }

 private:
  enum class State { kReading, kHandling, kWriting, kDraining, kClosed };

  void BeginRequest() {
    state_ = State::kReading;
    head_parsed_ = false;
    continue_sent_ = false;
    chunked_ = ChunkedBody{};
    request_id_.clear();
    started_ = Clock::now();
    ArmTimer(impl_.options.read_timeout);
    TryParse();
  }

  void TryParse() {
    const std::size_t max_body = impl_.options.max_body_bytes;
    if (!head_parsed_) {
      std::size_t blank = 0;  // empty lines before a request are ignored (RFC 9112 2.2)
      while (in_.size() >= blank + 2 && in_.compare(blank, 2, "\r\n") == 0) blank += 2;
      in_.erase(0, blank);
      if (in_.empty()) {
        Read();
        return;
      }
      HttpResponse failure;
      const auto parsed = ParseHead(in_, max_body, head_, failure);
      if (parsed == ParseStatus::kNeedMore) {
        Read();
        return;
      }
      const auto* id = head_.Field("x-request-id");
      request_id_ = id && IsSaneRequestId(*id) ? *id : NewRequestId();
      if (parsed == ParseStatus::kFailed) {
        Reject(std::move(failure));
        return;
      }
      head_parsed_ = true;
    }
    const std::string_view rest = std::string_view(in_).substr(head_.size);
    std::string body;
    std::size_t consumed = head_.size;
    if (head_.chunked) {
      HttpResponse failure;
      const auto parsed = chunked_.Feed(rest, max_body, failure);
      if (parsed == ParseStatus::kFailed) {
        Reject(std::move(failure));
        return;
      }
      if (parsed == ParseStatus::kNeedMore) {
        ReadBody();
        return;
      }
      body = std::move(chunked_.data);
      consumed += chunked_.position;
    } else {
      if (rest.size() < head_.content_length) {
        ReadBody();
        return;
      }
      body = std::string(rest.substr(0, head_.content_length));
      consumed += head_.content_length;
    }
    in_.erase(0, consumed);
    Dispatch(std::move(body));
  }

  // More body is needed: a client that asked first is told to go on.
  void ReadBody() {
    if (!head_.expect_continue || continue_sent_) {
      Read();
      return;
    }
    continue_sent_ = true;
    out_ = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(stream_, asio::buffer(out_),
                      [self = this->shared_from_this()](const asio::error_code& ec, std::size_t) {
                        if (self->state_ != State::kReading) return;
                        if (ec) {
                          self->Close();
                          return;
                        }
                        self->Read();
                      });
  }

  void Read() {
    if (state_ == State::kClosed || read_pending_) return;
    read_pending_ = true;
    stream_.async_read_some(
        asio::buffer(read_buffer_),
        [self = this->shared_from_this()](const asio::error_code& ec, std::size_t n) {
          self->OnRead(ec, n);
        });
  }

  void OnRead(const asio::error_code& ec, std::size_t n) {
    read_pending_ = false;
    if (state_ == State::kDraining) {
      drained_ += n;
      if (ec || drained_ > kDrainBytes)
        Close();
      else
        Read();
      return;
    }
    if (state_ != State::kReading) return;  // closed, or a timeout answer is being written
    if (ec) {
      Close();  // the client went away: there is no one to answer
      return;
    }
    in_.append(read_buffer_.data(), n);
    TryParse();
  }

  void ArmTimer(std::chrono::milliseconds after) {
    const auto generation = ++timer_generation_;
    timer_.expires_after(after);
    timer_.async_wait([self = this->shared_from_this(), generation](const asio::error_code& ec) {
      if (ec || generation != self->timer_generation_) return;
      self->OnTimeout();
    });
  }

  void OnTimeout() {
    switch (state_) {
      case State::kReading:
        // An idle keep-alive connection just closes; a request begun and not finished is told.
        if (head_parsed_ || !in_.empty()) {
          if (request_id_.empty()) request_id_ = NewRequestId();
          Reject(Rejection(
              408, Error::Invalid("request.timeout"_msg, "the request did not arrive in time")));
        } else {
          Close();
        }
        return;
      case State::kHandling:
        ++request_generation_;  // the handler's late answer is dropped
        Write(ErrorResponse(Error::Make(ErrorCode::kUnavailable, "server.timeout"_msg,
                                        "the server took too long to answer")),
              true, head_.method, head_.target);
        return;
      case State::kWriting:
      case State::kDraining:
        Close();
        return;
      case State::kClosed:
        return;
    }
  }

  // An answer for a request that never reaches the handler; the connection then closes.
  void Reject(HttpResponse response) {
    impl_.in_flight.fetch_add(1);
    const bool head_known = !head_.method.empty();
    Write(std::move(response), true, head_known ? head_.method : "-",
          head_known ? std::string_view(head_.target).substr(0, 256) : "-");
  }

  void Dispatch(std::string body) {
    state_ = State::kHandling;
    impl_.in_flight.fetch_add(1);
    HttpRequest request;
    request.method = head_.method;
    for (auto& [name, value] : head_.fields) {
      auto [it, inserted] = request.headers.emplace(name, value);
      if (!inserted) it->second.append(", ").append(value);
    }
    request.request_id = request_id_;
    const auto question = head_.target.find('?');
    const std::string_view raw_path = std::string_view(head_.target).substr(0, question);
    const std::string_view raw_query = question == std::string::npos
                                           ? std::string_view()
                                           : std::string_view(head_.target).substr(question + 1);
    auto path = PercentDecode(raw_path, false);
    auto query = ParseQuery(raw_query);
    if (!path || !query) {
      Write(ErrorResponse(Error::Invalid("request.bad_target"_msg, "malformed request target")),
            !head_.keep_alive, head_.method, raw_path);
      return;
    }
    request.path = std::move(*path);
    request.query = std::move(*query);
    request.body = std::move(body);
    asio::error_code ec;
    const auto remote = stream_.lowest_layer().remote_endpoint(ec);
    if (!ec) request.remote_address = remote.address().to_string();
    request.tls = kTls;
    if (impl_.stopping.load()) {
      Write(ErrorResponse(Error::Make(ErrorCode::kUnavailable, "server.stopping"_msg,
                                      "server is shutting down")),
            true, head_.method, request.path);
      return;
    }
    const bool login = impl_.IsLogin(request);
    if (login && impl_.logins_waiting.fetch_add(1) >= impl_.options.login_queue) {
      impl_.logins_waiting.fetch_sub(1);
      auto busy = ErrorResponse(Error::Make(ErrorCode::kUnavailable, "server.busy"_msg,
                                            "too many sign-ins at once; try again shortly"));
      busy.headers.emplace_back("Retry-After", "1");
      Write(std::move(busy), !head_.keep_alive, head_.method, request.path);
      return;
    }
    ArmTimer(impl_.options.handle_timeout);
    auto run = [self = this->shared_from_this(), generation = ++request_generation_,
                request = std::move(request), login]() mutable {
      auto response = self->impl_.Call(request);
      if (login) self->impl_.logins_waiting.fetch_sub(1);
      asio::post(self->stream_.get_executor(), [self, generation, response = std::move(response),
                                                path = std::move(request.path)]() mutable {
        if (generation != self->request_generation_ || self->state_ != State::kHandling) {
          return;  // timed out and already answered
        }
        self->Write(std::move(response), !self->head_.keep_alive, self->head_.method, path);
      });
    };
    asio::post(login ? impl_.logins : impl_.workers, std::move(run));
  }

  void Write(HttpResponse response, bool close, std::string_view method,
             std::string_view log_path) {
    if (response.status < 200 || response.status > 599) {
      spdlog::error(R"({{"name":"bad_status","request_id":"{}","status":{}}})", request_id_,
                    response.status);
      response = ErrorResponse(Error::Internal("handler returned an invalid status"));
    }
    close = close || impl_.stopping.load();
    close_after_ = close;
    const int status = response.status;
    out_ = SerializeResponse(response, request_id_, close, method == "HEAD", kTls);
    if (impl_.options.access_log && spdlog::should_log(spdlog::level::info)) {
      const auto micros =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_).count();
      spdlog::info(FormatAccessLog(method, log_path, status, micros, request_id_));
    }
    state_ = State::kWriting;
    ArmTimer(impl_.options.write_timeout);
    asio::async_write(stream_, asio::buffer(out_),
                      [self = this->shared_from_this()](const asio::error_code& ec, std::size_t) {
                        self->impl_.FinishOne();
                        self->OnWritten(ec);
                      });
  }

  void OnWritten(const asio::error_code& ec) {
    if (state_ != State::kWriting) return;
    if (ec) {
      Close();
      return;
    }
    if (!close_after_) {
      BeginRequest();
      return;
    }
    if (read_pending_) {
      Close();
      return;
    }
    // Half-close, then read and drop what the client still sends for a while, so the
    // answer is not lost to a reset.
    state_ = State::kDraining;
    asio::error_code ignored;
    stream_.lowest_layer().shutdown(Tcp::socket::shutdown_send, ignored);
    ArmTimer(std::chrono::duration_cast<std::chrono::milliseconds>(kDrainTime));
    Read();
  }

  void Close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    ++timer_generation_;
    timer_.cancel();
    asio::error_code ignored;
    stream_.lowest_layer().shutdown(Tcp::socket::shutdown_both, ignored);
    stream_.lowest_layer().close(ignored);
  }

  Impl& impl_;
  Stream stream_;
  asio::steady_timer timer_;
  std::uint64_t timer_generation_ = 0;
  std::uint64_t request_generation_ = 0;
  State state_ = State::kReading;
  std::string in_;
  std::array<char, kReadBytes> read_buffer_{};
  std::string out_;
  bool read_pending_ = false;
  bool head_parsed_ = false;
  bool continue_sent_ = false;
  bool close_after_ = false;
  RequestHead head_;
  ChunkedBody chunked_;
  std::string request_id_;
  Clock::time_point started_ = Clock::now();
  std::size_t drained_ = 0;
};

}  // namespace jumys::http
