#pragma once
// A minimal keep-alive HTTP/1.1 client for the benchmarks: one blocking connection per thread,
// Content-Length bodies only (what the server sends). Not for production use.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace jumys::bench {

class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect failed");
    }
  }
  ~HttpConnection() { ::close(fd_); }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Sends one request and reads its response; returns the status, the body in `body`.
  int Call(const std::string& method, const std::string& path, const std::string& token,
           const std::string& request_body, std::string& body) {
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
    if (!request_body.empty() || method == "POST") {
      req += "Content-Type: application/json\r\nContent-Length: " +
             std::to_string(request_body.size()) + "\r\n";
    }
    req += "\r\n" + request_body;
    for (std::size_t sent = 0; sent < req.size();) {
      const ssize_t n = ::send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      sent += static_cast<std::size_t>(n);
    }
    std::size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) Fill();
    const std::string head = buffer_.substr(0, header_end);
    const int status = std::stoi(head.substr(9, 3));
    std::string lower = head;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto cl = lower.find("content-length:");
    if (cl == std::string::npos) throw std::runtime_error("response without Content-Length");
    const std::size_t length = std::stoul(lower.substr(cl + 15));
    while (buffer_.size() < header_end + 4 + length) Fill();
    body = buffer_.substr(header_end + 4, length);
    buffer_.erase(0, header_end + 4 + length);
    return status;
  }

 private:
  void Fill() {
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) throw std::runtime_error("connection closed");
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace jumys::bench
