#pragma once
// An office's weekly opening hours (kept per office as data): deadlines count working time
// within them.
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace jumys {

// Minutes after local midnight. No lunch break when lunch_start == lunch_end.
struct DayHours {
  int open = 9 * 60;
  int close = 18 * 60 + 30;
  int lunch_start = 13 * 60;
  int lunch_end = 14 * 60 + 30;

  bool has_lunch() const { return lunch_end > lunch_start; }
  int WorkingMinutes() const { return close - open - (lunch_end - lunch_start); }
  bool operator==(const DayHours&) const = default;
};

struct OfficeHours {
  // Monday = 0 ... Sunday = 6 (WeekdayIndex in core/time.h); nullopt = closed that weekday.
  std::array<std::optional<DayHours>, 7> days;
  // Hours on a Saturday or Sunday that the calendar makes a working day (a transfer act or an
  // admin override), when the office is normally closed then: a normal weekday's hours.
  DayHours weekend_workday;

  // Monday-Friday 09:00-18:30, lunch 13:00-14:30, Saturday and Sunday closed.
  static OfficeHours Standard();

  // Hours that apply on a day the calendar says is working; nullptr if the office does not
  // work on that weekday at all.
  const DayHours* OnWorkingDay(unsigned weekday_index) const {
    if (days[weekday_index]) return &*days[weekday_index];
    return weekday_index >= 5 ? &weekend_workday : nullptr;
  }

  // Each day: 00:00 <= open < close <= 24:00, lunch inside; at least one weekday open.
  Status Validate() const;
  bool operator==(const OfficeHours&) const = default;
};

// "09:00" -> 540; "24:00" is accepted as the end of the day.
Expected<int> ParseClock(std::string_view text);
std::string FormatClock(int minutes);  // 540 -> "09:00"

// hours "09:00-18:30", lunch "13:00-14:30" or empty for none; the result is validated.
Expected<DayHours> ParseDayHours(std::string_view hours, std::string_view lunch);
// "09:00-18:30" (lunch omitted) or "09:00-18:30 lunch 13:00-14:30".
std::string FormatDayHours(const DayHours& day);

// Office hours as stored: {"mon": {"hours": "09:00-18:30", "lunch": "13:00-14:30"}, ...,
// "sat": null, "sun": null}.
Expected<OfficeHours> OfficeHoursFromJson(const nlohmann::json& json);
nlohmann::json OfficeHoursToJson(const OfficeHours& hours);

}  // namespace jumys
