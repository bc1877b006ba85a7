#include "core/calendar_loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/source_dir.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

const fs::path kShipped = jumys::SourceDir() / "reference" / "calendar";

// A scratch calendar directory, removed at the end of the test.
class CalendarDir {
 public:
  CalendarDir() {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("jumys_calendar_" + std::to_string(getpid()) + "_" + std::to_string(++counter));
    fs::create_directories(dir_ / "transfers");
  }
  ~CalendarDir() { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
};

const char* kHolidays = R"(movable: [kurban-ait.yaml]
holidays:
  - date: 01-01
    name: {kk: Жаңа жыл, ru: Новый год, en: New Year}
  - date: 01-07
    name: {kk: Рождество, ru: Рождество, en: Christmas}
    carry: false
)";
const char* kKurban = R"(name: {kk: Құрбан айт, ru: Курбан айт, en: Kurban Ait}
dates: [2025-06-06]
)";
const char* kTransfers2025 = R"(year: 2025
acts:
  - name: Order of 21.11.2024
    days_off: [2025-01-03]
    working_days: [2025-01-05]
)";

TEST(CalendarLoaderTest, LoadsTheShippedCalendar) {
  auto data = LoadCalendarData(kShipped);
  ASSERT_TRUE(data) << data.error().message;
  EXPECT_GE(data->fixed.size(), 14u);
  EXPECT_GE(data->dated.size(), 4u);
  EXPECT_GE(data->acts.size(), 2u);
  const auto christmas = std::find_if(data->fixed.begin(), data->fixed.end(),
                                      [](const auto& h) { return h.month == 1 && h.day == 7; });
  ASSERT_NE(christmas, data->fixed.end());
  EXPECT_FALSE(christmas->carry);
  EXPECT_TRUE(data->fixed.front().carry);  // carry defaults to true
  EXPECT_FALSE(data->dated.front().carry);
  EXPECT_TRUE(LoadCalendarDir(kShipped));

  auto hours = LoadOfficeHours(kShipped / "office-hours.yaml");
  ASSERT_TRUE(hours) << hours.error().message;
  EXPECT_EQ(*hours, OfficeHours::Standard());
}

TEST(CalendarLoaderTest, ReadsAMinimalDirectory) {
  CalendarDir dir;
  dir.Write("holidays.yaml", kHolidays);
  dir.Write("kurban-ait.yaml", kKurban);
  dir.Write("transfers/2025.yaml", kTransfers2025);
  dir.Write("transfers/README.txt", "not yaml, ignored");
  auto cal = LoadCalendarDir(dir.path());
  ASSERT_TRUE(cal) << cal.error().message;
  EXPECT_FALSE(cal->IsWorkingDay(2025y / June / 6));
  EXPECT_FALSE(cal->IsWorkingDay(2025y / January / 3));
  EXPECT_TRUE(cal->IsWorkingDay(2025y / January / 5));
  EXPECT_FALSE(cal->IsWorkingDay(2023y / January / 2));  // New Year on Sunday carried
  EXPECT_TRUE(cal->IsWorkingDay(2023y / January / 9));   // Christmas on Saturday: not carried
}

TEST(CalendarLoaderTest, ErrorsNameFileAndLine) {
  struct Case {
    const char* why;
    const char* file;
    const char* text;
    const char* expected;  // a part of the message
  };
  const Case cases[] = {
      {"syntax", "holidays.yaml", "holidays:\n  - date: [01-01\n", "holidays.yaml:"},
      {"misspelt key", "holidays.yaml",
       "holidays:\n  - date: 01-01\n    name: {kk: a, ru: b, en: c}\n    cary: false\n",
       "holidays.yaml:4: unknown key 'cary'"},
      {"bad month-day", "holidays.yaml",
       "holidays:\n  - date: 3-21\n    name: {kk: a, ru: b, en: c}\n",
       "holidays.yaml:2: 'date' must be MM-DD"},
      {"no such day", "holidays.yaml",
       "holidays:\n  - date: 02-30\n    name: {kk: a, ru: b, en: c}\n", "holidays.yaml:2:"},
      {"missing language", "holidays.yaml",
       "holidays:\n  - date: 01-01\n    name: {kk: a, ru: b}\n", "holidays.yaml:3: missing 'en'"},
      {"bad carry", "holidays.yaml",
       "holidays:\n  - date: 01-01\n    name: {kk: a, ru: b, en: c}\n    carry: maybe\n",
       "holidays.yaml:4: 'carry' must be true or false"},
      {"bad year", "holidays.yaml",
       "holidays:\n  - date: 01-01\n    name: {kk: a, ru: b, en: c}\n    from: 22\n",
       "holidays.yaml:4: 'from' must be a year"},
      {"no list", "holidays.yaml", "holidays: 5\n", "expected 'holidays:' with a list"},
      {"escaping movable", "holidays.yaml", "holidays: []\nmovable: [../x.yaml]\n",
       "holidays.yaml:2: 'movable' entries are file names"},
      {"missing movable", "holidays.yaml", "holidays: []\nmovable: [oraza-ait.yaml]\n",
       "oraza-ait.yaml: cannot read the file"},
      {"bad dated", "kurban-ait.yaml",
       "name: {kk: a, ru: b, en: c}\ndates:\n  - 2025-06-06\n  - 2025-02-29\n",
       "kurban-ait.yaml:4: no such date"},
      {"transfer year vs file", "transfers/2025.yaml", "year: 2024\nacts: []\n",
       "2025.yaml:1: 'year' must be given and match the file name"},
      {"transfer date in another year", "transfers/2025.yaml",
       "year: 2025\nacts:\n  - name: Order\n    days_off: [2024-05-08]\n",
       "2025.yaml:3: date 2024-05-08 is not in 2025"},
      {"transfer of a weekday to work", "transfers/2025.yaml",
       "year: 2025\nacts:\n  - name: Order\n    working_days: [2025-01-06]\n",
       "2025.yaml:3: transfer act 'Order': working day 2025-01-06 is not a Saturday or Sunday"},
      {"acts not a list", "transfers/2025.yaml", "year: 2025\nacts: {}\n",
       "2025.yaml:1: expected 'acts:'"},
      {"scalar where a mapping belongs", "transfers/2025.yaml", "year: 2025\nacts: [Order]\n",
       "2025.yaml:2: expected a mapping"},
  };
  CalendarDir dir;
  for (const auto& c : cases) {
    dir.Write("holidays.yaml", kHolidays);
    dir.Write("kurban-ait.yaml", kKurban);
    dir.Write("transfers/2025.yaml", kTransfers2025);
    dir.Write(c.file, c.text);
    auto cal = LoadCalendarDir(dir.path());
    ASSERT_FALSE(cal) << c.why;
    EXPECT_EQ(cal.error().code, ErrorCode::kUnprocessable) << c.why;
    EXPECT_NE(cal.error().message.find(c.expected), std::string::npos)
        << c.why << ": " << cal.error().message;
  }
  CalendarDir empty;
  auto none = LoadCalendarDir(empty.path());
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("holidays.yaml: cannot read"), std::string::npos);
}

TEST(CalendarLoaderTest, OfficeHoursErrors) {
  const std::string week =
      "mon: {hours: \"09:00-18:30\", lunch: \"13:00-14:30\"}\n"
      "tue: closed\nwed: closed\nthu: closed\nfri: closed\nsat: closed\nsun: closed\n";
  CalendarDir dir;
  dir.Write("ok.yaml", week);
  auto ok = LoadOfficeHours(dir.path() / "ok.yaml");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_TRUE(ok->days[0]);
  EXPECT_FALSE(ok->days[1]);

  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"mon: {hours: \"09:00-18:30\", lunch: \"08:00-09:30\"}\n",
       "hours.yaml:1: lunch 08:00-09:30 must lie strictly inside opening hours"},
      {"mon: {hours: \"9-18\"}\n", "hours.yaml:1: time of day must be HH:MM"},
      {"mon: {open: \"09:00\"}\n", "hours.yaml:1: unknown key 'open'"},
      {"mon: closed\n", "missing 'tue'"},
  };
  for (const auto& c : cases) {
    std::string text = c.text;
    if (std::string(c.expected) != "missing 'tue'") text += week.substr(week.find("tue:"));
    dir.Write("hours.yaml", text);
    auto hours = LoadOfficeHours(dir.path() / "hours.yaml");
    ASSERT_FALSE(hours) << c.text;
    EXPECT_NE(hours.error().message.find(c.expected), std::string::npos)
        << c.text << " -> " << hours.error().message;
  }
  dir.Write("hours.yaml",
            "mon: closed\ntue: closed\nwed: closed\nthu: closed\nfri: closed\n"
            "sat: {hours: \"10:00-14:00\"}\nsun: closed\n");
  auto weekend_only = LoadOfficeHours(dir.path() / "hours.yaml");
  ASSERT_FALSE(weekend_only);
  EXPECT_NE(weekend_only.error().message.find("open on no day Monday-Friday"), std::string::npos);
}

}  // namespace
}  // namespace jumys
