#include "core/time_zone.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "core/posix_tz.h"
#include "storage/testing/test_databases.h"

namespace jumys {
namespace {

using namespace std::chrono;

Instant Utc(const char* text) {
  auto t = ParseRfc3339(text);
  EXPECT_TRUE(t) << text;
  return t ? *t : Instant{};
}

LocalTime Wall(const char* text) {
  auto t = ParseLocalTime(text);
  EXPECT_TRUE(t) << text;
  return t ? *t : LocalTime{};
}

TimeZone MustLoad(const char* name) {
  auto z = TimeZone::Load(name);
  EXPECT_TRUE(z) << name << ": " << (z ? "" : z.error().message);
  return z ? *z : TimeZone::Fixed("UTC", seconds{0});
}

TEST(TimeZoneTest, KazakhZonesMovedToUtcPlus5) {
  struct Case {
    const char* zone;
    const char* utc;
    int offset_hours;
  };
  const Case cases[] = {
      {"Asia/Qyzylorda", "2018-12-20T12:00:00Z", 6},
      {"Asia/Qyzylorda", "2018-12-20T17:59:59Z", 6},
      {"Asia/Qyzylorda", "2018-12-20T18:00:00Z", 5},  // 21 Dec 2018 00:00 +06
      {"Asia/Qyzylorda", "2024-06-01T00:00:00Z", 5},
      {"Asia/Qyzylorda", "2045-01-01T00:00:00Z", 5},  // past the table: the footer <+05>-5
      {"Asia/Almaty", "2024-02-29T17:59:59Z", 6},
      {"Asia/Almaty", "2024-02-29T18:00:00Z", 5},  // 1 Mar 2024 00:00 +06
      {"Asia/Almaty", "2010-07-01T00:00:00Z", 6},
      {"Asia/Almaty", "2050-07-01T00:00:00Z", 5},
      {"Asia/Aqtobe", "2020-01-01T00:00:00Z", 5},
      {"UTC", "2024-01-01T00:00:00Z", 0},
  };
  for (const auto& c : cases) {
    const TimeZone z = MustLoad(c.zone);
    EXPECT_EQ(z.name(), c.zone);
    EXPECT_EQ(z.OffsetAt(Utc(c.utc)), hours{c.offset_hours}) << c.zone << " " << c.utc;
  }
}

TEST(TimeZoneTest, LocalToUtcAcrossTheQyzylordaChange) {
  const TimeZone z = MustLoad("Asia/Qyzylorda");
  struct Case {
    const char* local;
    const char* utc;
  };
  const Case cases[] = {
      {"2018-12-20T12:00", "2018-12-20T06:00:00Z"},  // still +06
      {"2018-12-20T23:30", "2018-12-20T17:30:00Z"},  // occurs twice: the earlier (+06)
      {"2018-12-21T09:00", "2018-12-21T04:00:00Z"},  // +05
      {"2024-03-20T12:50", "2024-03-20T07:50:00Z"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatRfc3339(z.ToUtc(Wall(c.local))), c.utc) << c.local;
  }
  // UTC -> local -> UTC is the identity away from the overlap.
  for (Instant t = Utc("2018-12-19T00:00:00Z"); t < Utc("2018-12-23T00:00:00Z"); t += minutes{37}) {
    const LocalTime l = z.ToLocal(t);
    const bool in_overlap = l >= Wall("2018-12-20T23:00") && l < Wall("2018-12-21T00:00");
    if (!in_overlap) {
      EXPECT_EQ(z.ToUtc(l), t) << FormatRfc3339(t);
    }
  }
}

TEST(TimeZoneTest, DaylightSavingGapsAndOverlapsFromTheFooterRule) {
  // 2040 lies past any transition a TZif file lists: Berlin's offsets come from its footer.
  const TimeZone z = MustLoad("Europe/Berlin");
  EXPECT_EQ(z.OffsetAt(Utc("2040-01-15T12:00:00Z")), hours{1});
  EXPECT_EQ(z.OffsetAt(Utc("2040-07-15T12:00:00Z")), hours{2});
  // Spring forward on Sunday 25 March 2040 at 01:00 UTC: 02:30 does not exist.
  EXPECT_EQ(z.OffsetAt(Utc("2040-03-25T00:59:59Z")), hours{1});
  EXPECT_EQ(z.OffsetAt(Utc("2040-03-25T01:00:00Z")), hours{2});
  EXPECT_EQ(FormatRfc3339(z.ToUtc(Wall("2040-03-25T02:30"))), "2040-03-25T01:00:00Z");
  // Fall back on Sunday 28 October 2040 at 01:00 UTC: 02:30 happens twice, take the first.
  EXPECT_EQ(FormatRfc3339(z.ToUtc(Wall("2040-10-28T02:30"))), "2040-10-28T00:30:00Z");
  EXPECT_EQ(FormatRfc3339(z.ToUtc(Wall("2040-10-28T03:30"))), "2040-10-28T02:30:00Z");
  // Southern hemisphere: daylight time spans the new year.
  const TimeZone syd = MustLoad("Australia/Sydney");
  EXPECT_EQ(syd.OffsetAt(Utc("2045-01-10T00:00:00Z")), hours{11});
  EXPECT_EQ(syd.OffsetAt(Utc("2045-07-10T00:00:00Z")), hours{10});
}

TEST(TimeZoneTest, PosixRules) {
  struct Case {
    const char* rule;
    const char* utc;
    int offset_minutes;
  };
  const Case cases[] = {
      {"<+05>-5", "2030-06-01T00:00:00Z", 300},
      {"<-03>3", "2030-06-01T00:00:00Z", -180},
      {"<+0530>-5:30", "2030-06-01T00:00:00Z", 330},
      {"UTC0", "2030-06-01T00:00:00Z", 0},
      {"CET-1CEST,M3.5.0,M10.5.0/3", "2030-03-31T00:59:59Z", 60},
      {"CET-1CEST,M3.5.0,M10.5.0/3", "2030-03-31T01:00:00Z", 120},
      {"EST5EDT,M3.2.0,M11.1.0", "2030-07-01T00:00:00Z", -240},
      {"EST5EDT,M3.2.0,M11.1.0", "2030-12-01T00:00:00Z", -300},
      {"XXX3YYY,J60/0,J300/0", "2031-03-01T02:59:59Z", -180},  // J60 = 1 March
      {"XXX3YYY,J60/0,J300/0", "2031-03-01T03:00:00Z", -120},
      {"XXX3YYY,59/0,299/0", "2032-02-29T03:00:00Z", -120},  // n counts 29 February
      {"<+13>-13<+14>,M9.5.0/3,M4.1.0/4", "2030-01-01T00:00:00Z", 14 * 60},
  };
  for (const auto& c : cases) {
    auto tz = PosixTz::Parse(c.rule);
    ASSERT_TRUE(tz) << c.rule << ": " << tz.error().message;
    EXPECT_EQ(tz->OffsetAt(Utc(c.utc)), minutes{c.offset_minutes}) << c.rule << " " << c.utc;
  }
  for (const char* bad :
       {"", "5", "AB-5", "<+05-5", "CET-1CEST", "CET-1CEST,M13.1.0,M10.5.0",
        "CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.7,M10.5.0", "CET-1CEST,J0,J100",
        "CET-1CEST,M3.5.0", "UTC0junk", "CET-1CEST,M3.5.0/200,M10.5.0"}) {
    EXPECT_FALSE(PosixTz::Parse(bad)) << bad;
  }
}

TEST(TimeZoneTest, RejectsBadNamesAndFiles) {
  for (const char* bad : {"", "/etc/passwd", "../etc/passwd", "Asia/../../etc/passwd",
                          "Asia//Almaty", "Asia/Almaty\n", "Asia/Alma ty"}) {
    auto z = TimeZone::Load(bad);
    ASSERT_FALSE(z) << bad;
    EXPECT_EQ(z.error().code, ErrorCode::kInvalidInput) << bad;
  }
  auto missing = TimeZone::Load("Asia/Atlantis");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  EXPECT_FALSE(TimeZone::FromTzif("x", ""));
  EXPECT_FALSE(
      TimeZone::FromTzif("x", "TZif2 not really a zone file at all......................"));
  // A real file cut short fails cleanly.
  std::ifstream in("/usr/share/zoneinfo/Asia/Almaty", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 200u);
  EXPECT_TRUE(TimeZone::FromTzif("Asia/Almaty", bytes));
  for (size_t cut : {size_t{10}, size_t{60}, bytes.size() / 2, bytes.size() - 3}) {
    EXPECT_FALSE(TimeZone::FromTzif("Asia/Almaty", std::string_view(bytes).substr(0, cut))) << cut;
  }
}

TEST(TimeZoneTest, ReadsFromAnotherDirectoryAndFixedZones) {
  const storage::TempDir temp;
  const auto& dir = temp.path();
  std::filesystem::create_directories(dir / "Test");
  std::filesystem::copy_file("/usr/share/zoneinfo/Asia/Qyzylorda", dir / "Test" / "Zone",
                             std::filesystem::copy_options::overwrite_existing);
  auto z = TimeZone::LoadFrom(dir, "Test/Zone");
  ASSERT_TRUE(z) << z.error().message;
  EXPECT_EQ(z->name(), "Test/Zone");
  EXPECT_EQ(z->OffsetAt(Utc("2017-01-01T00:00:00Z")), hours{6});

  const TimeZone fixed = TimeZone::Fixed("+05", hours{5});
  EXPECT_EQ(fixed.OffsetAt(Utc("1900-01-01T00:00:00Z")), hours{5});
  EXPECT_EQ(FormatRfc3339(fixed.ToUtc(Wall("2024-01-01T00:00"))), "2023-12-31T19:00:00Z");
}

TEST(TimeZoneTest, CacheIsSharedAcrossThreads) {
  std::vector<std::thread> threads;
  std::vector<seconds> offsets(8);
  for (size_t i = 0; i < offsets.size(); ++i) {
    threads.emplace_back([&, i] {
      auto z = TimeZone::Load(i % 2 ? "Asia/Oral" : "Asia/Qostanay");
      offsets[i] = z ? z->OffsetAt(Utc("2025-01-01T00:00:00Z")) : seconds{-1};
    });
  }
  for (auto& t : threads) t.join();
  for (auto off : offsets) EXPECT_EQ(off, hours{5});
}

}  // namespace
}  // namespace jumys
