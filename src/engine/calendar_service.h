#pragma once
// The working calendar in force: the reference data plus the administrators' overrides, swapped
// whole on every edit so readers never see a half-applied change.
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/deadline.h"
#include "core/work_calendar.h"
#include "domain/offices.h"

namespace jumys {

class CalendarService {
 public:
  explicit CalendarService(WorkCalendar calendar);

  std::shared_ptr<const WorkCalendar> Current() const;
  // The due instant of a limit started at `from`, in the office's hours and zone.
  Instant Deadline(const Office& office, Instant from, Limit limit) const;
  // The due instant of a task due by a day of the month (core/deadline.h DueOnDayOfMonth).
  Instant DueOnDay(const Office& office, Instant from, int day_of_month) const;

  Status SetOverride(Date date, bool working, std::string note);
  bool RemoveOverride(Date date);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const WorkCalendar> calendar_;
};

}  // namespace jumys
