// The only translation unit that does network I/O: a small HTTP/1.1 server on standalone asio,
// plain or TLS. A connection reads one request at a time (pipelined requests wait in its
// buffer, so answers keep their order), hands it to a worker pool (or the sign-in pool) and
// writes the answer back on its strand. Anything that cannot be parsed gets a JSON error
// answer and a close, never a silent close: 400 malformed framing, 405 unknown method, 413
// body too large (decided from Content-Length before any "100 Continue"), 431 request line or
// header too large, 408 request not complete in time.
#include "http/server.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <asio.hpp>
#include <asio/ssl.hpp>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <type_traits>
#include <vector>

#include "http/access_log.h"
#include "http/log_masking.h"
#include "http/static_files.h"
#include "http/url_codec.h"

namespace jumys::http {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using Tcp = asio::ip::tcp;

// Request limits: beyond them the request is answered 431 (head) or 413 (body) and closed.
constexpr std::size_t kMaxUrlBytes = 16 * 1024;
constexpr std::size_t kMaxFieldNameBytes = 1024;
constexpr std::size_t kMaxFieldValueBytes = 16 * 1024;
constexpr std::size_t kMaxFieldCount = 100;
constexpr std::size_t kMaxHeadBytes = 64 * 1024;  // request line, header fields, trailers
constexpr std::size_t kMaxChunkLineBytes = 1024;
constexpr std::size_t kMaxRequestIdLength = 64;
constexpr std::size_t kReadBytes = 16 * 1024;
// After an answer that closes the connection, what the client still sends is read and dropped
// for a while, so the kernel does not reset the connection before the client reads the answer.
constexpr auto kDrainTime = 2s;
constexpr std::size_t kDrainBytes = 16 << 20;
constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "OPTIONS"};
constexpr const char* kAllowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
constexpr const char* kStrictTransportSecurity = "max-age=31536000";

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
    case 408:
      return "Request Timeout";
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
    case 431:
      return "Request Header Fields Too Large";
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

// RFC 9110 token characters (method and header field names).
bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (unsigned char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum &&
        std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Headers the server writes itself, and values that would split the header block.
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

HttpResponse Rejection(int status, const Error& error) {
  auto response = ErrorResponse(error);
  response.status = status;
  return response;
}

HttpResponse BadFraming(std::string_view what) {
  return Rejection(400, Error::Invalid("request.bad_framing"_msg, "malformed HTTP request: {what}",
                                       {{"what", std::string(what)}}));
}

HttpResponse TooLarge(int status, std::string_view what, std::size_t limit) {
  return Rejection(status,
                   Error::Make(ErrorCode::kPayloadTooLarge, "request.too_large"_msg,
                               "{what} is too large (the limit is {limit} bytes)",
                               {{"what", std::string(what)}, {"limit", std::to_string(limit)}}));
}

// The request line and header fields of one request, and how its body is framed.
struct Head {
  std::string method;
  std::string target;
  int minor_version = 1;
  std::vector<std::pair<std::string, std::string>> fields;  // names lower-cased
  std::size_t size = 0;  // bytes up to and including the empty line
  bool chunked = false;
  std::size_t content_length = 0;
  bool expect_continue = false;
  bool keep_alive = true;

  const std::string* Field(std::string_view name) const {
    for (const auto& [n, v] : fields)
      if (n == name) return &v;
    return nullptr;
  }
};

enum class Parse { kNeedMore, kDone, kFailed };

Parse ParseRequestLine(std::string_view line, Head& head, HttpResponse& failure) {
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == line.npos ? line.npos : line.find(' ', sp1 + 1);
  if (sp2 == line.npos || line.find(' ', sp2 + 1) != line.npos) {
    failure = BadFraming("the request line is not METHOD TARGET VERSION");
    return Parse::kFailed;
  }
  const auto method = line.substr(0, sp1);
  const auto target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const auto version = line.substr(sp2 + 1);
  if (!IsToken(method)) {
    failure = BadFraming("the method is not a token");
    return Parse::kFailed;
  }
  if (target.size() > kMaxUrlBytes) {
    failure = TooLarge(431, "request target", kMaxUrlBytes);
    return Parse::kFailed;
  }
  const bool bad_char = std::any_of(target.begin(), target.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7f;
  });
  if (target.empty() || bad_char || (target.front() != '/' && target != "*")) {
    failure = BadFraming("the request target is not a path");
    return Parse::kFailed;
  }
  if (version == "HTTP/1.1") {
    head.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    head.minor_version = 0;
  } else {
    failure = BadFraming("the version is not HTTP/1.1 or HTTP/1.0");
    return Parse::kFailed;
  }
  if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end()) {
    failure =
        Rejection(405, Error::Invalid("request.method_not_allowed"_msg, "method not allowed"));
    failure.headers.emplace_back("Allow", kAllowedMethods);
    return Parse::kFailed;
  }
  head.method = std::string(method);
  head.target = std::string(target);
  if (head.target == "*" && head.method != "OPTIONS") {
    failure = BadFraming("the request target is not a path");
    return Parse::kFailed;
  }
  return Parse::kDone;
}

Parse ParseField(std::string_view line, Head& head, HttpResponse& failure) {
  if (line.front() == ' ' || line.front() == '\t') {
    failure = BadFraming("a header line is folded");
    return Parse::kFailed;
  }
  const auto colon = line.find(':');
  const auto name = colon == line.npos ? line : line.substr(0, colon);
  if (colon == line.npos || !IsToken(name)) {
    failure = BadFraming("a header line is not NAME: VALUE");
    return Parse::kFailed;
  }
  if (name.size() > kMaxFieldNameBytes) {
    failure = TooLarge(431, "header name", kMaxFieldNameBytes);
    return Parse::kFailed;
  }
  const auto value = Trim(line.substr(colon + 1));
  if (value.size() > kMaxFieldValueBytes) {
    failure = TooLarge(431, "header value", kMaxFieldValueBytes);
    return Parse::kFailed;
  }
  const bool control = std::any_of(value.begin(), value.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t') || c == 0x7f;
  });
  if (control) {
    failure = BadFraming("a header value holds a control character");
    return Parse::kFailed;
  }
  if (head.fields.size() >= kMaxFieldCount) {
    failure = TooLarge(431, "request header (at most 100 fields)", kMaxHeadBytes);
    return Parse::kFailed;
  }
  head.fields.emplace_back(ToLower(name), std::string(value));
  return Parse::kDone;
}

// Comma-separated list items, trimmed and lower-cased, over every field of that name.
std::vector<std::string> ListItems(const Head& head, std::string_view name) {
  std::vector<std::string> items;
  for (const auto& [n, v] : head.fields) {
    if (n != name) continue;
    std::string_view rest = v;
    while (true) {
      const auto comma = rest.find(',');
      items.push_back(ToLower(Trim(rest.substr(0, comma))));
      if (comma == rest.npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return items;
}

// How the body is framed (RFC 9112 section 6): exactly one way, or the request is refused.
Parse ParseFraming(Head& head, std::size_t max_body, HttpResponse& failure) {
  std::size_t hosts = 0;
  for (const auto& field : head.fields) hosts += field.first == "host";
  if (hosts > 1 || (hosts == 0 && head.minor_version == 1)) {
    failure = BadFraming("an HTTP/1.1 request needs exactly one Host header");
    return Parse::kFailed;
  }
  const bool has_te = head.Field("transfer-encoding") != nullptr;
  const bool has_cl = head.Field("content-length") != nullptr;
  if (has_te) {
    const auto codings = ListItems(head, "transfer-encoding");
    if (has_cl) {
      failure = BadFraming("both Content-Length and Transfer-Encoding are given");
      return Parse::kFailed;
    }
    if (head.minor_version == 0 || codings != std::vector<std::string>{"chunked"}) {
      failure = BadFraming("the only transfer coding accepted is chunked");
      return Parse::kFailed;
    }
    head.chunked = true;
  } else if (has_cl) {
    std::optional<std::size_t> length;
    for (const auto& item : ListItems(head, "content-length")) {
      const bool digits = !item.empty() && item.size() <= 18 &&
                          item.find_first_not_of("0123456789") == std::string::npos;
      if (!digits) {
        failure = BadFraming("Content-Length is not a number");
        return Parse::kFailed;
      }
      const auto value = static_cast<std::size_t>(std::stoull(item));
      if (length && *length != value) {
        failure = BadFraming("Content-Length values differ");
        return Parse::kFailed;
      }
      length = value;
    }
    head.content_length = length.value_or(0);
    if (head.content_length > max_body) {
      failure = TooLarge(413, "request body", max_body);
      return Parse::kFailed;
    }
  }
  const auto expect = ListItems(head, "expect");
  head.expect_continue = head.minor_version == 1 &&
                         std::find(expect.begin(), expect.end(), "100-continue") != expect.end();
  const auto connection = ListItems(head, "connection");
  const auto has = [&](std::string_view token) {
    return std::find(connection.begin(), connection.end(), token) != connection.end();
  };
  head.keep_alive = has("close") ? false : head.minor_version == 1 || has("keep-alive");
  return Parse::kDone;
}

// Parses the head at the start of `buffer` (re-run from the start as more bytes arrive).
Parse ParseHead(std::string_view buffer, std::size_t max_body, Head& head, HttpResponse& failure) {
  head = Head{};
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const auto newline = buffer.find('\n', start);
    if (newline == buffer.npos) {
      if (first && buffer.size() - start > kMaxUrlBytes + 64) {
        failure = TooLarge(431, "request target", kMaxUrlBytes);
        return Parse::kFailed;
      }
      if (buffer.size() > kMaxHeadBytes) {
        failure = TooLarge(431, "request header", kMaxHeadBytes);
        return Parse::kFailed;
      }
      return Parse::kNeedMore;
    }
    if (newline + 1 > kMaxHeadBytes) {
      failure = TooLarge(431, "request header", kMaxHeadBytes);
      return Parse::kFailed;
    }
    if (newline == start || buffer[newline - 1] != '\r') {
      failure = BadFraming("a line does not end with CRLF");
      return Parse::kFailed;
    }
    const auto line = buffer.substr(start, newline - 1 - start);
    start = newline + 1;
    if (first) {
      if (ParseRequestLine(line, head, failure) == Parse::kFailed) return Parse::kFailed;
      first = false;
    } else if (line.empty()) {
      head.size = start;
      return ParseFraming(head, max_body, failure);
    } else if (ParseField(line, head, failure) == Parse::kFailed) {
      return Parse::kFailed;
    }
  }
}

// A chunked body decoded as it arrives; `position` is always at a chunk boundary.
struct ChunkedBody {
  std::size_t position = 0;  // into the bytes after the head
  std::string data;
  bool in_trailers = false;

  Parse Feed(std::string_view bytes, std::size_t max_body, HttpResponse& failure) {
    while (true) {
      const auto end = bytes.find("\r\n", position);
      if (end == bytes.npos) {
        const std::size_t cap = in_trailers ? kMaxHeadBytes : kMaxChunkLineBytes;
        if (bytes.size() - position > cap) {
          failure = BadFraming("a chunk line is too long");
          return Parse::kFailed;
        }
        return Parse::kNeedMore;
      }
      const auto line = bytes.substr(position, end - position);
      if (in_trailers) {
        position = end + 2;
        if (line.empty()) return Parse::kDone;
        Head ignored;
        if (ParseField(line, ignored, failure) == Parse::kFailed) return Parse::kFailed;
        continue;
      }
      if (line.size() > kMaxChunkLineBytes) {
        failure = BadFraming("a chunk line is too long");
        return Parse::kFailed;
      }
      const auto size_text = Trim(line.substr(0, line.find(';')));
      if (size_text.empty() || size_text.size() > 15 ||
          size_text.find_first_not_of("0123456789abcdefABCDEF") != size_text.npos) {
        failure = BadFraming("a chunk size is not a hexadecimal number");
        return Parse::kFailed;
      }
      const auto size = static_cast<std::size_t>(std::stoull(std::string(size_text), nullptr, 16));
      if (size == 0) {
        in_trailers = true;
        position = end + 2;
        continue;
      }
      if (size > max_body || data.size() + size > max_body) {
        failure = TooLarge(413, "request body", max_body);
        return Parse::kFailed;
      }
      const auto data_start = end + 2;
      if (bytes.size() < data_start + size + 2) return Parse::kNeedMore;
      if (bytes.compare(data_start + size, 2, "\r\n") != 0) {
        failure = BadFraming("a chunk is longer than its size");
        return Parse::kFailed;
      }
      data.append(bytes.substr(data_start, size));
      position = data_start + size + 2;
    }
  }
};

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

namespace {

// The bytes of one answer. The security headers go on every answer unless the handler chose
// its own; HEAD answers carry no body.
std::string Serialize(HttpResponse& response, const std::string& request_id, bool close, bool head,
                      bool tls) {
  const int status = response.status;
  const bool bodiless = status == 204 || status == 304;
  std::string out = fmt::format("HTTP/1.1 {} {}\r\n", status, ReasonPhrase(status));
  const auto add = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
  };
  if (!response.content_type.empty() && !bodiless) add("Content-Type", response.content_type);
  bool cache_control = false, csp = false, frame = false, referrer = false;
  for (const auto& header : response.headers) {
    if (!MayForwardHeader(header) || EqualsLower(header.first, "x-content-type-options") ||
        EqualsLower(header.first, "strict-transport-security") ||
        EqualsLower(header.first, "x-request-id")) {
      continue;
    }
    cache_control = cache_control || EqualsLower(header.first, "cache-control");
    csp = csp || EqualsLower(header.first, "content-security-policy");
    frame = frame || EqualsLower(header.first, "x-frame-options");
    referrer = referrer || EqualsLower(header.first, "referrer-policy");
    add(header.first, header.second);
  }
  add("X-Request-Id", request_id);
  add("X-Content-Type-Options", "nosniff");
  if (!cache_control) add("Cache-Control", "no-store");
  if (!csp) add("Content-Security-Policy", kContentSecurityPolicy);
  if (!frame) add("X-Frame-Options", "DENY");
  if (!referrer) add("Referrer-Policy", "no-referrer");
  if (tls) add("Strict-Transport-Security", kStrictTransportSecurity);
  add("Connection", close ? "close" : "keep-alive");
  if (!bodiless) add("Content-Length", std::to_string(head ? 0 : response.body.size()));
  out.append("\r\n");
  if (!head && !bodiless) out.append(response.body);
  return out;
}

}  // namespace

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
      if (parsed == Parse::kNeedMore) {
        Read();
        return;
      }
      const auto* id = head_.Field("x-request-id");
      request_id_ = id && IsSaneRequestId(*id) ? *id : NewRequestId();
      if (parsed == Parse::kFailed) {
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
      if (parsed == Parse::kFailed) {
        Reject(std::move(failure));
        return;
      }
      if (parsed == Parse::kNeedMore) {
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
    out_ = Serialize(response, request_id_, close, method == "HEAD", kTls);
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
  Head head_;
  ChunkedBody chunked_;
  std::string request_id_;
  Clock::time_point started_ = Clock::now();
  std::size_t drained_ = 0;
};

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
