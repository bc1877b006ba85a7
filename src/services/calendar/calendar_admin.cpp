#include "services/calendar/calendar_admin.h"

#include <nlohmann/json.hpp>

#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys::calendar {

CalendarAdministration::CalendarAdministration(storage::Database& db, CalendarService& calendar,
                                               const OfficeDirectory& offices, Clock clock)
    : db_(db), calendar_(calendar), offices_(offices), clock_(std::move(clock)) {}

Expected<Instant> CalendarAdministration::Deadline(const std::string& office_id, Instant from,
                                                   Limit limit) const {
  auto office = offices_.Find(office_id);
  if (!office) return Error::NotFound("office.not_found"_msg, "no such office");
  return calendar_.Deadline(*office, from, limit);
}

Expected<std::vector<DayStatus>> CalendarAdministration::Days(Date from, Date to) const {
  const auto first = std::chrono::sys_days{from};
  const auto last = std::chrono::sys_days{to};
  if (last < first) {
    return FieldError(ErrorCode::kUnprocessable, "to", "period.to_before_from"_msg,
                      "is before 'from'");
  }
  if ((last - first).count() >= kMaxDaysListed) {
    return Error::Unprocessable("period.too_long"_msg, "at most {days} days at a time",
                                {{"days", std::to_string(kMaxDaysListed)}});
  }
  auto calendar = calendar_.Current();
  std::vector<DayStatus> days;
  for (auto d = first; d <= last; d += std::chrono::days{1}) {
    days.push_back(calendar->Describe(Date{d}));
  }
  return days;
}

Expected<DayStatus> CalendarAdministration::SetOverride(const Actor& actor, Date date, bool working,
                                                        const std::string& note) {
  {
    WorkCalendar trial = *calendar_.Current();  // validate before anything is stored
    JUMYS_TRY(trial.SetOverride(date, working, note));
  }
  const std::string now = FormatRfc3339(clock_());
  const std::string day = FormatDate(date);
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(storage::UpsertCalendarOverride(tx, {day, working, note, actor.login, now}));
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "calendar.override",
                                     "calendar_day",
                                     day,
                                     actor.office_id,
                                     {{"working", working}, {"note", note}}});
  }));
  JUMYS_TRY(calendar_.SetOverride(date, working, note));
  return calendar_.Current()->Describe(date);
}

Expected<DayStatus> CalendarAdministration::RemoveOverride(const Actor& actor, Date date) {
  const std::string now = FormatRfc3339(clock_());
  const std::string day = FormatDate(date);
  bool removed = false;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(removed, storage::DeleteCalendarOverride(tx, day));
    if (!removed) return {};
    return storage::AppendAudit(tx, {now, actor.login, "calendar.override_removed", "calendar_day",
                                     day, actor.office_id, nlohmann::json::object()});
  }));
  if (!removed) {
    return Error::NotFound("calendar.no_override"_msg, "no override on {date}", {{"date", day}});
  }
  calendar_.RemoveOverride(date);
  return calendar_.Current()->Describe(date);
}

}  // namespace jumys::calendar
