#pragma once
// Helpers shared by the SQLite and PostgreSQL backends; not part of the storage API.
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace jumys::storage::internal {

Error Unavailable(std::string internal);
Error Conflict(MessageKey key, std::string_view message, std::string internal);
// The error later statements of an aborted transaction return: the first one, marked.
Error AbortedBy(const Error& first);
// Statement text for internal messages, cut to a readable length.
std::string Abbreviate(std::string_view sql);

// Shortest text that parses back to the same double; infinities and NaN spelled as PostgreSQL
// does ("Infinity", "-Infinity", "NaN") so both backends render a value alike.
std::string FormatDouble(double value);

// Rejects values neither backend can store faithfully: NUL inside text (libpq would cut the
// string there) and NaN (SQLite would store NULL).
std::optional<Error> CheckStorable(const std::string* text, const double* real);

// Marks "this thread is inside db.Write" so a nested Write on the same database, which would
// deadlock, is reported instead. Trivial thread-local state: a chain of stack objects.
class WriteScope {
 public:
  explicit WriteScope(const void* db);
  ~WriteScope();
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  // True when an enclosing WriteScope on this thread is for the same database.
  bool nested() const { return nested_; }

 private:
  const void* db_;
  const WriteScope* outer_;
  bool nested_ = false;
};

Error NestedWriteError();

}  // namespace jumys::storage::internal
