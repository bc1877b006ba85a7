#include "http/testing/test_client.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace jumys::http::testing {
namespace {

using Clock = std::chrono::steady_clock;

Error Unavailable(std::string message) {
  Error e = Error::Make(ErrorCode::kUnavailable, "test.unavailable"_msg, "");
  e.message = std::move(message);
  return e;
}

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

bool HasHeader(const TestHeaders& headers, const std::string& lower_name) {
  for (const auto& [name, value] : headers) {
    if (Lower(name) == lower_name) return true;
  }
  return false;
}

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

int RemainingMs(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

bool WaitFor(int fd, short events, Clock::time_point deadline) {
  pollfd pfd{fd, events, 0};
  for (;;) {
    const int rc = poll(&pfd, 1, RemainingMs(deadline));
    if (rc < 0 && errno == EINTR) continue;
    return rc > 0;
  }
}

Expected<int> Connect(const std::string& host, std::uint16_t port, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    return Unavailable(fmt::format("resolve {}: {}", host, gai_strerror(rc)));
  }
  std::string last_error = "no address";
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    const int fd =
        socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      if (WaitFor(fd, POLLOUT, deadline)) {
        int error = 0;
        socklen_t len = sizeof(error);
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len);
        errno = error;
        rc = error == 0 ? 0 : -1;
      } else {
        errno = ETIMEDOUT;
      }
    }
    if (rc == 0) {
      freeaddrinfo(found);
      return fd;
    }
    last_error = std::strerror(errno);
    close(fd);
  }
  freeaddrinfo(found);
  return Unavailable(fmt::format("connect {}:{}: {}", host, port, last_error));
}

// Decodes a chunked body; nullopt while it is incomplete or malformed.
std::optional<std::string> Dechunk(std::string_view data) {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t line_end = data.find("\r\n", pos);
    if (line_end == std::string_view::npos) return std::nullopt;
    std::size_t size = 0;
    try {
      size = std::stoul(std::string(data.substr(pos, line_end - pos)), nullptr, 16);
    } catch (const std::exception&) {
      return std::nullopt;
    }
    pos = line_end + 2;
    if (size == 0)
      return data.find("\r\n", pos) == std::string_view::npos
                 ? std::nullopt
                 : std::optional<std::string>(std::move(out));
    if (data.size() < pos + size + 2) return std::nullopt;
    out.append(data.substr(pos, size));
    pos += size + 2;
  }
}

struct Head {
  TestResponse response;
  std::size_t body_offset = 0;
};

std::optional<Head> ParseHead(const std::string& raw) {
  const std::size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return std::nullopt;
  Head head;
  head.body_offset = end + 4;
  std::size_t line_end = raw.find("\r\n");
  const std::string status_line = raw.substr(0, line_end);
  if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) return std::nullopt;
  head.response.status = std::atoi(status_line.c_str() + 9);
  std::size_t pos = line_end + 2;
  while (pos < end) {
    line_end = raw.find("\r\n", pos);
    const std::string line = raw.substr(pos, line_end - pos);
    pos = line_end + 2;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) return std::nullopt;
    std::string name = Lower(line.substr(0, colon));
    std::size_t value_start = line.find_first_not_of(" \t", colon + 1);
    std::string value = value_start == std::string::npos ? "" : line.substr(value_start);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    auto [it, inserted] = head.response.headers.emplace(std::move(name), value);
    if (!inserted) it->second += ", " + value;
  }
  return head;
}

// The full response if raw holds one (at_eof: the peer has closed, so the rest is the body).
std::optional<TestResponse> TryComplete(const std::string& raw, bool head_request, bool at_eof) {
  auto head = ParseHead(raw);
  if (!head) return std::nullopt;
  TestResponse& response = head->response;
  const std::string_view rest = std::string_view(raw).substr(head->body_offset);
  if (head_request || response.status == 204 || response.status == 304) return response;
  if (Lower(response.Header("transfer-encoding")).find("chunked") != std::string::npos) {
    auto body = Dechunk(rest);
    if (!body) return std::nullopt;
    response.body = std::move(*body);
    return response;
  }
  if (const std::string length = response.Header("content-length"); !length.empty()) {
    std::size_t expected = 0;
    try {
      expected = std::stoul(length);
    } catch (const std::exception&) {
      return std::nullopt;
    }
    if (rest.size() < expected) return std::nullopt;
    response.body = std::string(rest.substr(0, expected));
    return response;
  }
  if (!at_eof) return std::nullopt;
  response.body = std::string(rest);
  return response;
}

}  // namespace

Expected<TestResponse> ParseResponse(const std::string& raw) {
  if (auto response = TryComplete(raw, false, true)) return *response;
  return Error::Invalid("test.malformed_response"_msg, "incomplete or malformed HTTP response");
}

Expected<TestResponse> Send(const std::string& host, std::uint16_t port, const std::string& method,
                            const std::string& path, const TestHeaders& headers,
                            const std::string& body, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  auto fd = Connect(host, port, deadline);
  if (!fd) return fd.error();
  Socket socket(*fd);

  std::string request = fmt::format("{} {} HTTP/1.1\r\n", method, path);
  if (!HasHeader(headers, "host")) request += fmt::format("Host: {}:{}\r\n", host, port);
  if (!HasHeader(headers, "connection")) request += "Connection: close\r\n";
  const bool body_method = method == "POST" || method == "PUT" || method == "PATCH";
  if (!HasHeader(headers, "content-length") && !HasHeader(headers, "transfer-encoding") &&
      (!body.empty() || body_method)) {
    request += fmt::format("Content-Length: {}\r\n", body.size());
  }
  for (const auto& [name, value] : headers) request += fmt::format("{}: {}\r\n", name, value);
  request += "\r\n";
  request += body;

  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n =
        ::send(socket.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!WaitFor(socket.fd(), POLLOUT, deadline)) return Unavailable("send: timed out");
    } else {
      // The server may have answered and closed early (e.g. a rejected body): read it.
      break;
    }
  }

  const bool head_request = method == "HEAD";
  std::string raw;
  char buffer[16 * 1024];
  for (;;) {
    if (auto done = TryComplete(raw, head_request, false)) return *done;
    if (!WaitFor(socket.fd(), POLLIN, deadline)) return Unavailable("receive: timed out");
    const ssize_t n = recv(socket.fd(), buffer, sizeof(buffer), 0);
    if (n > 0) {
      raw.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      if (auto done = TryComplete(raw, head_request, true)) return *done;
      return Unavailable("connection closed before a complete response");
    } else if (errno != EAGAIN && errno != EINTR) {
      return Unavailable(fmt::format("receive: {}", std::strerror(errno)));
    }
  }
}

}  // namespace jumys::http::testing
