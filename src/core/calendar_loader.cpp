#include "core/calendar_loader.h"

#include <algorithm>

#include "core/yaml_source.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;

// The calendar's own readers on top of the shared ones.
class Source : public YamlSource {
 public:
  using YamlSource::YamlSource;

  Expected<bool> Flag(const YAML::Node& parent, const char* key, bool fallback) const {
    const YAML::Node n = parent[key];
    if (!n.IsDefined()) return fallback;
    const std::string& s = n.IsScalar() ? n.Scalar() : std::string();
    if (s == "true") return true;
    if (s == "false") return false;
    return At(n, "reference.not_boolean"_msg, "'{key}' must be true or false", {{"key", key}});
  }

  Expected<int> Year(const YAML::Node& parent, const char* key) const {
    const YAML::Node n = parent[key];
    if (!n.IsDefined()) return 0;
    const std::string& s = n.IsScalar() ? n.Scalar() : std::string();
    if (s.size() != 4 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return At(n, "reference.not_year"_msg, "'{key}' must be a year like 2022", {{"key", key}});
    }
    return std::stoi(s);
  }

  Expected<std::vector<Date>> Dates(const YAML::Node& parent, const char* key) const {
    std::vector<Date> out;
    const YAML::Node n = parent[key];
    if (!n.IsDefined()) return out;
    if (!n.IsSequence()) {
      return At(n, "reference.not_date_list"_msg, "'{key}' must be a list of dates",
                {{"key", key}});
    }
    for (const auto& item : n) {
      auto d = DateAt(item);
      if (!d) return d.error();
      out.push_back(*d);
    }
    return out;
  }
};

Status ReadFixed(const Source& src, const YAML::Node& root, CalendarData& out) {
  const YAML::Node list = root["holidays"];
  if (!list.IsSequence()) {
    return src.At(root, "reference.expected_list"_msg, "expected '{key}:' with a list",
                  {{"key", "holidays"}});
  }
  for (const auto& item : list) {
    if (auto st = src.Keys(item, {"date", "name", "carry", "from", "until", "note"}); !st)
      return st;
    FixedHoliday h;
    auto date = src.Text(item, "date");
    if (!date) return date.error();
    auto md = ParseDate("2000-" + *date);  // a leap year admits every recurring day
    if (date->size() != 5 || !md) {
      return src.At(item["date"], "calendar.month_day_format"_msg,
                    "'date' must be MM-DD, e.g. 03-21");
    }
    h.month = static_cast<unsigned>(md->month());
    h.day = static_cast<unsigned>(md->day());
    auto name = src.Name(item);
    if (!name) return name.error();
    h.name = std::move(*name);
    auto carry = src.Flag(item, "carry", true);
    auto from = src.Year(item, "from");
    auto until = src.Year(item, "until");
    if (!carry) return carry.error();
    if (!from) return from.error();
    if (!until) return until.error();
    h.carry = *carry;
    h.from_year = *from;
    h.until_year = *until;
    if (auto st = ValidateHoliday(h); !st) return src.At(item, st.error());
    out.fixed.push_back(std::move(h));
  }
  return {};
}

Status ReadDated(const Source& src, CalendarData& out) {
  auto root = src.Read();
  if (!root) return root.error();
  if (auto st = src.Keys(*root, {"name", "carry", "dates", "note"}); !st) return st;
  auto name = src.Name(*root);
  if (!name) return name.error();
  auto carry = src.Flag(*root, "carry", false);
  if (!carry) return carry.error();
  if (!(*root)["dates"].IsSequence()) {
    return src.At(*root, "reference.expected_list"_msg, "expected '{key}:' with a list",
                  {{"key", "dates"}});
  }
  for (const auto& item : (*root)["dates"]) {
    auto d = src.DateAt(item);
    if (!d) return d.error();
    DatedHoliday h{*d, *name, *carry};
    if (auto st = ValidateHoliday(h); !st) return src.At(item, st.error());
    out.dated.push_back(std::move(h));
  }
  return {};
}

Status ReadTransfers(const Source& src, CalendarData& out) {
  auto root = src.Read();
  if (!root) return root.error();
  if (auto st = src.Keys(*root, {"year", "acts", "note"}); !st) return st;
  auto year = src.Year(*root, "year");
  if (!year) return year.error();
  if (*year == 0 || src.path().stem().string() != std::to_string(*year)) {
    return src.At(*root, "calendar.year_file_name"_msg,
                  "'year' must be given and match the file name");
  }
  const YAML::Node acts = (*root)["acts"];
  if (!acts.IsSequence()) {
    return src.At(*root, "reference.expected_list"_msg, "expected '{key}:' with a list",
                  {{"key", "acts"}});
  }
  for (const auto& item : acts) {
    if (auto st = src.Keys(item, {"name", "days_off", "working_days", "note"}); !st) return st;
    TransferAct act;
    auto name = src.Text(item, "name");
    if (!name) return name.error();
    act.name = std::move(*name);
    auto off = src.Dates(item, "days_off");
    if (!off) return off.error();
    auto work = src.Dates(item, "working_days");
    if (!work) return work.error();
    act.days_off = std::move(*off);
    act.working_days = std::move(*work);
    for (const auto* list : {&act.days_off, &act.working_days}) {
      for (const Date& d : *list) {
        if (static_cast<int>(d.year()) != *year) {
          return src.At(item, "calendar.date_other_year"_msg, "date {date} is not in {year}",
                        {{"date", FormatDate(d)}, {"year", std::to_string(*year)}});
        }
      }
    }
    if (auto st = ValidateTransferAct(act); !st) return src.At(item, st.error());
    out.acts.push_back(std::move(act));
  }
  return {};
}

Expected<DayHours> ReadDay(const Source& src, const YAML::Node& n) {
  if (auto st = src.Keys(n, {"hours", "lunch"}); !st) return st.error();
  auto hours = src.Text(n, "hours");
  if (!hours) return hours.error();
  const YAML::Node lunch = n["lunch"];
  auto day = ParseDayHours(*hours, lunch.IsDefined() && lunch.IsScalar() ? lunch.Scalar() : "");
  if (!day) return src.At(n, day.error());
  return *day;
}

Expected<CalendarData> ReadCalendar(const fs::path& dir) {
  CalendarData data;
  const Source holidays(dir / "holidays.yaml");
  auto root = holidays.Read();
  if (!root) return root.error();
  if (auto st = holidays.Keys(*root, {"holidays", "movable", "source"}); !st) return st.error();
  if (auto st = ReadFixed(holidays, *root, data); !st) return st.error();

  const YAML::Node movable = (*root)["movable"];
  if (movable.IsDefined() && !movable.IsSequence()) {
    return holidays.At(movable, "calendar.movable_list"_msg,
                       "'movable' must be a list of file names");
  }
  for (const auto& file : movable) {
    const std::string name = file.IsScalar() ? file.Scalar() : std::string();
    if (name.empty() || name.find('/') != std::string::npos ||
        name.find("..") != std::string::npos) {
      return holidays.At(file, "calendar.movable_file_name"_msg,
                         "'movable' entries are file names in the same directory");
    }
    if (auto st = ReadDated(Source(dir / name), data); !st) return st.error();
  }

  std::vector<fs::path> transfer_files;
  std::error_code ec;
  for (fs::directory_iterator it(dir / "transfers", ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".yaml") transfer_files.push_back(it->path());
  }
  std::sort(transfer_files.begin(), transfer_files.end());
  for (const auto& file : transfer_files) {
    if (auto st = ReadTransfers(Source(file), data); !st) return st.error();
  }
  return data;
}

Expected<OfficeHours> ReadOfficeHours(const fs::path& file) {
  const Source src(file);
  auto root = src.Read();
  if (!root) return root.error();
  if (auto st = src.Keys(
          *root, {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "weekend_workday", "source"});
      !st) {
    return st.error();
  }
  OfficeHours hours;
  constexpr const char* kKeys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (unsigned i = 0; i < 7; ++i) {
    const YAML::Node n = (*root)[kKeys[i]];
    if (!n.IsDefined()) {
      return src.At(*root, "reference.missing_key"_msg, "missing '{key}'", {{"key", kKeys[i]}});
    }
    if (n.IsScalar() && n.Scalar() == "closed") continue;
    auto day = ReadDay(src, n);
    if (!day) return day.error();
    hours.days[i] = *day;
  }
  if (const YAML::Node n = (*root)["weekend_workday"]; n.IsDefined()) {
    auto day = ReadDay(src, n);
    if (!day) return day.error();
    hours.weekend_workday = *day;
  }
  if (auto st = hours.Validate(); !st) return src.At(*root, st.error());
  return hours;
}

}  // namespace

// yaml-cpp throws on shapes the readers do not expect (a subscript on a scalar): report those
// as data errors too.
Expected<CalendarData> LoadCalendarData(const fs::path& dir) {
  try {
    return ReadCalendar(dir);
  } catch (const YAML::Exception& e) {
    return AtField(dir.string(),
                   Error::Unprocessable("reference.yaml_shape"_msg,
                                        "unexpected YAML shape: {problem}", {{"problem", e.msg}}));
  }
}

Expected<WorkCalendar> LoadCalendarDir(const fs::path& dir) {
  auto data = LoadCalendarData(dir);
  if (!data) return data.error();
  return WorkCalendar::Build(std::move(*data));
}

Expected<OfficeHours> LoadOfficeHours(const fs::path& file) {
  try {
    return ReadOfficeHours(file);
  } catch (const YAML::Exception& e) {
    return AtField(file.string(),
                   Error::Unprocessable("reference.yaml_shape"_msg,
                                        "unexpected YAML shape: {problem}", {{"problem", e.msg}}));
  }
}

}  // namespace jumys
