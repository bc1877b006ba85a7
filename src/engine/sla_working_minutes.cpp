#include "engine/sla_working_minutes.h"

#include <algorithm>

namespace jumys {

std::int64_t WorkingMinutesBetween(const WorkCalendar& calendar, const OfficeHours& hours,
                                   const TimeZone& zone, Instant from, Instant to) {
  using namespace std::chrono;
  if (to <= from) return 0;
  const LocalTime first = zone.ToLocal(from);
  const LocalTime last = zone.ToLocal(to);
  seconds total{0};
  for (local_days day = floor<days>(first); day <= floor<days>(last); day += days(1)) {
    const sys_days as_sys{day.time_since_epoch()};
    if (!calendar.IsWorkingDay(as_sys)) continue;
    const DayHours* h = hours.OnWorkingDay(WeekdayIndex(Date{as_sys}));
    if (!h) continue;
    auto add = [&](int start_minute, int end_minute) {
      const LocalTime start = std::max<LocalTime>(day + minutes(start_minute), first);
      const LocalTime end = std::min<LocalTime>(day + minutes(end_minute), last);
      if (end > start) total += end - start;
    };
    if (h->has_lunch()) {
      add(h->open, h->lunch_start);
      add(h->lunch_end, h->close);
    } else {
      add(h->open, h->close);
    }
  }
  return duration_cast<minutes>(total).count();
}

}  // namespace jumys
