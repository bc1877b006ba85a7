#pragma once
// Expected outcomes travel as Expected<T>; exceptions are for broken infrastructure only.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace jumys {

enum class ErrorCode {
  kInvalidInput,     // 400 malformed request
  kUnprocessable,    // 422 well-formed but rejected (invalid IIN, unknown outcome)
  kUnauthenticated,  // 401
  kForbidden,        // 403
  kNotFound,         // 404
  kConflict,         // 409
  kPayloadTooLarge,  // 413
  kRateLimited,      // 429
  kInternal,         // 500
  kUnavailable,      // 503
};

// A stable name for a message, so a client can show it in kk/ru/en (docs/STYLE.md
// "Errors"). Made only by the `_msg` literal: every key the server can return is written
// `"some.key"_msg` somewhere in src/, which is how the catalogue test collects them.
class MessageKey {
 public:
  constexpr std::string_view view() const { return key_; }
  std::string str() const { return std::string(key_); }
  bool operator==(const MessageKey&) const = default;

 private:
  constexpr explicit MessageKey(std::string_view key) : key_(key) {}
  friend consteval MessageKey operator""_msg(const char* text, std::size_t size);
  std::string_view key_;
};

// Lower-case words joined by dots ("iin.checksum"); anything else does not compile.
consteval MessageKey operator""_msg(const char* text, std::size_t size) {
  bool word_start = true;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = text[i];
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (c == '.' ? word_start : !word) throw "a message key is lower-case words joined by dots";
    word_start = c == '.';
  }
  if (size == 0 || word_start) throw "a message key is lower-case words joined by dots";
  return MessageKey(std::string_view(text, size));
}

// Named values a message's text refers to as {name}, in the order written.
using MessageParams = std::vector<std::pair<std::string, std::string>>;

// `text` with each {name} replaced by its parameter; unknown names stay as written.
std::string FormatMessage(std::string_view text, const MessageParams& params);

// One problem with one part of a request: the field (a path such as "data.workers" or
// "documents[2].valid_until"; empty for the request as a whole), the message and its English
// text.
struct ErrorDetail {
  std::string field;
  std::string key;
  MessageParams params;
  std::string message;

  ErrorDetail() = default;
  ErrorDetail(std::string field_path, MessageKey message_key, std::string_view english,
              MessageParams values = {})
      : field(std::move(field_path)),
        key(message_key.str()),
        params(std::move(values)),
        message(FormatMessage(english, params)) {}
  bool operator==(const ErrorDetail&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string key;                   // the message key; see MessageKey
  MessageParams params;              // the values `message` was made with
  std::string message;               // English, safe to show to the client
  std::vector<ErrorDetail> details;  // safe to show to the client
  std::string internal;              // log only: never reaches a client

  // Not an aggregate: every error is made by a factory, so no brace list can put a message
  // where the key goes (or internal text where the message goes).
  Error() = default;
  bool operator==(const Error&) const = default;

  // `english` may name params as {name}; the message is the text with them filled in.
  static Error Make(ErrorCode code, MessageKey key, std::string_view english,
                    MessageParams params = {}, std::vector<ErrorDetail> details = {}) {
    Error e;
    e.code = code;
    e.key = key.str();
    e.message = FormatMessage(english, params);
    e.params = std::move(params);
    e.details = std::move(details);
    return e;
  }
  static Error Invalid(MessageKey key, std::string_view english, MessageParams params = {},
                       std::vector<ErrorDetail> details = {}) {
    return Make(ErrorCode::kInvalidInput, key, english, std::move(params), std::move(details));
  }
  static Error Unprocessable(MessageKey key, std::string_view english, MessageParams params = {},
                             std::vector<ErrorDetail> details = {}) {
    return Make(ErrorCode::kUnprocessable, key, english, std::move(params), std::move(details));
  }
  static Error Unauthenticated(MessageKey key = "auth.required"_msg,
                               std::string_view english = "authentication required") {
    return Make(ErrorCode::kUnauthenticated, key, english);
  }
  static Error Forbidden(MessageKey key = "access.forbidden"_msg,
                         std::string_view english = "not allowed", MessageParams params = {}) {
    return Make(ErrorCode::kForbidden, key, english, std::move(params));
  }
  static Error NotFound(MessageKey key = "record.not_found"_msg,
                        std::string_view english = "not found", MessageParams params = {}) {
    return Make(ErrorCode::kNotFound, key, english, std::move(params));
  }
  static Error Conflict(MessageKey key, std::string_view english, MessageParams params = {}) {
    return Make(ErrorCode::kConflict, key, english, std::move(params));
  }
  static Error Internal(std::string internal_detail) {
    Error e = Make(ErrorCode::kInternal, "internal.error"_msg, "internal error");
    e.internal = std::move(internal_detail);
    return e;
  }
};

// An error about one field: its detail names the field, and the message reads
// "<field>: <text>" for clients that show only the message.
Error FieldError(ErrorCode code, std::string field, MessageKey key, std::string_view english,
                 MessageParams params = {});

// `error` (from a parser that does not know where its input came from) about the part of a
// request or file named `field` ("iin", "documents[1]", "holidays.yaml:4"): as FieldError when
// it has no details, else each detail's field is put under `field`.
Error AtField(std::string field, Error error);

// Wire name of the code and its HTTP status: the one mapping (docs/STYLE.md "Errors").
const char* ErrorCodeName(ErrorCode code);
int HttpStatus(ErrorCode code);

struct Unexpected {
  Error error;
};
inline Unexpected Fail(Error e) { return Unexpected{std::move(e)}; }

template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}         // NOLINT
  Expected(Unexpected u) : v_(std::in_place_index<1>, std::move(u.error)) {}  // NOLINT
  Expected(Error e) : v_(std::in_place_index<1>, std::move(e)) {}             // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }
  Error& error() { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Expected<void> {
 public:
  Expected() = default;
  Expected(Unexpected u) : error_(std::move(u.error)), ok_(false) {}  // NOLINT
  Expected(Error e) : error_(std::move(e)), ok_(false) {}             // NOLINT
  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Expected<void>;

// Propagate an error from an Expected/Status expression.
#define JUMYS_TRY(expr)                                       \
  do {                                                        \
    auto jumys_try_result_ = (expr);                          \
    if (!jumys_try_result_) return jumys_try_result_.error(); \
  } while (false)

#define JUMYS_CONCAT_INNER(a, b) a##b
#define JUMYS_CONCAT(a, b) JUMYS_CONCAT_INNER(a, b)
// auto var = value of expr, or return its error.
#define JUMYS_ASSIGN_OR_RETURN(var, expr) \
  JUMYS_ASSIGN_OR_RETURN_IMPL(JUMYS_CONCAT(jumys_tmp_, __LINE__), var, expr)
#define JUMYS_ASSIGN_OR_RETURN_IMPL(tmp, var, expr) \
  auto tmp = (expr);                                \
  if (!tmp) return std::move(tmp.error());          \
  var = std::move(*tmp)

}  // namespace jumys
