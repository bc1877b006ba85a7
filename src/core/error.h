#pragma once
// Expected outcomes travel as Expected<T>; exceptions are for broken infrastructure only.
#include <string>
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

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;               // safe to show to the client
  std::vector<std::string> details;  // safe to show to the client
  std::string internal;              // log only: never reaches a client

  static Error Invalid(std::string msg, std::vector<std::string> details = {}) {
    return {ErrorCode::kInvalidInput, std::move(msg), std::move(details), {}};
  }
  static Error Unprocessable(std::string msg, std::vector<std::string> details = {}) {
    return {ErrorCode::kUnprocessable, std::move(msg), std::move(details), {}};
  }
  static Error Unauthenticated(std::string msg = "authentication required") {
    return {ErrorCode::kUnauthenticated, std::move(msg), {}, {}};
  }
  static Error Forbidden(std::string msg = "not allowed") {
    return {ErrorCode::kForbidden, std::move(msg), {}, {}};
  }
  static Error NotFound(std::string msg = "not found") {
    return {ErrorCode::kNotFound, std::move(msg), {}, {}};
  }
  static Error Conflict(std::string msg) { return {ErrorCode::kConflict, std::move(msg), {}, {}}; }
  static Error Internal(std::string internal_detail) {
    return {ErrorCode::kInternal, "internal error", {}, std::move(internal_detail)};
  }
};

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
