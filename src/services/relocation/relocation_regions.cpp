#include "services/relocation/relocation_regions.h"

#include <yaml-cpp/yaml.h>

namespace jumys::relocation {

namespace {

Expected<Names> NamesAt(const YAML::Node& node, const std::string& where) {
  Names n;
  if (node.IsMap()) {
    if (node["kk"].IsScalar()) n.kk = node["kk"].as<std::string>();
    if (node["ru"].IsScalar()) n.ru = node["ru"].as<std::string>();
    if (node["en"].IsScalar()) n.en = node["en"].as<std::string>();
  }
  if (n.kk.empty() || n.ru.empty()) {
    return FieldError(ErrorCode::kUnprocessable, where, "reference.yaml_shape"_msg,
                      "unexpected YAML shape: {problem}", {{"problem", "needs kk and ru"}});
  }
  return n;
}

}  // namespace

Expected<Regions> Regions::Load(const std::filesystem::path& file) {
  const auto bad = [&](const std::string& where, const std::string& problem) {
    return FieldError(ErrorCode::kUnprocessable, file.filename().string() + ":" + where,
                      "reference.yaml_shape"_msg, "unexpected YAML shape: {problem}",
                      {{"problem", problem}});
  };
  if (!std::filesystem::exists(file)) {
    return FieldError(ErrorCode::kUnprocessable, file.string(), "template.missing"_msg,
                      "{what} is missing", {{"what", "the file"}});
  }
  try {
    const YAML::Node root = YAML::LoadFile(file.string());
    if (!root.IsMap() || !root["regions"].IsSequence()) return bad("", "a list of regions");
    if (!root["source"].IsScalar() || root["source"].as<std::string>().empty()) {
      return bad("source", "name where the quotas come from");
    }
    std::vector<Region> regions;
    for (const auto& node : root["regions"]) {
      Region r;
      if (!node["oblast"].IsScalar()) return bad("oblast", "each region names its oblast");
      r.oblast = node["oblast"].as<std::string>();
      const std::string at = "regions." + r.oblast;
      JUMYS_ASSIGN_OR_RETURN(r.name, NamesAt(node["name"], at + ".name"));
      JUMYS_ASSIGN_OR_RETURN(r.local_executive_body,
                             NamesAt(node["local_executive_body"], at + ".local_executive_body"));
      JUMYS_ASSIGN_OR_RETURN(r.commission, NamesAt(node["commission"], at + ".commission"));
      if (const YAML::Node quotas = node["quotas"]; quotas.IsDefined()) {
        if (!quotas.IsMap()) return bad(at + ".quotas", "year: persons");
        for (const auto& q : quotas) {
          int year = 0, persons = 0;
          if (!YAML::convert<int>::decode(q.first, year) || year < 2000 ||
              !YAML::convert<int>::decode(q.second, persons) || persons < 0) {
            return bad(at + ".quotas", "year: persons, both whole numbers");
          }
          r.quotas[year] = persons;
        }
      }
      for (const auto& other : regions) {
        if (other.oblast == r.oblast) return bad(at, "the oblast is listed twice");
      }
      regions.push_back(std::move(r));
    }
    return Regions(std::move(regions));
  } catch (const YAML::Exception& e) {
    return bad("", e.msg);
  }
}

const Region* Regions::Find(const std::string& oblast) const {
  for (const auto& r : regions_) {
    if (r.oblast == oblast) return &r;
  }
  return nullptr;
}

std::optional<int> Regions::Quota(const std::string& oblast, int year) const {
  const Region* r = Find(oblast);
  if (!r) return std::nullopt;
  auto it = r->quotas.find(year);
  if (it == r->quotas.end()) return std::nullopt;
  return it->second;
}

}  // namespace jumys::relocation
