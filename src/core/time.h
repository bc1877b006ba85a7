#pragma once
// Instants (UTC, whole seconds), civil dates and their wire formats (the API's: RFC 3339 in UTC,
// dates as YYYY-MM-DD). Pure functions, no time zone database: see core/time_zone.h.
#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"

namespace jumys {

using Instant = std::chrono::sys_seconds;
using Date = std::chrono::year_month_day;
// A wall-clock time in some zone, not yet tied to an instant.
using LocalTime = std::chrono::local_seconds;

// "2024-03-20T12:50:00Z", "2024-03-20T17:50:00+05:00", "...T12:50:00.123Z", lower-case t/z
// also accepted. Fractional seconds are truncated. Years 0000-9999; no leap second (:60).
Expected<Instant> ParseRfc3339(std::string_view text);
// Always UTC with a trailing Z and no fraction: "2024-03-20T07:50:00Z".
std::string FormatRfc3339(Instant instant);

// "YYYY-MM-DD", a real calendar date.
Expected<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);

// A wall-clock time without offset: "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space
// may stand for T). For admin input and tests that read like a calendar.
Expected<LocalTime> ParseLocalTime(std::string_view text);
std::string FormatLocalTime(LocalTime local);  // "YYYY-MM-DDTHH:MM:SS"

// Monday = 0 ... Sunday = 6, the order OfficeHours keeps its days in.
inline unsigned WeekdayIndex(std::chrono::weekday wd) { return wd.iso_encoding() - 1; }
inline unsigned WeekdayIndex(Date date) {
  return WeekdayIndex(std::chrono::weekday{std::chrono::sys_days{date}});
}

}  // namespace jumys
