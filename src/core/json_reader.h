#pragma once
// Client JSON in, checked. ParseJson caps size and nesting before anything recursive (copy,
// dump, CanonicalJson) touches the value; JsonReader reads typed fields and answers a wrong
// or missing one with an Error naming its path ("payment.amount.currency: must be a string")
// instead of nlohmann::type_error.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace jumys {

// The server's default body limit (http::ServerOptions::max_body_bytes) is the same.
inline constexpr std::size_t kMaxJsonBytes = 1 << 20;
// Far more than any body the API takes, far less than what exhausts the stack of the
// recursive consumers of a parsed value.
inline constexpr int kMaxJsonDepth = 32;

struct JsonLimits {
  std::size_t max_bytes = kMaxJsonBytes;
  int max_depth = kMaxJsonDepth;
};

// The deepest nesting of arrays and objects in `text` (strings skipped), found by one linear
// scan without recursion; stops early once it exceeds `stop_above`. Exact for valid JSON.
int JsonNestingDepth(std::string_view text, int stop_above);

// Parses client JSON. `what` names it in messages ("request body"). 413 (kPayloadTooLarge)
// above limits.max_bytes; 400 when nested deeper than limits.max_depth (checked before the
// parser runs) or not valid JSON.
Expected<nlohmann::json> ParseJson(std::string_view text, std::string_view what = "JSON",
                                   const JsonLimits& limits = {});

// Money as the API writes it: {"amount": <minor units, e.g. tiyn>, "currency": "KZT"}.
struct Money {
  std::int64_t amount = 0;
  std::string currency;
};

// Typed access to one JSON object. A field that is missing (when required) or of the wrong
// type is a `shape` error: 422 by default, 400 (kInvalidInput) for the fields of a request
// body (the API's contract for malformed requests). An empty required string, a string too long or
// a number out of range is always 422. A null member counts as missing. The reader refers to the
// value: the value must outlive it.
class JsonReader {
 public:
  // Fails when `value` is not an object. `path` names it in messages ("" for a whole body).
  static Expected<JsonReader> Of(const nlohmann::json& value, std::string path = {},
                                 ErrorCode shape = ErrorCode::kUnprocessable);
  // A reader of a temporary would dangle.
  static Expected<JsonReader> Of(const nlohmann::json&& value, std::string path = {},
                                 ErrorCode shape = ErrorCode::kUnprocessable) = delete;

  const nlohmann::json& json() const { return *value_; }
  const std::string& path() const { return path_; }
  // "a.b" for key "b" of the object at "a"; "b" at the top.
  std::string PathOf(std::string_view key) const;

  bool Has(std::string_view key) const;  // present and not null

  // Required: present, a string, not empty, at most max_length bytes.
  Expected<std::string> String(std::string_view key, std::size_t max_length = 200) const;
  // Missing -> nullopt; present: a string of at most max_length bytes (may be empty).
  Expected<std::optional<std::string>> OptionalString(std::string_view key,
                                                      std::size_t max_length = 200) const;
  // A whole number in [min, max] (1.0 is not a whole number here).
  Expected<std::int64_t> Int(std::string_view key, std::int64_t min, std::int64_t max) const;
  Expected<std::optional<std::int64_t>> OptionalInt(std::string_view key, std::int64_t min,
                                                    std::int64_t max) const;
  Expected<bool> Bool(std::string_view key) const;
  Expected<std::optional<bool>> OptionalBool(std::string_view key) const;
  // {"amount": whole number >= min_amount, "currency": three capital letters}.
  Expected<jumys::Money> Money(std::string_view key, std::int64_t min_amount = 0) const;
  // A nested object, read with the same rules; its fields' paths start with this key.
  Expected<JsonReader> Object(std::string_view key) const;
  Expected<std::optional<JsonReader>> OptionalObject(std::string_view key) const;
  // Lists: missing -> empty; otherwise a list whose every element is an object (paths
  // "key[i].field") or a string (non-empty, at most max_length bytes).
  Expected<std::vector<JsonReader>> ObjectArray(std::string_view key) const;
  Expected<std::vector<std::string>> StringArray(std::string_view key,
                                                 std::size_t max_length = 200) const;

 private:
  JsonReader(const nlohmann::json& value, std::string path, ErrorCode shape)
      : value_(&value), path_(std::move(path)), shape_(shape) {}
  // The member, or nullptr when missing or null.
  const nlohmann::json* Find(std::string_view key) const;
  Error Shape(std::string_view key, MessageKey message, std::string_view english,
              MessageParams params = {}) const;
  Error Rejected(std::string_view key, MessageKey message, std::string_view english,
                 MessageParams params = {}) const;
  Expected<std::optional<std::int64_t>> IntAt(const nlohmann::json* v, std::string_view key,
                                              std::int64_t min, std::int64_t max) const;

  const nlohmann::json* value_;
  std::string path_;
  ErrorCode shape_;
};

}  // namespace jumys
