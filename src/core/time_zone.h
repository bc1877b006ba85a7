#pragma once
// IANA time zones read from the system's TZif files (Debian's tzdata), because libstdc++ 12 has
// no std::chrono::tzdb. Offsets only: abbreviations and DST flags are not needed here.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"

namespace jumys {

class TimeZone {
 public:
  // Loads "Asia/Qyzylorda" from $TZDIR or /usr/share/zoneinfo. Loaded zones are cached for the
  // life of the process (thread-safe); a TimeZone is a cheap handle to immutable data.
  static Expected<TimeZone> Load(std::string_view iana_name);
  // Loads from a given zoneinfo directory, uncached (tests, unusual layouts).
  static Expected<TimeZone> LoadFrom(const std::filesystem::path& zoneinfo_dir,
                                     std::string_view iana_name);
  // Parses the bytes of a TZif file (RFC 8536, versions 1-4).
  static Expected<TimeZone> FromTzif(std::string name, std::string_view bytes);
  // A zone with one fixed offset (east positive), named e.g. "UTC".
  static TimeZone Fixed(std::string name, std::chrono::seconds utc_offset);

  const std::string& name() const;

  // UTC -> local: the offset (east positive) in effect at an instant.
  std::chrono::seconds OffsetAt(Instant instant) const;
  LocalTime ToLocal(Instant instant) const {
    return LocalTime{(instant + OffsetAt(instant)).time_since_epoch()};
  }
  // Local -> UTC. A wall time that occurs twice (clocks set back) maps to the earlier instant;
  // one skipped by a forward jump maps to the instant of the jump.
  Instant ToUtc(LocalTime local) const;

 private:
  struct Data;
  explicit TimeZone(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace jumys
