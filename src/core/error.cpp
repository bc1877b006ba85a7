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
  return AtField(std::move(field), Error::Make(code, key, english, std::move(params)));
}

namespace {

std::string JoinPath(const std::string& outer, const std::string& inner) {
  if (inner.empty()) return outer;
  return outer + (inner.front() == '[' ? "" : ".") + inner;
}

}  // namespace

Error AtField(std::string field, Error error) {
  if (field.empty()) return error;
  const auto field_param = std::find_if(error.params.begin(), error.params.end(),
                                        [](const auto& p) { return p.first == "field"; });
  if (field_param != error.params.end() && error.details.size() == 1 &&
      error.details[0].field == field_param->second) {
    // Already about one field (FieldError): that field is inside `field`.
    ErrorDetail& detail = error.details[0];
    detail.field = JoinPath(field, detail.field);
    field_param->second = detail.field;
    error.message = detail.field + ": " + detail.message;
    return error;
  }
  if (error.details.empty()) {
    ErrorDetail detail;
    detail.field = field;
    detail.key = error.key;
    detail.params = error.params;
    detail.message = error.message;
    error.details.push_back(std::move(detail));
  } else {
    for (ErrorDetail& d : error.details) d.field = JoinPath(field, d.field);
  }
  error.message = field + ": " + error.message;
  error.params.emplace_back("field", std::move(field));
  return error;
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
