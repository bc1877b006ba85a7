#include "core/work_calendar.h"

#include <algorithm>
#include <array>

namespace jumys {

using namespace std::chrono;

namespace {

// Days the precomputed table covers; other years are computed on demand.
constexpr year_month_day kTableFirst{year{2000}, January, day{1}};
constexpr year_month_day kTableLast{year{2100}, December, day{31}};
// Carries reach at most a few days forward, so marks start a month early.
constexpr days kCarryLead{31};

bool IsWeekend(sys_days d) {
  const weekday wd{d};
  return wd == Saturday || wd == Sunday;
}

bool IsWorkingKind(DayKind k) {
  return k == DayKind::kWorkday || k == DayKind::kTransferredWorkday ||
         k == DayKind::kOverrideWorkday;
}

Status ValidateName(const LocalizedName& n) {
  if (n.kk.empty() || n.ru.empty() || n.en.empty()) {
    return Error::Unprocessable("calendar.holiday_needs_names"_msg,
                                "a holiday needs its name in kk, ru and en");
  }
  return {};
}

}  // namespace

const char* DayKindName(DayKind kind) {
  switch (kind) {
    case DayKind::kWorkday:
      return "workday";
    case DayKind::kWeekend:
      return "weekend";
    case DayKind::kHoliday:
      return "holiday";
    case DayKind::kCarriedHoliday:
      return "carried_holiday";
    case DayKind::kTransferredDayOff:
      return "transferred_day_off";
    case DayKind::kTransferredWorkday:
      return "transferred_workday";
    case DayKind::kOverrideDayOff:
      return "override_day_off";
    case DayKind::kOverrideWorkday:
      return "override_workday";
  }
  return "workday";
}

Status ValidateHoliday(const FixedHoliday& h) {
  // A leap year accepts every month/day that can recur.
  if (!year_month_day{year{2000}, month{h.month}, day{h.day}}.ok() || h.month == 0) {
    return Error::Unprocessable(
        "calendar.no_such_day"_msg, "no such day of the year: month {month}, day {day}",
        {{"month", std::to_string(h.month)}, {"day", std::to_string(h.day)}});
  }
  if (h.from_year < 0 || h.until_year < 0 ||
      (h.from_year && h.until_year && h.from_year > h.until_year)) {
    return Error::Unprocessable("calendar.holiday_years"_msg,
                                "holiday's 'from' year is after its 'until' year");
  }
  return ValidateName(h.name);
}

Status ValidateHoliday(const DatedHoliday& h) {
  if (!h.date.ok()) {
    return Error::Unprocessable("calendar.holiday_date"_msg, "holiday date is not a real date");
  }
  return ValidateName(h.name);
}

Status ValidateTransferAct(const TransferAct& act) {
  if (act.name.empty()) {
    return Error::Unprocessable("calendar.act_needs_name"_msg, "a transfer act needs its name");
  }
  if (act.days_off.empty() && act.working_days.empty()) {
    return Error::Unprocessable("calendar.act_moves_nothing"_msg,
                                "transfer act '{act}' moves no day", {{"act", act.name}});
  }
  for (const Date& d : act.days_off) {
    if (!d.ok() || IsWeekend(sys_days{d})) {
      return Error::Unprocessable("calendar.act_day_off_not_weekday"_msg,
                                  "transfer act '{act}': day off {date} is not a Monday-Friday",
                                  {{"act", act.name}, {"date", FormatDate(d)}});
    }
  }
  for (const Date& d : act.working_days) {
    if (!d.ok() || !IsWeekend(sys_days{d})) {
      return Error::Unprocessable(
          "calendar.act_working_day_not_weekend"_msg,
          "transfer act '{act}': working day {date} is not a Saturday or Sunday",
          {{"act", act.name}, {"date", FormatDate(d)}});
    }
  }
  return {};
}

Expected<WorkCalendar> WorkCalendar::Build(CalendarData data) {
  for (const auto& h : data.fixed) {
    if (auto st = ValidateHoliday(h); !st) return st.error();
  }
  for (const auto& h : data.dated) {
    if (auto st = ValidateHoliday(h); !st) return st.error();
  }
  for (const auto& a : data.acts) {
    if (auto st = ValidateTransferAct(a); !st) return st.error();
  }
  if (data.fixed.size() + data.dated.size() > UINT16_MAX || data.acts.size() > UINT16_MAX) {
    return Error::Unprocessable("calendar.too_large"_msg, "calendar data too large");
  }
  WorkCalendar cal;
  cal.data_ = std::move(data);
  cal.table_first_ = sys_days{kTableFirst};
  const sys_days marks_first = cal.table_first_ - kCarryLead;
  const auto count = static_cast<size_t>((sys_days{kTableLast} - marks_first).count() + 1);
  std::vector<Mark> marks(count);
  cal.MarkRange(marks_first, marks.data(), count);
  cal.table_.resize(count - kCarryLead.count());
  for (size_t i = 0; i < cal.table_.size(); ++i) {
    const bool working = IsWorkingKind(marks[i + kCarryLead.count()].kind);
    cal.table_[i] = working ? (kBase | kEffective) : 0;
  }
  return cal;
}

void WorkCalendar::MarkRange(sys_days first, Mark* out, size_t count) const {
  const sys_days last = first + days{static_cast<long>(count) - 1};
  for (size_t i = 0; i < count; ++i) {
    out[i] = Mark{IsWeekend(first + days{i}) ? DayKind::kWeekend : DayKind::kWorkday, 0, 0};
  }
  struct Occurrence {
    sys_days date;
    std::uint16_t source;
    bool carry;
  };
  std::vector<Occurrence> found;
  const int y0 = static_cast<int>(year_month_day{first}.year());
  const int y1 = static_cast<int>(year_month_day{last}.year());
  for (int y = y0; y <= y1; ++y) {
    for (size_t k = 0; k < data_.fixed.size(); ++k) {
      const FixedHoliday& h = data_.fixed[k];
      if ((h.from_year && y < h.from_year) || (h.until_year && y > h.until_year)) continue;
      const year_month_day ymd{year{y}, month{h.month}, day{h.day}};
      if (!ymd.ok()) continue;  // 29 February in a common year
      const sys_days d{ymd};
      if (d >= first && d <= last) found.push_back({d, static_cast<std::uint16_t>(k), h.carry});
    }
  }
  for (size_t k = 0; k < data_.dated.size(); ++k) {
    const sys_days d{data_.dated[k].date};
    if (d >= first && d <= last) {
      found.push_back(
          {d, static_cast<std::uint16_t>(data_.fixed.size() + k), data_.dated[k].carry});
    }
  }
  std::sort(found.begin(), found.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.date != b.date ? a.date < b.date : a.source < b.source;
  });
  for (const auto& o : found) {
    Mark& m = out[(o.date - first).count()];
    if (m.kind != DayKind::kHoliday) m = Mark{DayKind::kHoliday, 0, o.source};
  }
  // Each weekend holiday takes the next day that is neither weekend, holiday nor already taken,
  // so Nauryz over a weekend spreads its days off after the remaining holidays.
  for (const auto& o : found) {
    if (!o.carry || !IsWeekend(o.date)) continue;
    for (size_t j = static_cast<size_t>((o.date - first).count()) + 1; j < count; ++j) {
      if (out[j].kind != DayKind::kWorkday) continue;
      const auto back = static_cast<long>(j) - (o.date - first).count();
      out[j] =
          Mark{DayKind::kCarriedHoliday, static_cast<std::uint8_t>(std::min(back, 255L)), o.source};
      break;
    }
  }
  for (size_t a = 0; a < data_.acts.size(); ++a) {
    const auto put = [&](const Date& date, DayKind kind) {
      const sys_days d{date};
      if (d >= first && d <= last) {
        out[(d - first).count()] = Mark{kind, 0, static_cast<std::uint16_t>(a)};
      }
    };
    for (const Date& d : data_.acts[a].days_off) put(d, DayKind::kTransferredDayOff);
    for (const Date& d : data_.acts[a].working_days) put(d, DayKind::kTransferredWorkday);
  }
}

WorkCalendar::Mark WorkCalendar::MarkOf(sys_days d) const {
  const year y = year_month_day{d}.year();
  const sys_days first = sys_days{(y - years{1}) / December / 1};
  const auto count = static_cast<size_t>((sys_days{y / December / 31} - first).count() + 1);
  std::array<Mark, 400> marks;  // 31 + 366 days at most
  MarkRange(first, marks.data(), count);
  return marks[(d - first).count()];
}

bool WorkCalendar::IsWorkingDaySlow(sys_days day) const {
  if (auto it = overrides_.find(Date{day}); it != overrides_.end()) return it->second.working;
  return IsWorkingKind(MarkOf(day).kind);
}

DayStatus WorkCalendar::Describe(Date date) const {
  DayStatus s;
  s.date = date;
  if (auto it = overrides_.find(date); it != overrides_.end()) {
    s.working = it->second.working;
    s.kind = s.working ? DayKind::kOverrideWorkday : DayKind::kOverrideDayOff;
    s.note = it->second.note;
    return s;
  }
  const sys_days d{date};
  const Mark m = MarkOf(d);
  s.kind = m.kind;
  s.working = IsWorkingKind(m.kind);
  if (m.kind == DayKind::kHoliday || m.kind == DayKind::kCarriedHoliday) {
    s.holiday = m.source < data_.fixed.size() ? data_.fixed[m.source].name
                                              : data_.dated[m.source - data_.fixed.size()].name;
    if (m.kind == DayKind::kCarriedHoliday) s.carried_from = Date{d - days{m.carried_back}};
  } else if (m.kind == DayKind::kTransferredDayOff || m.kind == DayKind::kTransferredWorkday) {
    s.note = data_.acts[m.source].name;
  }
  return s;
}

Status WorkCalendar::SetOverride(Date date, bool working, std::string note) {
  if (!date.ok()) {
    return FieldError(ErrorCode::kInvalidInput, "date", "time.no_such_date"_msg,
                      "no such date: \"{value}\"", {{"value", FormatDate(date)}});
  }
  constexpr size_t kMaxNote = 1000;
  if (note.size() > kMaxNote) {
    return FieldError(ErrorCode::kInvalidInput, "note", "field.too_many_bytes"_msg,
                      "is longer than {max} bytes", {{"max", std::to_string(kMaxNote)}});
  }
  overrides_[date] = CalendarOverride{working, std::move(note)};
  const auto i = (sys_days{date} - table_first_).count();
  if (i >= 0 && i < static_cast<std::int64_t>(table_.size())) {
    table_[i] = static_cast<std::uint8_t>((table_[i] & kBase) | (working ? kEffective : 0));
  }
  return {};
}

bool WorkCalendar::RemoveOverride(Date date) {
  if (overrides_.erase(date) == 0) return false;
  const auto i = (sys_days{date} - table_first_).count();
  if (i >= 0 && i < static_cast<std::int64_t>(table_.size())) {
    table_[i] = (table_[i] & kBase) ? (kBase | kEffective) : 0;
  }
  return true;
}

}  // namespace jumys
