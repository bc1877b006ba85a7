#pragma once
// One reference YAML file being read (the calendar, the programme parameters): every error
// comes out as "file:line: message", so a bad file stops start-up with a message an analyst can
// act on. Loaders derive from it to add the readers only they need.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "core/work_calendar.h"

namespace jumys {

class YamlSource {
 public:
  explicit YamlSource(std::filesystem::path path) : path_(std::move(path)) {}
  const std::filesystem::path& path() const { return path_; }

  Error At(const YAML::Node& node, MessageKey key, std::string_view english,
           MessageParams params = {}) const;
  // `error` (from a check that does not know the file) at the node's line.
  Error At(const YAML::Node& node, Error error) const;
  Error AtLine(int line, Error error) const;
  // The node's 1-based line, 0 when it has none.
  static int Line(const YAML::Node& node);

  Expected<YAML::Node> Read() const;

  // A mapping whose keys are all in `allowed` (a misspelt key must not pass silently).
  Status Keys(const YAML::Node& node, std::initializer_list<std::string_view> allowed) const;
  Expected<std::string> Text(const YAML::Node& parent, const char* key) const;
  Expected<std::string> OptionalText(const YAML::Node& parent, const char* key) const;
  // A whole number from `min` to `max`.
  Expected<int> Number(const YAML::Node& parent, const char* key, int min, int max) const;
  Expected<std::optional<int>> OptionalNumber(const YAML::Node& parent, const char* key, int min,
                                              int max) const;
  Expected<Date> DateAt(const YAML::Node& node) const;
  Expected<Date> DateOf(const YAML::Node& parent, const char* key) const;
  Expected<std::optional<Date>> OptionalDate(const YAML::Node& parent, const char* key) const;
  // `name:` with kk, ru and en.
  Expected<LocalizedName> Name(const YAML::Node& parent) const;

 private:
  std::filesystem::path path_;
};

}  // namespace jumys
