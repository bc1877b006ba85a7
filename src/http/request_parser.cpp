#include "http/request_parser.h"

#include <algorithm>
#include <array>
#include <optional>

#include "http/server.h"

namespace jumys::http {
namespace {

constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "OPTIONS"};
constexpr const char* kAllowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

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

ParseStatus ParseRequestLine(std::string_view line, RequestHead& head, HttpResponse& failure) {
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == line.npos ? line.npos : line.find(' ', sp1 + 1);
  if (sp2 == line.npos || line.find(' ', sp2 + 1) != line.npos) {
    failure = BadFraming("the request line is not METHOD TARGET VERSION");
    return ParseStatus::kFailed;
  }
  const auto method = line.substr(0, sp1);
  const auto target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const auto version = line.substr(sp2 + 1);
  if (!IsToken(method)) {
    failure = BadFraming("the method is not a token");
    return ParseStatus::kFailed;
  }
  if (target.size() > kMaxUrlBytes) {
    failure = TooLarge(431, "request target", kMaxUrlBytes);
    return ParseStatus::kFailed;
  }
  const bool bad_char = std::any_of(target.begin(), target.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7f;
  });
  if (target.empty() || bad_char || (target.front() != '/' && target != "*")) {
    failure = BadFraming("the request target is not a path");
    return ParseStatus::kFailed;
  }
  if (version == "HTTP/1.1") {
    head.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    head.minor_version = 0;
  } else {
    failure = BadFraming("the version is not HTTP/1.1 or HTTP/1.0");
    return ParseStatus::kFailed;
  }
  if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end()) {
    failure =
        Rejection(405, Error::Invalid("request.method_not_allowed"_msg, "method not allowed"));
    failure.headers.emplace_back("Allow", kAllowedMethods);
    return ParseStatus::kFailed;
  }
  head.method = std::string(method);
  head.target = std::string(target);
  if (head.target == "*" && head.method != "OPTIONS") {
    failure = BadFraming("the request target is not a path");
    return ParseStatus::kFailed;
  }
  return ParseStatus::kDone;
}

ParseStatus ParseField(std::string_view line, RequestHead& head, HttpResponse& failure) {
  if (line.front() == ' ' || line.front() == '\t') {
    failure = BadFraming("a header line is folded");
    return ParseStatus::kFailed;
  }
  const auto colon = line.find(':');
  const auto name = colon == line.npos ? line : line.substr(0, colon);
  if (colon == line.npos || !IsToken(name)) {
    failure = BadFraming("a header line is not NAME: VALUE");
    return ParseStatus::kFailed;
  }
  if (name.size() > kMaxFieldNameBytes) {
    failure = TooLarge(431, "header name", kMaxFieldNameBytes);
    return ParseStatus::kFailed;
  }
  const auto value = Trim(line.substr(colon + 1));
  if (value.size() > kMaxFieldValueBytes) {
    failure = TooLarge(431, "header value", kMaxFieldValueBytes);
    return ParseStatus::kFailed;
  }
  const bool control = std::any_of(value.begin(), value.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t') || c == 0x7f;
  });
  if (control) {
    failure = BadFraming("a header value holds a control character");
    return ParseStatus::kFailed;
  }
  if (head.fields.size() >= kMaxFieldCount) {
    failure = TooLarge(431, "request header (at most 100 fields)", kMaxHeadBytes);
    return ParseStatus::kFailed;
  }
  head.fields.emplace_back(ToLower(name), std::string(value));
  return ParseStatus::kDone;
}

// Comma-separated list items, trimmed and lower-cased, over every field of that name.
std::vector<std::string> ListItems(const RequestHead& head, std::string_view name) {
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
ParseStatus ParseFraming(RequestHead& head, std::size_t max_body, HttpResponse& failure) {
  std::size_t hosts = 0;
  for (const auto& field : head.fields) hosts += field.first == "host";
  if (hosts > 1 || (hosts == 0 && head.minor_version == 1)) {
    failure = BadFraming("an HTTP/1.1 request needs exactly one Host header");
    return ParseStatus::kFailed;
  }
  const bool has_te = head.Field("transfer-encoding") != nullptr;
  const bool has_cl = head.Field("content-length") != nullptr;
  if (has_te) {
    const auto codings = ListItems(head, "transfer-encoding");
    if (has_cl) {
      failure = BadFraming("both Content-Length and Transfer-Encoding are given");
      return ParseStatus::kFailed;
    }
    if (head.minor_version == 0 || codings != std::vector<std::string>{"chunked"}) {
      failure = BadFraming("the only transfer coding accepted is chunked");
      return ParseStatus::kFailed;
    }
    head.chunked = true;
  } else if (has_cl) {
    std::optional<std::size_t> length;
    for (const auto& item : ListItems(head, "content-length")) {
      const bool digits = !item.empty() && item.size() <= 18 &&
                          item.find_first_not_of("0123456789") == std::string::npos;
      if (!digits) {
        failure = BadFraming("Content-Length is not a number");
        return ParseStatus::kFailed;
      }
      const auto value = static_cast<std::size_t>(std::stoull(item));
      if (length && *length != value) {
        failure = BadFraming("Content-Length values differ");
        return ParseStatus::kFailed;
      }
      length = value;
    }
    head.content_length = length.value_or(0);
    if (head.content_length > max_body) {
      failure = TooLarge(413, "request body", max_body);
      return ParseStatus::kFailed;
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
  return ParseStatus::kDone;
}

}  // namespace

HttpResponse Rejection(int status, const Error& error) {
  auto response = ErrorResponse(error);
  response.status = status;
  return response;
}

ParseStatus ParseHead(std::string_view buffer, std::size_t max_body, RequestHead& head,
                      HttpResponse& failure) {
  head = RequestHead{};
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const auto newline = buffer.find('\n', start);
    if (newline == buffer.npos) {
      if (first && buffer.size() - start > kMaxUrlBytes + 64) {
        failure = TooLarge(431, "request target", kMaxUrlBytes);
        return ParseStatus::kFailed;
      }
      if (buffer.size() > kMaxHeadBytes) {
        failure = TooLarge(431, "request header", kMaxHeadBytes);
        return ParseStatus::kFailed;
      }
      return ParseStatus::kNeedMore;
    }
    if (newline + 1 > kMaxHeadBytes) {
      failure = TooLarge(431, "request header", kMaxHeadBytes);
      return ParseStatus::kFailed;
    }
    if (newline == start || buffer[newline - 1] != '\r') {
      failure = BadFraming("a line does not end with CRLF");
      return ParseStatus::kFailed;
    }
    const auto line = buffer.substr(start, newline - 1 - start);
    start = newline + 1;
    if (first) {
      if (ParseRequestLine(line, head, failure) == ParseStatus::kFailed)
        return ParseStatus::kFailed;
      first = false;
    } else if (line.empty()) {
      head.size = start;
      return ParseFraming(head, max_body, failure);
    } else if (ParseField(line, head, failure) == ParseStatus::kFailed) {
      return ParseStatus::kFailed;
    }
  }
}

ParseStatus ChunkedBody::Feed(std::string_view bytes, std::size_t max_body, HttpResponse& failure) {
  while (true) {
    const auto end = bytes.find("\r\n", position);
    if (end == bytes.npos) {
      const std::size_t cap = in_trailers ? kMaxHeadBytes : kMaxChunkLineBytes;
      if (bytes.size() - position > cap) {
        failure = BadFraming("a chunk line is too long");
        return ParseStatus::kFailed;
      }
      return ParseStatus::kNeedMore;
    }
    const auto line = bytes.substr(position, end - position);
    if (in_trailers) {
      position = end + 2;
      if (line.empty()) return ParseStatus::kDone;
      RequestHead ignored;
      if (ParseField(line, ignored, failure) == ParseStatus::kFailed) return ParseStatus::kFailed;
      continue;
    }
    if (line.size() > kMaxChunkLineBytes) {
      failure = BadFraming("a chunk line is too long");
      return ParseStatus::kFailed;
    }
    const auto size_text = Trim(line.substr(0, line.find(';')));
    if (size_text.empty() || size_text.size() > 15 ||
        size_text.find_first_not_of("0123456789abcdefABCDEF") != size_text.npos) {
      failure = BadFraming("a chunk size is not a hexadecimal number");
      return ParseStatus::kFailed;
    }
    const auto size = static_cast<std::size_t>(std::stoull(std::string(size_text), nullptr, 16));
    if (size == 0) {
      in_trailers = true;
      position = end + 2;
      continue;
    }
    if (size > max_body || data.size() + size > max_body) {
      failure = TooLarge(413, "request body", max_body);
      return ParseStatus::kFailed;
    }
    const auto data_start = end + 2;
    if (bytes.size() < data_start + size + 2) return ParseStatus::kNeedMore;
    if (bytes.compare(data_start + size, 2, "\r\n") != 0) {
      failure = BadFraming("a chunk is longer than its size");
      return ParseStatus::kFailed;
    }
    data.append(bytes.substr(data_start, size));
    position = data_start + size + 2;
  }
}

}  // namespace jumys::http
