#include "core/time_zone.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <vector>

#include "core/posix_tz.h"

namespace jumys {

using namespace std::chrono;

struct TimeZone::Data {
  std::string name;
  std::vector<std::int64_t> transitions;  // UTC seconds, ascending
  std::vector<std::int32_t> offsets;      // offset in effect from transitions[i] on
  std::int32_t initial_offset = 0;        // before the first transition (time type 0)
  std::optional<PosixTz> footer;          // after the last transition
};

namespace {

constexpr std::string_view kDefaultZoneDir = "/usr/share/zoneinfo";

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool Has(size_t n) const { return pos_ <= b_.size() && b_.size() - pos_ >= n; }
  size_t pos() const { return pos_; }
  void Skip(size_t n) { pos_ += n; }
  std::uint8_t U8() { return static_cast<std::uint8_t>(b_[pos_++]); }
  std::int64_t Int(size_t width) {  // big-endian two's complement, 4 or 8 bytes
    std::uint64_t v = 0;
    for (size_t i = 0; i < width; ++i) v = (v << 8) | U8();
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  std::string_view Rest() const { return b_.substr(pos_); }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

struct Header {
  char version = 0;
  std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

std::optional<Header> ReadHeader(Reader& r) {
  if (!r.Has(44) || r.Rest().substr(0, 4) != "TZif") return std::nullopt;
  Header h;
  r.Skip(4);
  h.version = static_cast<char>(r.U8());
  r.Skip(15);
  h.isutcnt = static_cast<std::uint32_t>(r.Int(4));
  h.isstdcnt = static_cast<std::uint32_t>(r.Int(4));
  h.leapcnt = static_cast<std::uint32_t>(r.Int(4));
  h.timecnt = static_cast<std::uint32_t>(r.Int(4));
  h.typecnt = static_cast<std::uint32_t>(r.Int(4));
  h.charcnt = static_cast<std::uint32_t>(r.Int(4));
  return h;
}

size_t BlockSize(const Header& h, size_t time_width) {
  return size_t{h.timecnt} * time_width + h.timecnt + size_t{h.typecnt} * 6 + h.charcnt +
         size_t{h.leapcnt} * (time_width + 4) + h.isstdcnt + h.isutcnt;
}

bool ValidZoneName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/') return false;
  size_t seg_start = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '/') {
      const auto seg = name.substr(seg_start, i - seg_start);
      if (seg.empty() || seg == "." || seg == "..") return false;
      seg_start = i + 1;
      continue;
    }
    const char c = name[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '+' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Expected<TimeZone> TimeZone::FromTzif(std::string name, std::string_view bytes) {
  const auto bad = [&](const char* why) {
    return Error::Invalid("timezone.bad_data"_msg, "time zone {zone}: bad TZif data: {problem}",
                          {{"zone", name}, {"problem", why}});
  };
  Reader r(bytes);
  auto header = ReadHeader(r);
  if (!header) return bad("no TZif header");
  size_t width = 4;
  if (header->version >= '2') {
    // Skip the 32-bit block; the 64-bit one after the second header is authoritative.
    const size_t v1 = BlockSize(*header, 4);
    if (!r.Has(v1)) return bad("truncated version 1 block");
    r.Skip(v1);
    header = ReadHeader(r);
    if (!header) return bad("no second header");
    width = 8;
  }
  const Header& h = *header;
  if (h.typecnt == 0) return bad("no local time types");
  if (!r.Has(BlockSize(h, width))) return bad("truncated data block");

  auto data = std::make_shared<Data>();
  data->name = std::move(name);
  data->transitions.resize(h.timecnt);
  for (auto& t : data->transitions) t = r.Int(width);
  std::vector<std::uint8_t> index(h.timecnt);
  for (auto& i : index) i = r.U8();
  std::vector<std::int32_t> utoff(h.typecnt);
  for (auto& off : utoff) {
    off = static_cast<std::int32_t>(r.Int(4));
    r.Skip(2);  // isdst, abbreviation index
    if (off == INT32_MIN || off < -25 * 3600 || off > 26 * 3600) return bad("offset out of range");
  }
  r.Skip(h.charcnt + size_t{h.leapcnt} * (width + 4) + h.isstdcnt + h.isutcnt);
  if (!std::is_sorted(data->transitions.begin(), data->transitions.end())) {
    return bad("transitions out of order");
  }
  data->offsets.reserve(h.timecnt);
  for (auto i : index) {
    if (i >= h.typecnt) return bad("transition type out of range");
    data->offsets.push_back(utoff[i]);
  }
  data->initial_offset = utoff[0];

  if (width == 8) {
    const std::string_view rest = r.Rest();
    if (rest.empty() || rest.front() != '\n') return bad("missing footer");
    const size_t end = rest.find('\n', 1);
    if (end == std::string_view::npos) return bad("unterminated footer");
    const std::string_view tz = rest.substr(1, end - 1);
    if (!tz.empty()) {
      auto footer = PosixTz::Parse(tz);
      if (!footer) return bad("unreadable footer rule");
      data->footer = std::move(*footer);
    }
  }
  return TimeZone(std::move(data));
}

TimeZone TimeZone::Fixed(std::string name, seconds utc_offset) {
  auto data = std::make_shared<Data>();
  data->name = std::move(name);
  data->initial_offset = static_cast<std::int32_t>(utc_offset.count());
  return TimeZone(std::move(data));
}

Expected<TimeZone> TimeZone::LoadFrom(const std::filesystem::path& zoneinfo_dir,
                                      std::string_view iana_name) {
  if (!ValidZoneName(iana_name)) {
    return Error::Invalid("timezone.bad_name"_msg, "not a time zone name: \"{zone}\"",
                          {{"zone", std::string(iana_name.substr(0, 64))}});
  }
  std::ifstream in(zoneinfo_dir / std::filesystem::path(iana_name), std::ios::binary);
  if (!in) {
    return Error::NotFound("timezone.unknown"_msg, "unknown time zone: {zone}",
                           {{"zone", std::string(iana_name)}});
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return FromTzif(std::string(iana_name), bytes.str());
}

Expected<TimeZone> TimeZone::Load(std::string_view iana_name) {
  struct Cache {
    std::mutex mu;
    std::map<std::string, TimeZone, std::less<>> zones;
  };
  static Cache cache;  // function-local: built on first use, never at start-up
  {
    std::lock_guard lock(cache.mu);
    if (auto it = cache.zones.find(iana_name); it != cache.zones.end()) return it->second;
  }
  const char* env_dir = std::getenv("TZDIR");
  const std::filesystem::path dir = (env_dir && *env_dir) ? env_dir : kDefaultZoneDir;
  auto zone = LoadFrom(dir, iana_name);
  if (!zone) return zone;
  std::lock_guard lock(cache.mu);
  return cache.zones.emplace(std::string(iana_name), *zone).first->second;
}

const std::string& TimeZone::name() const { return data_->name; }

seconds TimeZone::OffsetAt(Instant instant) const {
  const Data& d = *data_;
  const std::int64_t t = instant.time_since_epoch().count();
  if (d.transitions.empty()) {
    return d.footer ? d.footer->OffsetAt(instant) : seconds{d.initial_offset};
  }
  const auto it = std::upper_bound(d.transitions.begin(), d.transitions.end(), t);
  if (it == d.transitions.begin()) return seconds{d.initial_offset};
  if (it == d.transitions.end() && d.footer) return d.footer->OffsetAt(instant);
  return seconds{d.offsets[static_cast<size_t>(it - d.transitions.begin()) - 1]};
}

Instant TimeZone::ToUtc(LocalTime local) const {
  const Instant naive{local.time_since_epoch()};
  // Every offset that could apply to this wall time is in effect within a day of it.
  seconds candidates[6];
  size_t n = 0;
  const auto add = [&](seconds off) {
    if (n < std::size(candidates) && std::find(candidates, candidates + n, off) == candidates + n) {
      candidates[n++] = off;
    }
  };
  add(OffsetAt(naive - hours{26}));
  add(OffsetAt(naive + hours{26}));
  for (size_t i = 0; i < n; ++i) add(OffsetAt(naive - candidates[i]));

  std::optional<Instant> best;
  Instant lo = Instant::max(), hi = Instant::min();
  for (size_t i = 0; i < n; ++i) {
    const Instant t = naive - candidates[i];
    lo = std::min(lo, t);
    hi = std::max(hi, t);
    if (OffsetAt(t) == candidates[i] && (!best || t < *best)) best = t;
  }
  if (best) return *best;
  // Skipped wall time: find the jump between lo (old offset) and hi (new offset).
  const seconds before = OffsetAt(lo);
  while (hi - lo > seconds{1}) {
    const Instant mid = lo + (hi - lo) / 2;
    (OffsetAt(mid) == before ? lo : hi) = mid;
  }
  return hi;
}

}  // namespace jumys
