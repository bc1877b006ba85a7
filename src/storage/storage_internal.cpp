#include "storage/storage_internal.h"

#include <charconv>
#include <cmath>

namespace jumys::storage::internal {
namespace {

thread_local const WriteScope* current_write_scope = nullptr;

}  // namespace

Error Unavailable(std::string internal) {
  Error e = Error::Make(ErrorCode::kUnavailable, "store.unavailable"_msg,
                        "database unavailable, try again later");
  e.internal = std::move(internal);
  return e;
}

Error Conflict(MessageKey key, std::string_view message, std::string internal) {
  Error e = Error::Conflict(key, message);
  e.internal = std::move(internal);
  return e;
}

Error AbortedBy(const Error& first) {
  Error e = first;
  e.internal = "transaction aborted by an earlier error: " + first.internal;
  return e;
}

std::string Abbreviate(std::string_view sql) {
  constexpr std::size_t kMax = 300;
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "...";
}

std::string FormatDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, end);
}

std::optional<Error> CheckStorable(const std::string* text, const double* real) {
  if (text != nullptr && text->find('\0') != std::string::npos) {
    return Error::Invalid("input.nul_character"_msg, "text must not contain NUL characters");
  }
  if (real != nullptr && std::isnan(*real)) {
    return Error::Invalid("input.not_a_number"_msg, "NaN is not a storable number");
  }
  return std::nullopt;
}

WriteScope::WriteScope(const void* db) : db_(db), outer_(current_write_scope) {
  for (const WriteScope* s = outer_; s != nullptr; s = s->outer_) {
    if (s->db_ == db_) nested_ = true;
  }
  current_write_scope = this;
}

WriteScope::~WriteScope() { current_write_scope = outer_; }

Error NestedWriteError() {
  return Error::Internal(
      "Database::Write called inside a Write on the same database and thread; it would "
      "deadlock. Do all changes in the outer transaction.");
}

}  // namespace jumys::storage::internal
