#include "core/limit.h"

namespace jumys {

Expected<Limit> ParseLimit(std::string_view text) {
  const MessageParams shown = {
      {"value", std::string(text.substr(0, 32)) + (text.size() > 32 ? "..." : "")}};
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const std::string_view number = text.substr(0, digits), unit = text.substr(digits);
  Limit limit;
  int max = 0;
  if (unit == "min") {
    limit.unit = Limit::kMinutes;
    max = kMaxLimitMinutes;
  } else if (unit == "h") {
    limit.unit = Limit::kHours;
    max = kMaxLimitHours;
  } else if (unit == "wd") {
    limit.unit = Limit::kWorkingDays;
    max = kMaxLimitWorkingDays;
  } else {
    return Error::Invalid(
        "limit.format"_msg,
        "limit must be <n>min, <n>h or <n>wd (e.g. 20min, 2h, 6wd), got \"{value}\"", shown);
  }
  if (number.empty()) {
    return Error::Invalid("limit.no_number"_msg,
                          "limit must start with a positive whole number, got \"{value}\"", shown);
  }
  long long value = 0;
  for (char c : number) {
    value = value * 10 + (c - '0');
    if (value > max) {
      MessageParams params = shown;
      params.emplace_back("max", std::to_string(max) + std::string(unit));
      return Error::Invalid("limit.too_large"_msg, "limit \"{value}\" is too large: at most {max}",
                            std::move(params));
    }
  }
  if (value == 0) {
    return Error::Invalid("limit.not_positive"_msg, "limit must be positive, got \"{value}\"",
                          shown);
  }
  limit.amount = static_cast<int>(value);
  return limit;
}

std::string FormatLimit(Limit limit) {
  const char* unit = limit.unit == Limit::kMinutes ? "min"
                     : limit.unit == Limit::kHours ? "h"
                                                   : "wd";
  return std::to_string(limit.amount) + unit;
}

}  // namespace jumys
