#include "services/vacancies/relevance_file.h"

#include <yaml-cpp/yaml.h>

namespace jumys::vacancies {

namespace {

constexpr int kMaxDays = 3650;

Error Bad(const std::filesystem::path& file, const char* key, std::string_view english) {
  return FieldError(ErrorCode::kUnprocessable, file.filename().string() + ":" + key,
                    "vacancy.relevance_days"_msg, english, {{"max", std::to_string(kMaxDays)}});
}

Expected<std::optional<int>> Days(const std::filesystem::path& file, const YAML::Node& root,
                                  const char* key) {
  const YAML::Node n = root[key];
  if (!n.IsDefined() || n.IsNull()) return std::optional<int>{};
  int days = 0;
  if (!n.IsScalar() || !YAML::convert<int>::decode(n, days) || days < 1 || days > kMaxDays) {
    return Bad(file, key, "a whole number of days from 1 to {max}, or null");
  }
  return std::optional<int>{days};
}

Expected<RelevanceFile> Read(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) {
    return FieldError(ErrorCode::kUnprocessable, file.string(), "template.missing"_msg,
                      "{what} is missing", {{"what", "the file"}});
  }
  const YAML::Node root = YAML::LoadFile(file.string());
  if (!root.IsMap()) {
    return AtField(file.string(), Error::Unprocessable("reference.yaml_shape"_msg,
                                                       "unexpected YAML shape: {problem}",
                                                       {{"problem", "not a mapping"}}));
  }
  RelevanceFile out;
  JUMYS_ASSIGN_OR_RETURN(out.confirm_every_days, Days(file, root, "confirm_every_days"));
  JUMYS_ASSIGN_OR_RETURN(out.expire_after_stale_days, Days(file, root, "expire_after_stale_days"));
  if (const YAML::Node s = root["source"]; s.IsDefined() && !s.IsNull()) {
    out.source = s.as<std::string>();
  }
  // A figure with no source would be an invented one.
  if ((out.confirm_every_days || out.expire_after_stale_days) && out.source.empty()) {
    return FieldError(ErrorCode::kUnprocessable, file.filename().string() + ":source",
                      "vacancy.relevance_source"_msg,
                      "name the act or order the relevance periods come from");
  }
  return out;
}

}  // namespace

Expected<RelevanceFile> LoadRelevanceFile(const std::filesystem::path& file) {
  try {
    return Read(file);
  } catch (const YAML::Exception& e) {
    return AtField(file.string(),
                   Error::Unprocessable("reference.yaml_shape"_msg,
                                        "unexpected YAML shape: {problem}", {{"problem", e.msg}}));
  }
}

}  // namespace jumys::vacancies
