#pragma once
// The one deadline computation (working time on the calendar and office hours): the engine and
// GET /api/v1/calendar/deadline both call it.
#include <string_view>

#include "core/error.h"
#include "core/limit.h"
#include "core/office_hours.h"
#include "core/time.h"
#include "core/time_zone.h"
#include "core/work_calendar.h"

namespace jumys {

// When a step started at `from` in an office must be done, as a UTC instant.
//  - min/h: working time inside the office's hours on working days, lunch excluded, from `from`
//    (or the next opening when `from` is outside hours); 1h = 60 working minutes. A limit that
//    runs out exactly when a morning ends is due then (13:00), not after lunch.
//  - wd: the Civil Code's count: from any moment of day D, due at the office's closing time on
//    the N-th working day after D.
// Computed on the office's wall clock in `zone`. A working day is one the calendar says is
// working and on which `hours` has hours (OfficeHours::OnWorkingDay). Returns Instant::max()
// only for hours that never open (OfficeHours::Validate rejects those). Allocates nothing for
// dates in 2000-2100 (WorkCalendar's precomputed years); about 0.1 µs a call.
Instant Deadline(const WorkCalendar& calendar, const OfficeHours& hours, const TimeZone& zone,
                 Instant from, Limit limit);

// When a task due by a day of the month (1-28), opened at `from`, must be done: the office's
// closing time on that day of `from`'s month, or of the next month once that has passed; a day
// that is not a working day moves to the next working day (the Civil Code's rule for a term
// ending on a day off).
Instant DueOnDayOfMonth(const WorkCalendar& calendar, const OfficeHours& hours,
                        const TimeZone& zone, Instant from, int day_of_month);

// For the HTTP handler: parses `from` (RFC 3339, years 1900-8999) and `limit` ("20min", "2h",
// "6wd"); errors are kInvalidInput with a message fit for the client. Format the result with
// FormatRfc3339.
Expected<Instant> DeadlineFromText(const WorkCalendar& calendar, const OfficeHours& hours,
                                   const TimeZone& zone, std::string_view from,
                                   std::string_view limit);

}  // namespace jumys
