#include "core/json_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace jumys {

int JsonNestingDepth(std::string_view text, int stop_above) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > deepest) {
          deepest = depth;
          if (deepest > stop_above) return deepest;
        }
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return deepest;
}

Expected<nlohmann::json> ParseJson(std::string_view text, std::string_view what,
                                   const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Error::Make(ErrorCode::kPayloadTooLarge, "request.too_large"_msg,
                       "{what} is too large (the limit is {limit} bytes)",
                       {{"what", std::string(what)}, {"limit", std::to_string(limits.max_bytes)}});
  }
  // Before the parser: nlohmann's parser is iterative, but copying, dumping or
  // canonicalising the value it builds recurses once per level.
  if (JsonNestingDepth(text, limits.max_depth) > limits.max_depth) {
    return Error::Invalid(
        "request.too_deep"_msg, "{what} is nested deeper than {depth} levels",
        {{"what", std::string(what)}, {"depth", std::to_string(limits.max_depth)}});
  }
  auto parsed =
      nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Error::Invalid("request.not_json"_msg, "{what} is not valid JSON",
                          {{"what", std::string(what)}});
  }
  return parsed;
}

Expected<JsonReader> JsonReader::Of(const nlohmann::json& value, std::string path,
                                    ErrorCode shape) {
  if (!value.is_object()) {
    return FieldError(shape, path, "field.not_object"_msg, "must be an object");
  }
  return JsonReader(value, std::move(path), shape);
}

std::string JsonReader::PathOf(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  std::string out = path_;
  out += '.';
  out += key;
  return out;
}

const nlohmann::json* JsonReader::Find(std::string_view key) const {
  auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return nullptr;
  return &*it;
}

Error JsonReader::Shape(std::string_view key, MessageKey message, std::string_view english,
                        MessageParams params) const {
  return FieldError(shape_, PathOf(key), message, english, std::move(params));
}

Error JsonReader::Rejected(std::string_view key, MessageKey message, std::string_view english,
                           MessageParams params) const {
  return FieldError(ErrorCode::kUnprocessable, PathOf(key), message, english, std::move(params));
}

bool JsonReader::Has(std::string_view key) const { return Find(key) != nullptr; }

Expected<std::optional<std::string>> JsonReader::OptionalString(std::string_view key,
                                                                std::size_t max_length) const {
  const nlohmann::json* v = Find(key);
  if (!v) return std::optional<std::string>{};
  if (!v->is_string()) return Shape(key, "field.not_string"_msg, "must be a string");
  const auto& text = v->get_ref<const std::string&>();
  if (text.size() > max_length) {
    return Rejected(key, "field.too_many_bytes"_msg, "is longer than {max} bytes",
                    {{"max", std::to_string(max_length)}});
  }
  return std::optional<std::string>{text};
}

Expected<std::string> JsonReader::String(std::string_view key, std::size_t max_length) const {
  JUMYS_ASSIGN_OR_RETURN(auto value, OptionalString(key, max_length));
  if (!value) return Shape(key, "field.required"_msg, "is required");
  if (value->empty()) return Rejected(key, "field.empty"_msg, "must not be empty");
  return std::move(*value);
}

Expected<std::optional<std::int64_t>> JsonReader::IntAt(const nlohmann::json* v,
                                                        std::string_view key, std::int64_t min,
                                                        std::int64_t max) const {
  if (!v) return std::optional<std::int64_t>{};
  if (!v->is_number_integer()) return Shape(key, "field.not_integer"_msg, "must be a whole number");
  const auto out_of_range = [&] {
    return Rejected(key, "field.out_of_range"_msg, "must be between {min} and {max}",
                    {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
  };
  // Above INT64_MAX nlohmann keeps the value unsigned; get<int64_t> would wrap it.
  if (v->is_number_unsigned() &&
      v->get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return out_of_range();
  }
  const auto n = v->get<std::int64_t>();
  if (n < min || n > max) return out_of_range();
  return std::optional<std::int64_t>{n};
}

Expected<std::optional<std::int64_t>> JsonReader::OptionalInt(std::string_view key,
                                                              std::int64_t min,
                                                              std::int64_t max) const {
  return IntAt(Find(key), key, min, max);
}

Expected<std::int64_t> JsonReader::Int(std::string_view key, std::int64_t min,
                                       std::int64_t max) const {
  JUMYS_ASSIGN_OR_RETURN(auto value, IntAt(Find(key), key, min, max));
  if (!value) return Shape(key, "field.required"_msg, "is required");
  return *value;
}

Expected<std::optional<bool>> JsonReader::OptionalBool(std::string_view key) const {
  const nlohmann::json* v = Find(key);
  if (!v) return std::optional<bool>{};
  if (!v->is_boolean()) return Shape(key, "field.not_boolean"_msg, "must be true or false");
  return std::optional<bool>{v->get<bool>()};
}

Expected<bool> JsonReader::Bool(std::string_view key) const {
  JUMYS_ASSIGN_OR_RETURN(auto value, OptionalBool(key));
  if (!value) return Shape(key, "field.required"_msg, "is required");
  return *value;
}

Expected<std::optional<JsonReader>> JsonReader::OptionalObject(std::string_view key) const {
  const nlohmann::json* v = Find(key);
  if (!v) return std::optional<JsonReader>{};
  if (!v->is_object()) return Shape(key, "field.not_object"_msg, "must be an object");
  return std::optional<JsonReader>{JsonReader(*v, PathOf(key), shape_)};
}

Expected<JsonReader> JsonReader::Object(std::string_view key) const {
  JUMYS_ASSIGN_OR_RETURN(auto value, OptionalObject(key));
  if (!value) return Shape(key, "field.required"_msg, "is required");
  return std::move(*value);
}

Expected<Money> JsonReader::Money(std::string_view key, std::int64_t min_amount) const {
  JUMYS_ASSIGN_OR_RETURN(auto object, Object(key));
  jumys::Money money;
  JUMYS_ASSIGN_OR_RETURN(
      money.amount, object.Int("amount", min_amount, std::numeric_limits<std::int64_t>::max()));
  JUMYS_ASSIGN_OR_RETURN(money.currency, object.String("currency", 3));
  const bool code =
      money.currency.size() == 3 && std::all_of(money.currency.begin(), money.currency.end(),
                                                [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!code)
    return object.Rejected("currency", "field.not_currency"_msg,
                           "must be a currency code such as KZT");
  return money;
}

Expected<std::vector<JsonReader>> JsonReader::ObjectArray(std::string_view key) const {
  std::vector<JsonReader> out;
  const nlohmann::json* v = Find(key);
  if (!v) return out;
  if (!v->is_array()) return Shape(key, "field.not_list"_msg, "must be a list");
  out.reserve(v->size());
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    std::string path = fmt::format("{}[{}]", PathOf(key), i);
    if (!item.is_object())
      return FieldError(shape_, path, "field.not_object"_msg, "must be an object");
    out.push_back(JsonReader(item, std::move(path), shape_));
  }
  return out;
}

Expected<std::vector<std::string>> JsonReader::StringArray(std::string_view key,
                                                           std::size_t max_length) const {
  std::vector<std::string> out;
  const nlohmann::json* v = Find(key);
  if (!v) return out;
  if (!v->is_array()) return Shape(key, "field.not_list"_msg, "must be a list");
  out.reserve(v->size());
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    const std::string path = fmt::format("{}[{}]", PathOf(key), i);
    if (!item.is_string())
      return FieldError(shape_, path, "field.not_string"_msg, "must be a string");
    const auto& text = item.get_ref<const std::string&>();
    if (text.empty()) {
      return FieldError(ErrorCode::kUnprocessable, path, "field.empty"_msg, "must not be empty");
    }
    if (text.size() > max_length) {
      return FieldError(ErrorCode::kUnprocessable, path, "field.too_many_bytes"_msg,
                        "is longer than {max} bytes", {{"max", std::to_string(max_length)}});
    }
    out.push_back(text);
  }
  return out;
}

}  // namespace jumys
