#include "core/error.h"

#include <algorithm>

namespace jumys {

std::string FormatMessage(std::string_view text, const MessageParams& params) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
    if (close != std::string_view::npos) {
      const std::string_view name = text.substr(i + 1, close - i - 1);
      const auto it = std::find_if(params.begin(), params.end(),
                                   [&](const auto& p) { return p.first == name; });
      if (it != params.end()) {
        out += it->second;
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

Error FieldError(ErrorCode code, std::string field, MessageKey key, std::string_view english,
                 MessageParams params) {
  ErrorDetail detail(std::move(field), key, english, std::move(params));
  Error e = Error::Make(code, key, "", detail.params);
  e.message = detail.field.empty() ? detail.message : detail.field + ": " + detail.message;
  e.params.emplace_back("field", detail.field);
  e.details.push_back(std::move(detail));
  return e;
}

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
    case ErrorCode::kUnprocessable:
    case ErrorCode::kPayloadTooLarge:
      return "invalid_input";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kInternal:
    case ErrorCode::kUnavailable:
      return "internal";
  }
  return "internal";
}

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kUnprocessable:
      return 422;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

}  // namespace jumys
