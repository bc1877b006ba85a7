#pragma once
// The working calendar as the API offers it: deadlines in an office's hours, the days of a
// period, and the administrators' overrides, which are stored (and audited) first and then
// applied to the CalendarService in force.
#include <string>
#include <vector>

#include "core/error.h"
#include "core/limit.h"
#include "core/time.h"
#include "core/work_calendar.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/calendar_service.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys::calendar {

inline constexpr int kMaxDaysListed = 400;

class CalendarAdministration {
 public:
  CalendarAdministration(storage::Database& db, CalendarService& calendar,
                         const OfficeDirectory& offices, Clock clock = SystemNow);

  // When a limit started at `from` ends in the office's hours; 404 for an unknown office.
  Expected<Instant> Deadline(const std::string& office_id, Instant from, Limit limit) const;
  // Each day from..to (both included); 422 when `to` is before `from` or for more than
  // kMaxDaysListed days.
  Expected<std::vector<DayStatus>> Days(Date from, Date to) const;

  // Makes the day working or a day off; returns how the day now reads. 422 when the calendar
  // refuses the override (nothing is stored then). Audited as calendar.override.
  Expected<DayStatus> SetOverride(const Actor& actor, Date date, bool working,
                                  const std::string& note);
  // 404 when the day has no override. Audited as calendar.override_removed.
  Expected<DayStatus> RemoveOverride(const Actor& actor, Date date);

 private:
  storage::Database& db_;
  CalendarService& calendar_;
  const OfficeDirectory& offices_;
  Clock clock_;
};

}  // namespace jumys::calendar
