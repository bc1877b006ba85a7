#pragma once
// Working time between two instants on an office's calendar: the minutes inside its hours on
// working days, lunch excluded. What the SLA report measures a step's duration in, on the same
// calendar and hours that Deadline() counts limits on.
#include <cstdint>

#include "core/office_hours.h"
#include "core/time.h"
#include "core/time_zone.h"
#include "core/work_calendar.h"

namespace jumys {

// Whole working minutes in [from, to) (seconds are dropped); 0 when to <= from.
std::int64_t WorkingMinutesBetween(const WorkCalendar& calendar, const OfficeHours& hours,
                                   const TimeZone& zone, Instant from, Instant to);

}  // namespace jumys
