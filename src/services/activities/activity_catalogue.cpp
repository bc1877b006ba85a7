#include "services/activities/activity_catalogue.h"

#include <algorithm>
#include <map>

#include "core/yaml_source.h"
#include "domain/roles.h"

namespace jumys::activities {

namespace {

std::string Listed(const std::vector<Term>& terms) {
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? "" : ", ") + t.code;
  return out;
}

bool Has(const std::vector<Term>& terms, const std::string& code) {
  return std::any_of(terms.begin(), terms.end(), [&](const Term& t) { return t.code == code; });
}

class Source : public YamlSource {
 public:
  using YamlSource::YamlSource;

  Expected<YAML::Node> List(const YAML::Node& parent, const char* key) const {
    const YAML::Node list = parent[key];
    if (!list.IsSequence() || list.size() == 0) {
      return At(parent, "reference.expected_list"_msg, "expected '{key}:' with a list",
                {{"key", key}});
    }
    return list;
  }

  // A code given once in its list; `first` remembers the line of each.
  Status Once(const YAML::Node& node, const std::string& code,
              std::map<std::string, int>& first) const {
    auto [it, fresh] = first.emplace(code, Line(node));
    if (!fresh) {
      return At(node, "reference.code_duplicate"_msg,
                "the code '{code}' is already on line {first}",
                {{"code", code}, {"first", std::to_string(it->second)}});
    }
    return {};
  }

  Expected<std::vector<Term>> Terms(const YAML::Node& root, const char* key) const {
    JUMYS_ASSIGN_OR_RETURN(auto list, List(root, key));
    std::vector<Term> out;
    std::map<std::string, int> first;
    for (const auto& node : list) {
      JUMYS_TRY(Keys(node, {"code", "name"}));
      Term t;
      JUMYS_ASSIGN_OR_RETURN(t.code, Text(node, "code"));
      JUMYS_TRY(Once(node, t.code, first));
      JUMYS_ASSIGN_OR_RETURN(t.name, Name(node));
      out.push_back(std::move(t));
    }
    return out;
  }

  // A value of `terms` at `node`.
  Status OneOf(const YAML::Node& node, const std::string& value,
               const std::vector<Term>& terms) const {
    if (Has(terms, value)) return {};
    return At(node, "field.not_one_of"_msg, "must be one of: {allowed}",
              {{"allowed", Listed(terms)}});
  }
};

}  // namespace

Expected<ActivityCatalogue> ActivityCatalogue::LoadFile(const std::filesystem::path& file,
                                                        const std::set<std::string>& processes) {
  const Source src(file);
  JUMYS_ASSIGN_OR_RETURN(auto root, src.Read());
  JUMYS_TRY(src.Keys(root, {"audiences", "kinds", "programmes"}));
  ActivityCatalogue out;
  JUMYS_ASSIGN_OR_RETURN(out.audiences_, src.Terms(root, "audiences"));
  JUMYS_ASSIGN_OR_RETURN(out.kinds_, src.Terms(root, "kinds"));
  JUMYS_ASSIGN_OR_RETURN(auto programmes, src.List(root, "programmes"));
  std::map<std::string, int> programme_lines;
  for (const auto& p : programmes) {
    JUMYS_TRY(src.Keys(p, {"code", "name", "items"}));
    ProgrammeItems programme;
    JUMYS_ASSIGN_OR_RETURN(programme.code, src.Text(p, "code"));
    JUMYS_TRY(src.Once(p, programme.code, programme_lines));
    if (!processes.empty() && !processes.count(programme.code)) {
      return src.At(p["code"], "reference.code_unknown"_msg, "there is no code '{code}' in {kind}",
                    {{"code", programme.code}, {"kind", "processes"}});
    }
    JUMYS_ASSIGN_OR_RETURN(programme.name, src.Name(p));
    JUMYS_ASSIGN_OR_RETURN(auto items, src.List(p, "items"));
    std::map<std::string, int> refs;
    for (const auto& i : items) {
      JUMYS_TRY(src.Keys(i, {"ref", "kind", "audiences", "actor", "name"}));
      SeedItem item;
      JUMYS_ASSIGN_OR_RETURN(item.ref, src.Text(i, "ref"));
      JUMYS_TRY(src.Once(i, item.ref, refs));
      JUMYS_ASSIGN_OR_RETURN(item.kind, src.Text(i, "kind"));
      JUMYS_TRY(src.OneOf(i["kind"], item.kind, out.kinds_));
      JUMYS_ASSIGN_OR_RETURN(auto audiences, src.List(i, "audiences"));
      for (const auto& a : audiences) {
        if (!a.IsScalar()) {
          return src.At(a, "reference.not_text"_msg, "'{key}' must be text",
                        {{"key", "audiences"}});
        }
        JUMYS_TRY(src.OneOf(a, a.Scalar(), out.audiences_));
        item.audiences.push_back(a.Scalar());
      }
      JUMYS_ASSIGN_OR_RETURN(item.actor, src.Text(i, "actor"));
      if (!ParseRole(item.actor)) {
        return src.At(i["actor"], "reference.code_unknown"_msg,
                      "there is no code '{code}' in {kind}",
                      {{"code", item.actor}, {"kind", "roles"}});
      }
      JUMYS_ASSIGN_OR_RETURN(item.name, src.Name(i));
      programme.items.push_back(std::move(item));
    }
    out.programmes_.push_back(std::move(programme));
  }
  return out;
}

const ProgrammeItems* ActivityCatalogue::Programme(const std::string& code) const {
  for (const auto& p : programmes_) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

const SeedItem* ActivityCatalogue::Item(const std::string& programme,
                                        const std::string& ref) const {
  const ProgrammeItems* p = Programme(programme);
  if (!p) return nullptr;
  for (const auto& i : p->items) {
    if (i.ref == ref) return &i;
  }
  return nullptr;
}

bool ActivityCatalogue::HasKind(const std::string& code) const { return Has(kinds_, code); }
bool ActivityCatalogue::HasAudience(const std::string& code) const { return Has(audiences_, code); }

}  // namespace jumys::activities
