#pragma once
// The HTTP/1.1 request framing rules (RFC 9112), kept apart from the sockets so they can be
// tested byte by byte. Every refusal comes back as the JSON error answer to send before the
// close: 400 malformed framing, 405 unknown method, 413 body over the limit (decided from
// Content-Length alone, before any "100 Continue"), 431 request line or header too large.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "http/http_types.h"

namespace jumys::http {

// Request limits: beyond them the request is answered 431 (head) or 413 (body) and closed.
inline constexpr std::size_t kMaxUrlBytes = 16 * 1024;
inline constexpr std::size_t kMaxFieldNameBytes = 1024;
inline constexpr std::size_t kMaxFieldValueBytes = 16 * 1024;
inline constexpr std::size_t kMaxFieldCount = 100;
inline constexpr std::size_t kMaxHeadBytes = 64 * 1024;  // request line, header fields, trailers
inline constexpr std::size_t kMaxChunkLineBytes = 1024;

// The JSON error answer for `error`, with `status` instead of the mapped one.
HttpResponse Rejection(int status, const Error& error);

// The request line and header fields of one request, and how its body is framed.
struct RequestHead {
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

enum class ParseStatus { kNeedMore, kDone, kFailed };

// Parses the head at the start of `buffer` (re-run from the start as more bytes arrive).
// A request line and header fields that pass are checked for exactly one body framing.
ParseStatus ParseHead(std::string_view buffer, std::size_t max_body, RequestHead& head,
                      HttpResponse& failure);

// A chunked body decoded as it arrives; `position` is always at a chunk boundary.
struct ChunkedBody {
  std::size_t position = 0;  // into the bytes after the head
  std::string data;
  bool in_trailers = false;

  // `bytes` is everything after the head received so far (it only ever grows).
  ParseStatus Feed(std::string_view bytes, std::size_t max_body, HttpResponse& failure);
};

}  // namespace jumys::http
