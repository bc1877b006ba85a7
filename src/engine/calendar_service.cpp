#include "engine/calendar_service.h"

#include <array>

namespace jumys {

namespace {
constexpr std::array<const char*, 7> kDayKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
}  // namespace

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

Expected<OfficeHours> OfficeHoursFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Error::Unprocessable("office hours must be an object");
  OfficeHours hours = OfficeHours::Standard();
  for (std::size_t i = 0; i < kDayKeys.size(); ++i) {
    auto it = json.find(kDayKeys[i]);
    if (it == json.end())
      return Error::Unprocessable(std::string("office hours lack '") + kDayKeys[i] + "'");
    if (it->is_null()) {
      hours.days[i].reset();
      continue;
    }
    if (!it->is_object() || !it->contains("hours") || !(*it)["hours"].is_string()) {
      return Error::Unprocessable(std::string("office hours for '") + kDayKeys[i] +
                                  "' need \"hours\": \"HH:MM-HH:MM\"");
    }
    std::string lunch;
    if (auto l = it->find("lunch"); l != it->end() && !l->is_null()) {
      if (!l->is_string()) return Error::Unprocessable("lunch must be \"HH:MM-HH:MM\"");
      lunch = l->get<std::string>();
    }
    JUMYS_ASSIGN_OR_RETURN(auto day, ParseDayHours((*it)["hours"].get<std::string>(), lunch));
    hours.days[i] = day;
  }
  JUMYS_TRY(hours.Validate());
  return hours;
}

nlohmann::json OfficeHoursToJson(const OfficeHours& hours) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t i = 0; i < kDayKeys.size(); ++i) {
    if (!hours.days[i]) {
      out[kDayKeys[i]] = nullptr;
      continue;
    }
    const DayHours& d = *hours.days[i];
    nlohmann::json day = {{"hours", FormatClock(d.open) + "-" + FormatClock(d.close)}};
    day["lunch"] = d.has_lunch()
                       ? nlohmann::json(FormatClock(d.lunch_start) + "-" + FormatClock(d.lunch_end))
                       : nlohmann::json(nullptr);
    out[kDayKeys[i]] = day;
  }
  return out;
}

}  // namespace jumys
