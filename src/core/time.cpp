#include "core/time.h"

#include <cstdio>

namespace jumys {
namespace {

using namespace std::chrono;

// Reads exactly `n` ASCII digits at `pos`; -1 if any is missing.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// User input quoted in a message, shortened so a huge query string does not flood a response.
MessageParams Quoted(std::string_view s) {
  constexpr size_t kMax = 40;
  std::string out(s.substr(0, kMax));
  if (s.size() > kMax) out.append("...");
  return {{"value", std::move(out)}};
}

// "YYYY-MM-DD" at the start of s, checked to be a real date; `bad_format()` when it does not
// look like one.
template <typename BadFormat>
Expected<Date> DatePrefix(std::string_view s, std::string_view whole, BadFormat bad_format) {
  const int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (y < 0 || m < 0 || d < 0 || s.size() < 10 || s[4] != '-' || s[7] != '-') {
    return bad_format();
  }
  const Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok())
    return Error::Invalid("time.no_such_date"_msg, "no such date: \"{value}\"", Quoted(whole));
  return date;
}

Error TrailingCharacters(std::string_view text) {
  return Error::Invalid("time.trailing_characters"_msg, "trailing characters in \"{value}\"",
                        Quoted(text));
}

// "HH:MM" or "HH:MM:SS" at s[pos]; returns seconds of day and advances pos.
Expected<int> ClockAt(std::string_view s, size_t& pos, bool seconds_required,
                      std::string_view whole) {
  const int hh = Digits(s, pos, 2), mm = Digits(s, pos + 3, 2);
  if (hh < 0 || mm < 0 || s[pos + 2] != ':') {
    return Error::Invalid("time.clock_format"_msg,
                          "time of day must be HH:MM[:SS], got \"{value}\"", Quoted(whole));
  }
  pos += 5;
  int ss = 0;
  if (pos < s.size() && s[pos] == ':') {
    ss = Digits(s, pos + 1, 2);
    if (ss < 0)
      return Error::Invalid("time.bad_seconds"_msg, "bad seconds in \"{value}\"", Quoted(whole));
    pos += 3;
  } else if (seconds_required) {
    return Error::Invalid("time.seconds_required"_msg,
                          "seconds are required (HH:MM:SS) in \"{value}\"", Quoted(whole));
  }
  if (hh > 23 || mm > 59 || ss > 59) {
    return Error::Invalid("time.out_of_range"_msg, "time out of range in \"{value}\"",
                          Quoted(whole));
  }
  return hh * 3600 + mm * 60 + ss;
}

void AppendDate(std::string& out, Date date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  out += buf;
}

void AppendClock(std::string& out, seconds since_midnight) {
  const auto s = since_midnight.count();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  out += buf;
}

}  // namespace

Expected<Instant> ParseRfc3339(std::string_view text) {
  const auto bad_format = [&] {
    return Error::Invalid("time.instant_format"_msg,
                          "instant must be RFC 3339, e.g. 2024-03-20T07:50:00Z, got \"{value}\"",
                          Quoted(text));
  };
  auto date = DatePrefix(text, text, bad_format);
  if (!date) return date.error();
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) {
    return bad_format();
  }
  size_t pos = 11;
  auto clock = ClockAt(text, pos, true, text);
  if (!clock) return clock.error();
  if (pos < text.size() && text[pos] == '.') {
    const size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) {
      return Error::Invalid("time.empty_fraction"_msg, "empty fraction of a second in \"{value}\"",
                            Quoted(text));
    }
  }
  int offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    const int oh = Digits(text, pos + 1, 2), om = Digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || text[pos + 3] != ':' || oh > 23 || om > 59) {
      return Error::Invalid("time.offset_format"_msg,
                            "UTC offset must be +HH:MM or -HH:MM in \"{value}\"", Quoted(text));
    }
    offset = sign * (oh * 3600 + om * 60);
    pos += 6;
  } else {
    return Error::Invalid("time.needs_offset"_msg,
                          "instant needs a UTC offset (Z or +05:00): \"{value}\"", Quoted(text));
  }
  if (pos != text.size()) return TrailingCharacters(text);
  return Instant{sys_days{*date}} + seconds{*clock - offset};
}

std::string FormatRfc3339(Instant instant) {
  const auto day = floor<days>(instant);
  std::string out;
  out.reserve(20);
  AppendDate(out, Date{day});
  out += 'T';
  AppendClock(out, instant - day);
  out += 'Z';
  return out;
}

Expected<Date> ParseDate(std::string_view text) {
  const auto bad_format = [&] {
    return Error::Invalid("time.date_format"_msg,
                          "date must be exactly YYYY-MM-DD, got \"{value}\"", Quoted(text));
  };
  auto date = DatePrefix(text, text, bad_format);
  if (!date) return date;
  if (text.size() != 10) return bad_format();
  return date;
}

std::string FormatDate(Date date) {
  std::string out;
  AppendDate(out, date);
  return out;
}

Expected<LocalTime> ParseLocalTime(std::string_view text) {
  const auto bad_format = [&] {
    return Error::Invalid("time.local_time_format"_msg,
                          "local time must be YYYY-MM-DDTHH:MM[:SS], got \"{value}\"",
                          Quoted(text));
  };
  auto date = DatePrefix(text, text, bad_format);
  if (!date) return date.error();
  if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ')) return bad_format();
  size_t pos = 11;
  auto clock = ClockAt(text, pos, false, text);
  if (!clock) return clock.error();
  if (pos != text.size()) return TrailingCharacters(text);
  return LocalTime{local_days{*date}.time_since_epoch()} + seconds{*clock};
}

std::string FormatLocalTime(LocalTime local) {
  const auto day = floor<days>(local);
  std::string out;
  AppendDate(out, Date{day});
  out += 'T';
  AppendClock(out, local - day);
  return out;
}

}  // namespace jumys
