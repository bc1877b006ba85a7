#include "http/query_params.h"

#include <charconv>

namespace jumys::http {

namespace {

bool ParsePositive(const std::string& text, std::int64_t& out) {
  if (text.empty() || text.size() > 18) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && out > 0;
}

}  // namespace

Expected<std::int64_t> PathId(const HttpRequest& request, const char* name) {
  auto it = request.path_params.find(name);
  std::int64_t id = 0;
  if (it == request.path_params.end() || !ParsePositive(it->second, id)) {
    return Error::NotFound("resource.not_found"_msg, "no such resource");
  }
  return id;
}

Expected<int> QueryLimit(const HttpRequest& request, int fallback, int max_limit) {
  auto text = request.Query("limit");
  if (!text) return fallback;
  std::int64_t n = 0;
  if (!ParsePositive(*text, n) || n > max_limit) {
    return FieldError(ErrorCode::kInvalidInput, "limit", "field.out_of_range"_msg,
                      "must be between {min} and {max}",
                      {{"min", "1"}, {"max", std::to_string(max_limit)}});
  }
  return static_cast<int>(n);
}

Expected<std::int64_t> QueryId(const HttpRequest& request, const char* name) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::int64_t{0};
  std::int64_t n = 0;
  if (!ParsePositive(*text, n)) {
    return FieldError(ErrorCode::kInvalidInput, name, "field.not_id"_msg,
                      "must be a positive whole number");
  }
  return n;
}

Expected<Date> QueryDate(const HttpRequest& request, const char* name) {
  auto text = request.Query(name);
  if (!text || text->empty()) {
    return FieldError(ErrorCode::kInvalidInput, name, "field.required"_msg, "is required");
  }
  auto date = ParseDate(*text);
  if (!date) return AtField(name, date.error());
  return *date;
}

}  // namespace jumys::http
