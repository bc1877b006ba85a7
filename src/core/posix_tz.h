#pragma once
// The POSIX TZ rule found in a TZif file's footer ("<+05>-5", "CET-1CEST,M3.5.0,M10.5.0/3"):
// it gives the offset for instants after the file's last transition.
#include <chrono>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "core/time.h"

namespace jumys {

class PosixTz {
 public:
  // Parses a POSIX.1-2017 TZ string with the RFC 8536 extensions (hours up to 167 in rule
  // times, negative rule times).
  static Expected<PosixTz> Parse(std::string_view text);

  // UTC offset (east positive) in effect at `instant`.
  std::chrono::seconds OffsetAt(Instant instant) const;
  std::chrono::seconds std_offset() const { return std_offset_; }
  bool has_dst() const { return has_dst_; }

 private:
  // One end of daylight time: a day-of-year rule and a local time of day.
  struct Rule {
    enum Kind { kJulian1, kJulian0, kMonthWeekDay } kind = kMonthWeekDay;
    int day = 0;                      // Jn: 1..365; n: 0..365; Mm.w.d: d (0 = Sunday)
    int week = 0;                     // Mm.w.d: w (1..5, 5 = last)
    int month = 0;                    // Mm.w.d: m (1..12)
    std::chrono::seconds time{7200};  // local time of day, default 02:00
  };
  static std::chrono::sys_days RuleDate(const Rule& rule, std::chrono::year y);

  std::chrono::seconds std_offset_{0};  // east positive
  std::chrono::seconds dst_offset_{0};
  bool has_dst_ = false;
  Rule start_;
  Rule end_;
};

}  // namespace jumys
