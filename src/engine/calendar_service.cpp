#include "engine/calendar_service.h"

namespace jumys {

CalendarService::CalendarService(WorkCalendar calendar)
    : calendar_(std::make_shared<const WorkCalendar>(std::move(calendar))) {}

std::shared_ptr<const WorkCalendar> CalendarService::Current() const {
  std::lock_guard lock(mutex_);
  return calendar_;
}

Instant CalendarService::Deadline(const Office& office, Instant from, Limit limit) const {
  auto calendar = Current();
  return jumys::Deadline(*calendar, office.hours, office.time_zone, from, limit);
}

Instant CalendarService::DueOnDay(const Office& office, Instant from, int day_of_month) const {
  auto calendar = Current();
  return DueOnDayOfMonth(*calendar, office.hours, office.time_zone, from, day_of_month);
}

Status CalendarService::SetOverride(Date date, bool working, std::string note) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<WorkCalendar>(*calendar_);
  JUMYS_TRY(next->SetOverride(date, working, std::move(note)));
  calendar_ = std::move(next);
  return {};
}

bool CalendarService::RemoveOverride(Date date) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<WorkCalendar>(*calendar_);
  if (!next->RemoveOverride(date)) return false;
  calendar_ = std::move(next);
  return true;
}

}  // namespace jumys
