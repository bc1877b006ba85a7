#include "core/deadline.h"

#include <algorithm>

namespace jumys {
namespace {

using namespace std::chrono;

// Far beyond the largest accepted limit; stops the walk for an office that never opens.
constexpr int kMaxDays = 366 * 12;

const DayHours* HoursOn(const WorkCalendar& calendar, const OfficeHours& office, local_days d) {
  const sys_days day{d.time_since_epoch()};
  if (!calendar.IsWorkingDay(day)) return nullptr;
  return office.OnWorkingDay(WeekdayIndex(weekday{day}));
}

}  // namespace

Instant Deadline(const WorkCalendar& calendar, const OfficeHours& office, const TimeZone& zone,
                 Instant from, Limit limit) {
  if (limit.amount <= 0) return from;
  const LocalTime local = zone.ToLocal(from);
  local_days day = floor<days>(local);

  if (limit.unit == Limit::kWorkingDays) {
    int left = limit.amount;
    for (int i = 0; i < kMaxDays; ++i) {
      day += days{1};
      const DayHours* h = HoursOn(calendar, office, day);
      if (h && --left == 0) return zone.ToUtc(LocalTime{day} + minutes{h->close});
    }
    return Instant::max();
  }

  seconds left =
      limit.unit == Limit::kHours ? seconds{hours{limit.amount}} : seconds{minutes{limit.amount}};
  seconds pos = local - LocalTime{day};  // how far into the first day the count starts
  for (int i = 0; i < kMaxDays; ++i, day += days{1}, pos = seconds{0}) {
    const DayHours* h = HoursOn(calendar, office, day);
    if (!h) continue;
    // The day's working time as up to two segments around lunch, in seconds of the day.
    const seconds bounds[4] = {
        minutes{h->open}, minutes{h->has_lunch() ? h->lunch_start : h->close},
        minutes{h->has_lunch() ? h->lunch_end : h->close}, minutes{h->close}};
    for (int s = 0; s < 4; s += 2) {
      const seconds start = std::max(bounds[s], pos);
      if (start >= bounds[s + 1]) continue;
      const seconds available = bounds[s + 1] - start;
      if (left <= available) return zone.ToUtc(LocalTime{day} + start + left);
      left -= available;
    }
  }
  return Instant::max();
}

Instant DueOnDayOfMonth(const WorkCalendar& calendar, const OfficeHours& office,
                        const TimeZone& zone, Instant from, int day_of_month) {
  const year_month_day today{floor<days>(zone.ToLocal(from))};
  const auto closing_on_or_after = [&](year_month month) {
    local_days day{month / day_of_month};
    for (int i = 0; i < kMaxDays; ++i, day += days{1}) {
      if (const DayHours* h = HoursOn(calendar, office, day)) {
        return zone.ToUtc(LocalTime{day} + minutes{h->close});
      }
    }
    return Instant::max();
  };
  const year_month month = today.year() / today.month();
  const Instant due = closing_on_or_after(month);
  return due > from ? due : closing_on_or_after(month + months{1});
}

Expected<Instant> DeadlineFromText(const WorkCalendar& calendar, const OfficeHours& hours,
                                   const TimeZone& zone, std::string_view from,
                                   std::string_view limit) {
  auto instant = ParseRfc3339(from);
  if (!instant) return instant.error();
  // Keeps the result a four-digit year whatever the limit.
  if (*instant < Instant{sys_days{1900y / 1 / 1}} || *instant >= Instant{sys_days{9000y / 1 / 1}}) {
    return FieldError(ErrorCode::kInvalidInput, "from", "field.out_of_range"_msg,
                      "must be between {min} and {max}",
                      {{"min", "1900-01-01"}, {"max", "8999-12-31"}});
  }
  auto parsed = ParseLimit(limit);
  if (!parsed) return parsed.error();
  return Deadline(calendar, hours, zone, *instant, *parsed);
}

}  // namespace jumys
