#include "core/office_hours.h"

#include <cstdio>

namespace jumys {
namespace {

constexpr int kDayMinutes = 24 * 60;
// The days' names in the API and in office-hours.yaml, Monday first.
constexpr std::array<const char*, 7> kDayKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// `field` names the day ("mon", "weekend_workday"; empty when the caller knows).
Status ValidateDay(const DayHours& d, const std::string& field) {
  const MessageParams params = {
      {"hours", FormatClock(d.open) + "-" + FormatClock(d.close)},
      {"lunch", FormatClock(d.lunch_start) + "-" + FormatClock(d.lunch_end)}};
  if (d.open < 0 || d.close > kDayMinutes || d.open >= d.close) {
    return AtField(
        field, Error::Unprocessable("hours.open_before_close"_msg,
                                    "opening must be before closing, within 00:00-24:00 ({hours})",
                                    params));
  }
  if (d.lunch_start > d.lunch_end) {
    return AtField(field,
                   Error::Unprocessable("hours.lunch_order"_msg,
                                        "lunch must start before it ends ({lunch})", params));
  }
  if (d.has_lunch() && (d.lunch_start <= d.open || d.lunch_end >= d.close)) {
    return AtField(
        field, Error::Unprocessable("hours.lunch_inside"_msg,
                                    "lunch {lunch} must lie strictly inside opening hours {hours}",
                                    params));
  }
  return {};
}

// "HH:MM-HH:MM" -> {from, to}
Expected<std::pair<int, int>> ParseRange(std::string_view text) {
  const size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    return Error::Invalid("hours.range_format"_msg,
                          "hours must look like 09:00-18:30, got \"{value}\"",
                          {{"value", std::string(text.substr(0, 32))}});
  }
  auto from = ParseClock(text.substr(0, dash));
  if (!from) return from.error();
  auto to = ParseClock(text.substr(dash + 1));
  if (!to) return to.error();
  return std::pair{*from, *to};
}

}  // namespace

OfficeHours OfficeHours::Standard() {
  OfficeHours h;
  for (unsigned i = 0; i < 5; ++i) h.days[i] = DayHours{};
  return h;
}

Status OfficeHours::Validate() const {
  bool any_weekday = false;
  for (unsigned i = 0; i < 7; ++i) {
    if (!days[i]) continue;
    if (auto st = ValidateDay(*days[i], kDayKeys[i]); !st) return st;
    any_weekday = any_weekday || i < 5;
  }
  if (!any_weekday) {
    return Error::Unprocessable("hours.no_weekday"_msg,
                                "office hours: open on no day Monday-Friday");
  }
  return ValidateDay(weekend_workday, "weekend_workday");
}

Expected<int> ParseClock(std::string_view text) {
  const auto bad = [&] {
    return Error::Invalid("hours.clock_format"_msg, "time of day must be HH:MM, got \"{value}\"",
                          {{"value", std::string(text.substr(0, 16))}});
  };
  if (text.size() != 5 || text[2] != ':') return bad();
  for (size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return bad();
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return bad();
  return h * 60 + m;
}

std::string FormatClock(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

Expected<DayHours> ParseDayHours(std::string_view hours, std::string_view lunch) {
  auto open = ParseRange(hours);
  if (!open) return open.error();
  DayHours d{open->first, open->second, 0, 0};
  if (!lunch.empty()) {
    auto l = ParseRange(lunch);
    if (!l) return l.error();
    d.lunch_start = l->first;
    d.lunch_end = l->second;
  }
  if (auto st = ValidateDay(d, ""); !st) return st.error();
  return d;
}

std::string FormatDayHours(const DayHours& day) {
  std::string out = FormatClock(day.open) + "-" + FormatClock(day.close);
  if (day.has_lunch())
    out += " lunch " + FormatClock(day.lunch_start) + "-" + FormatClock(day.lunch_end);
  return out;
}

Expected<OfficeHours> OfficeHoursFromJson(const nlohmann::json& json) {
  if (!json.is_object()) {
    return Error::Unprocessable("field.not_object"_msg, "must be an object");
  }
  OfficeHours hours = OfficeHours::Standard();
  for (std::size_t i = 0; i < kDayKeys.size(); ++i) {
    const std::string day_key = kDayKeys[i];
    auto it = json.find(day_key);
    if (it == json.end()) {
      return FieldError(ErrorCode::kUnprocessable, day_key, "field.required"_msg, "is required");
    }
    if (it->is_null()) {
      hours.days[i].reset();
      continue;
    }
    if (!it->is_object() || !it->contains("hours") || !(*it)["hours"].is_string()) {
      return FieldError(ErrorCode::kUnprocessable, day_key, "hours.day_shape"_msg,
                        "needs \"hours\": \"HH:MM-HH:MM\" (or null when closed)");
    }
    std::string lunch;
    if (auto l = it->find("lunch"); l != it->end() && !l->is_null()) {
      if (!l->is_string()) {
        return FieldError(ErrorCode::kUnprocessable, day_key + ".lunch", "field.not_string"_msg,
                          "must be a string");
      }
      lunch = l->get<std::string>();
    }
    auto day = ParseDayHours((*it)["hours"].get<std::string>(), lunch);
    if (!day) return AtField(day_key, day.error());
    hours.days[i] = *day;
  }
  JUMYS_TRY(hours.Validate());
  return hours;
}

nlohmann::json OfficeHoursToJson(const OfficeHours& hours) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t i = 0; i < kDayKeys.size(); ++i) {
    if (!hours.days[i]) {
      out[kDayKeys[i]] = nullptr;
      continue;
    }
    const DayHours& d = *hours.days[i];
    nlohmann::json day = {{"hours", FormatClock(d.open) + "-" + FormatClock(d.close)}};
    day["lunch"] = d.has_lunch()
                       ? nlohmann::json(FormatClock(d.lunch_start) + "-" + FormatClock(d.lunch_end))
                       : nlohmann::json(nullptr);
    out[kDayKeys[i]] = day;
  }
  return out;
}

}  // namespace jumys
