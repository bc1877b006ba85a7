#include "core/posix_tz.h"

#include <string>

namespace jumys {
namespace {

using namespace std::chrono;

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return pos_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[pos_]; }
  bool Eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Up to `max_digits` digits; nullopt if none.
  std::optional<int> Number(int max_digits) {
    int v = 0, n = 0;
    while (n < max_digits && peek() >= '0' && peek() <= '9') {
      v = v * 10 + (s_[pos_++] - '0');
      ++n;
    }
    if (n == 0) return std::nullopt;
    return v;
  }
  // A zone abbreviation: <...> quoted, or three or more letters.
  bool Name() {
    if (Eat('<')) {
      const size_t start = pos_;
      while (!done() && peek() != '>') ++pos_;
      return pos_ - start >= 3 && Eat('>');
    }
    const size_t start = pos_;
    while ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z')) ++pos_;
    return pos_ - start >= 3;
  }
  // [+-]hh[:mm[:ss]] as seconds, hours up to max_hours.
  std::optional<seconds> Time(int max_hours) {
    int sign = 1;
    if (Eat('-')) {
      sign = -1;
    } else {
      Eat('+');
    }
    const auto h = Number(3);
    if (!h || *h > max_hours) return std::nullopt;
    int total = *h * 3600;
    if (Eat(':')) {
      const auto m = Number(2);
      if (!m || *m > 59) return std::nullopt;
      total += *m * 60;
      if (Eat(':')) {
        const auto s = Number(2);
        if (!s || *s > 59) return std::nullopt;
        total += *s;
      }
    }
    return seconds{sign * total};
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Expected<PosixTz> PosixTz::Parse(std::string_view text) {
  const auto bad = [&](const char* why) {
    return Error::Invalid("timezone.bad_rule"_msg, "bad POSIX TZ rule \"{rule}\": {problem}",
                          {{"rule", std::string(text.substr(0, 64))}, {"problem", why}});
  };
  PosixTz tz;
  Cursor c(text);
  if (!c.Name()) return bad("standard time name");
  const auto std_off = c.Time(24);
  if (!std_off) return bad("standard offset");
  tz.std_offset_ = -*std_off;  // POSIX counts west of Greenwich as positive
  if (c.done()) return tz;

  if (!c.Name()) return bad("daylight time name");
  tz.has_dst_ = true;
  tz.dst_offset_ = tz.std_offset_ + hours{1};
  if (c.peek() != ',' && !c.done()) {
    const auto dst_off = c.Time(24);
    if (!dst_off) return bad("daylight offset");
    tz.dst_offset_ = -*dst_off;
  }
  if (c.done()) return bad("daylight time without rules");
  for (Rule* rule : {&tz.start_, &tz.end_}) {
    if (!c.Eat(',')) return bad("expected ',' before a rule");
    if (c.Eat('M')) {
      rule->kind = Rule::kMonthWeekDay;
      const auto m = c.Number(2);
      if (!m || *m < 1 || *m > 12 || !c.Eat('.')) return bad("month in Mm.w.d");
      const auto w = c.Number(1);
      if (!w || *w < 1 || *w > 5 || !c.Eat('.')) return bad("week in Mm.w.d");
      const auto d = c.Number(1);
      if (!d || *d > 6) return bad("weekday in Mm.w.d");
      rule->month = *m;
      rule->week = *w;
      rule->day = *d;
    } else if (c.Eat('J')) {
      rule->kind = Rule::kJulian1;
      const auto n = c.Number(3);
      if (!n || *n < 1 || *n > 365) return bad("Jn day");
      rule->day = *n;
    } else {
      rule->kind = Rule::kJulian0;
      const auto n = c.Number(3);
      if (!n || *n > 365) return bad("n day");
      rule->day = *n;
    }
    if (c.Eat('/')) {
      const auto t = c.Time(167);
      if (!t) return bad("rule time");
      rule->time = *t;
    }
  }
  if (!c.done()) return bad("trailing characters");
  return tz;
}

sys_days PosixTz::RuleDate(const Rule& rule, year y) {
  const sys_days jan1{y / January / 1};
  switch (rule.kind) {
    case Rule::kJulian1: {
      // Jn never counts 29 February: from March on, a leap year is one day later.
      const int shift = (y.is_leap() && rule.day >= 60) ? 1 : 0;
      return jan1 + days{rule.day - 1 + shift};
    }
    case Rule::kJulian0:
      return jan1 + days{rule.day};
    case Rule::kMonthWeekDay: {
      const month m{static_cast<unsigned>(rule.month)};
      const weekday wd{static_cast<unsigned>(rule.day)};
      if (rule.week == 5) return sys_days{y / m / wd[last]};
      return sys_days{y / m / wd[static_cast<unsigned>(rule.week)]};
    }
  }
  return jan1;
}

seconds PosixTz::OffsetAt(Instant instant) const {
  if (!has_dst_) return std_offset_;
  const year y = year_month_day{floor<days>(instant + std_offset_)}.year();
  // Daylight time starts at a standard-time wall clock and ends at a daylight one.
  const Instant start = Instant{RuleDate(start_, y)} + start_.time - std_offset_;
  const Instant end = Instant{RuleDate(end_, y)} + end_.time - dst_offset_;
  const bool in_dst = start < end ? (instant >= start && instant < end)
                                  : !(instant >= end && instant < start);  // southern hemisphere
  return in_dst ? dst_offset_ : std_offset_;
}

}  // namespace jumys
