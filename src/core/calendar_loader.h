#pragma once
// Reads the working calendar and office hours from reference/calendar (YAML). Every error names
// the file and line: a bad calendar must stop start-up with a message an analyst can act on.
//
// Layout of the directory:
//   holidays.yaml        fixed holidays, and `movable:` the per-year holiday files to read
//   kurban-ait.yaml      a per-year holiday: name, carry, dates
//   transfers/<year>.yaml  the year's transfer-of-days-off acts
//   office-hours.yaml    the standard office hours (read by LoadOfficeHours, not here)
#include <filesystem>

#include "core/error.h"
#include "core/office_hours.h"
#include "core/work_calendar.h"

namespace jumys {

Expected<CalendarData> LoadCalendarData(const std::filesystem::path& dir);
// LoadCalendarData, then WorkCalendar::Build. Overrides are not files: the caller re-applies
// them from the database with WorkCalendar::SetOverride.
Expected<WorkCalendar> LoadCalendarDir(const std::filesystem::path& dir);

// A file like reference/calendar/office-hours.yaml: keys mon..sun each either `closed` or
// {hours: "09:00-18:30", lunch: "13:00-14:30"}, plus optional `weekend_workday` in the same form.
Expected<OfficeHours> LoadOfficeHours(const std::filesystem::path& file);

}  // namespace jumys
