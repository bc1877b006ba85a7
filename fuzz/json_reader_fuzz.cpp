// libFuzzer target: any bytes through ParseJson (size and depth limits) and, when they parse,
// every JsonReader accessor on every member at every level. Nothing may crash, throw,
// overflow the stack or break the invariants checked below. Links only core/json_reader.cpp
// (scripts/fuzz lists what it builds).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json_reader.h"

namespace {

using jumys::ErrorCode;
using jumys::JsonReader;

void Check(bool ok) {
  if (!ok) std::abort();
}

// Shape errors carry the reader's code, range errors 422; every message names the field.
template <typename T>
void CheckError(const jumys::Expected<T>& result, const JsonReader& in, std::string_view key) {
  if (result) return;
  const auto& e = result.error();
  Check(e.code == ErrorCode::kInvalidInput || e.code == ErrorCode::kUnprocessable);
  Check(e.message.rfind(in.PathOf(key), 0) == 0);
}

// The nesting of a parsed value, walked with an explicit stack: an independent check of the
// scan that ParseJson trusts.
int Depth(const nlohmann::json& root) {
  int deepest = 0;
  std::vector<std::pair<const nlohmann::json*, int>> stack{{&root, 1}};
  while (!stack.empty()) {
    auto [value, level] = stack.back();
    stack.pop_back();
    if (!value->is_structured()) continue;
    deepest = std::max(deepest, level);
    for (const auto& child : *value) stack.emplace_back(&child, level + 1);
  }
  return deepest;
}

void ReadAll(const JsonReader& in) {
  for (const auto& [key, value] : in.json().items()) {
    auto text = in.String(key, 16);
    CheckError(text, in, key);
    if (text) Check(value.is_string() && !text->empty() && text->size() <= 16);
    auto optional_text = in.OptionalString(key);
    CheckError(optional_text, in, key);
    if (optional_text && *optional_text) Check(value.is_string());
    auto number = in.Int(key, -1000, 1000);
    CheckError(number, in, key);
    if (number) Check(value.is_number_integer() && *number >= -1000 && *number <= 1000);
    CheckError(in.OptionalInt(key, INT64_MIN, INT64_MAX), in, key);
    auto flag = in.Bool(key);
    CheckError(flag, in, key);
    if (flag) Check(value.is_boolean());
    CheckError(in.OptionalBool(key), in, key);
    auto money = in.Money(key, 1);
    CheckError(money, in, key);
    if (money) Check(money->amount >= 1 && money->currency.size() == 3);
    CheckError(in.StringArray(key), in, key);
    auto object = in.Object(key);
    CheckError(object, in, key);
    if (object) ReadAll(*object);  // bounded: ParseJson capped the depth
    auto objects = in.ObjectArray(key);
    CheckError(objects, in, key);
    if (objects) {
      for (const auto& item : *objects) ReadAll(item);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const jumys::JsonLimits limits{.max_bytes = 64 * 1024, .max_depth = jumys::kMaxJsonDepth};
  auto parsed = jumys::ParseJson(text, "input", limits);
  if (!parsed) {
    const auto code = parsed.error().code;
    Check(code == ErrorCode::kInvalidInput || code == ErrorCode::kPayloadTooLarge);
    Check(code != ErrorCode::kPayloadTooLarge || size > limits.max_bytes);
    return 0;
  }
  // What the server does with a body next: copy it, write it back out. Both recurse.
  Check(Depth(*parsed) <= limits.max_depth);
  const nlohmann::json copy = *parsed;
  const std::string dumped = copy.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  Check(!dumped.empty());
  for (const auto shape : {ErrorCode::kInvalidInput, ErrorCode::kUnprocessable}) {
    auto in = JsonReader::Of(*parsed, "", shape);
    Check(in.has_value() == parsed->is_object());
    if (in) ReadAll(*in);
  }
  return 0;
}
