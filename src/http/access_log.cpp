#include "http/access_log.h"

#include <fmt/format.h>

#include "http/log_masking.h"

namespace jumys::http {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is not valid.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

}  // namespace

void AppendJsonEscaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
}

std::string FormatAccessLog(std::string_view method, std::string_view path, int status,
                            std::int64_t duration_us, std::string_view request_id) {
  std::string out;
  out.reserve(128 + path.size());
  out += R"({"name":"http_request","method":")";
  AppendJsonEscaped(out, method);
  out += R"(","path":")";
  AppendJsonEscaped(out, MaskDigitRuns(path));
  fmt::format_to(std::back_inserter(out), R"(","status":{},"duration_us":{},"request_id":")",
                 status, duration_us);
  AppendJsonEscaped(out, request_id);
  out += "\"}";
  return out;
}

std::string FormatInternalErrorLog(std::string_view method, std::string_view path, int status,
                                   std::string_view request_id, std::string_view error) {
  std::string out;
  out += R"({"name":"internal_error","method":")";
  AppendJsonEscaped(out, method);
  out += R"(","path":")";
  AppendJsonEscaped(out, MaskDigitRuns(path));
  fmt::format_to(std::back_inserter(out), R"(","status":{},"request_id":")", status);
  AppendJsonEscaped(out, request_id);
  out += R"(","error":")";
  AppendJsonEscaped(out, MaskDigitRuns(error));
  out += "\"}";
  return out;
}

}  // namespace jumys::http
