#pragma once
// The Kazakhstan working calendar (reference/calendar/): weekends, public holidays with the
// weekend-carry rule, per-year religious holidays, the government's transfer acts, and admin
// overrides. Built from data (reference/calendar, see core/calendar_loader.h); no rule here
// names a date.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/office_hours.h"
#include "core/time.h"

namespace jumys {

struct LocalizedName {
  std::string kk;
  std::string ru;
  std::string en;
  bool operator==(const LocalizedName&) const = default;
};

// A holiday on the same month/day every year (Law "On holidays").
struct FixedHoliday {
  unsigned month = 1;
  unsigned day = 1;
  LocalizedName name;
  bool carry = true;   // on a Saturday/Sunday the day off moves to the next working day
  int from_year = 0;   // first year in force; 0 = always
  int until_year = 0;  // last year in force; 0 = still in force
};

// A holiday entered per year (the first day of Kurban Ait).
struct DatedHoliday {
  Date date;
  LocalizedName name;
  bool carry = false;
};

// One transfer-of-days-off act: weekdays that become days off, Saturdays/Sundays that become
// working days.
struct TransferAct {
  std::string name;
  std::vector<Date> days_off;
  std::vector<Date> working_days;
};

struct CalendarData {
  std::vector<FixedHoliday> fixed;
  std::vector<DatedHoliday> dated;
  std::vector<TransferAct> acts;
};

// Each returns a message without location; the loader adds file and line.
Status ValidateHoliday(const FixedHoliday& h);
Status ValidateHoliday(const DatedHoliday& h);
Status ValidateTransferAct(const TransferAct& act);

enum class DayKind : std::uint8_t {
  kWorkday,             // an ordinary working day
  kWeekend,             // Saturday or Sunday
  kHoliday,             // a public holiday
  kCarriedHoliday,      // the day off of a holiday that fell on a weekend
  kTransferredDayOff,   // a weekday made a day off by a transfer act
  kTransferredWorkday,  // a weekend day made a working day by a transfer act
  kOverrideDayOff,      // set by an administrator
  kOverrideWorkday,     // set by an administrator
};
const char* DayKindName(DayKind kind);  // "workday", "weekend", "holiday", "carried_holiday", ...

// Why a day is or is not a working day.
struct DayStatus {
  Date date;
  bool working = true;
  DayKind kind = DayKind::kWorkday;
  LocalizedName holiday;             // kHoliday, kCarriedHoliday
  std::optional<Date> carried_from;  // kCarriedHoliday: the holiday's own date
  std::string note;                  // transfer act name, or the administrator's note
};

struct CalendarOverride {
  bool working = false;
  std::string note;
  bool operator==(const CalendarOverride&) const = default;
};

class WorkCalendar {
 public:
  static Expected<WorkCalendar> Build(CalendarData data);

  bool IsWorkingDay(Date date) const { return IsWorkingDay(std::chrono::sys_days{date}); }
  bool IsWorkingDay(std::chrono::sys_days day) const {
    const auto i = (day - table_first_).count();
    if (i >= 0 && i < static_cast<std::int64_t>(table_.size())) return table_[i] & kEffective;
    return IsWorkingDaySlow(day);
  }
  DayStatus Describe(Date date) const;

  // Admin edits win over every rule. Not safe concurrently with readers: swap whole calendars.
  Status SetOverride(Date date, bool working, std::string note);
  bool RemoveOverride(Date date);  // false if there was none
  const std::map<Date, CalendarOverride>& overrides() const { return overrides_; }
  const CalendarData& data() const { return data_; }

 private:
  // Per day, from the rules alone (no overrides).
  struct Mark {
    DayKind kind = DayKind::kWorkday;
    std::uint8_t carried_back = 0;  // kCarriedHoliday: days back to the holiday
    std::uint16_t source = 0;       // holiday index (fixed, then dated) or act index
  };
  static constexpr std::uint8_t kBase = 1;       // working by the rules
  static constexpr std::uint8_t kEffective = 2;  // working after overrides

  void MarkRange(std::chrono::sys_days first, Mark* out, size_t count) const;
  bool IsWorkingDaySlow(std::chrono::sys_days day) const;
  Mark MarkOf(std::chrono::sys_days day) const;

  CalendarData data_;
  std::map<Date, CalendarOverride> overrides_;
  std::chrono::sys_days table_first_{};
  std::vector<std::uint8_t> table_;  // kBase | kEffective bits per day from table_first_
};

}  // namespace jumys
