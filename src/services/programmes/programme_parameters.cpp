#include "services/programmes/programme_parameters.h"

#include <algorithm>
#include <set>

#include "core/yaml_source.h"

namespace jumys::programmes {

namespace {

namespace fs = std::filesystem;

constexpr int kMaxMrpMultiple = 100000;  // far above any programme's amount
constexpr int kMaxMonths = 120;

// The programme files' own readers on top of the shared ones.
class Source : public YamlSource {
 public:
  using YamlSource::YamlSource;

  // One of `names`, as its index.
  Expected<int> OneOf(const YAML::Node& parent, const char* key,
                      std::initializer_list<std::string_view> names) const {
    JUMYS_ASSIGN_OR_RETURN(auto text, Text(parent, key));
    int i = 0;
    std::string allowed;
    for (auto name : names) {
      if (name == text) return i;
      allowed += (i++ ? ", " : "") + std::string(name);
    }
    return At(parent[key], "field.not_one_of"_msg, "must be one of: {allowed}",
              {{"allowed", allowed}});
  }

  Expected<Certainty> CertaintyOf(const YAML::Node& parent) const {
    JUMYS_ASSIGN_OR_RETURN(int i,
                           OneOf(parent, "certainty", {"official", "secondary", "unsourced"}));
    return static_cast<Certainty>(i);
  }

  // The period from..until, until not before from.
  Status Period(const YAML::Node& item, Date& from, std::optional<Date>& until) const {
    JUMYS_ASSIGN_OR_RETURN(from, DateOf(item, "from"));
    JUMYS_ASSIGN_OR_RETURN(until, OptionalDate(item, "until"));
    if (until && *until < from) {
      return At(item["until"], "period.to_before_from"_msg, "is before 'from'");
    }
    return {};
  }
};

bool Overlap(Date a_from, std::optional<Date> a_until, Date b_from, std::optional<Date> b_until) {
  return (!a_until || b_from <= *a_until) && (!b_until || a_from <= *b_until);
}

Status ReadMrp(const Source& src, std::vector<MrpValue>& out) {
  JUMYS_ASSIGN_OR_RETURN(auto root, src.Read());
  JUMYS_TRY(src.Keys(root, {"values"}));
  if (!root["values"].IsSequence()) {
    return src.At(root, "reference.expected_list"_msg, "expected '{key}:' with a list",
                  {{"key", "values"}});
  }
  for (const auto& item : root["values"]) {
    JUMYS_TRY(src.Keys(item, {"from", "until", "tenge", "law", "certainty", "source", "note"}));
    MrpValue v;
    JUMYS_TRY(src.Period(item, v.from, v.until));
    JUMYS_ASSIGN_OR_RETURN(int tenge, src.Number(item, "tenge", 1, 10'000'000));
    v.tenge = tenge;
    JUMYS_ASSIGN_OR_RETURN(v.law, src.Text(item, "law"));
    JUMYS_ASSIGN_OR_RETURN(v.certainty, src.CertaintyOf(item));
    JUMYS_ASSIGN_OR_RETURN(v.source, src.Text(item, "source"));
    for (const auto& other : out) {
      if (Overlap(v.from, v.until, other.from, other.until)) {
        return src.At(item["from"], "programme.periods_overlap"_msg,
                      "this period overlaps the one from {other}",
                      {{"other", FormatDate(other.from)}});
      }
    }
    out.push_back(std::move(v));
  }
  return {};
}

Expected<MeasureRule> ReadRule(const Source& src, const YAML::Node& item) {
  JUMYS_TRY(src.Keys(
      item, {"from", "until", "status", "certainty", "source", "note", "pays", "per", "percent",
             "tiers", "cap_mrp", "min_wage_mrp", "mrp", "mrp_max", "max_months"}));
  MeasureRule r;
  r.file = src.path().string();
  r.line = src.Line(item);
  JUMYS_TRY(src.Period(item, r.from, r.until));
  JUMYS_ASSIGN_OR_RETURN(int status, src.OneOf(item, "status", {"in_force", "draft"}));
  r.draft = status == 1;
  JUMYS_ASSIGN_OR_RETURN(r.certainty, src.CertaintyOf(item));
  JUMYS_ASSIGN_OR_RETURN(r.source, src.Text(item, "source"));
  JUMYS_ASSIGN_OR_RETURN(r.note, src.OptionalText(item, "note"));
  JUMYS_ASSIGN_OR_RETURN(int pays,
                         src.OneOf(item, "pays", {"wage_share", "mrp_per_month", "mrp_one_off"}));
  r.pays = static_cast<Payment>(pays);
  JUMYS_ASSIGN_OR_RETURN(int per, src.OneOf(item, "per", {"workplace", "person", "family"}));
  r.per = static_cast<PaidPer>(per);
  JUMYS_ASSIGN_OR_RETURN(r.max_months, src.OptionalNumber(item, "max_months", 1, kMaxMonths));
  // Only the keys of the kind of payment: a stray one would be a figure nobody applies.
  auto refuse = [&](std::initializer_list<const char*> keys) -> Status {
    for (const char* key : keys) {
      if (item[key].IsDefined()) {
        return src.At(item[key], "programme.key_not_for_payment"_msg,
                      "'{key}' does not apply to pays: {pays}",
                      {{"key", key}, {"pays", PaymentName(r.pays)}});
      }
    }
    return {};
  };
  if (r.pays == Payment::kWageShare) {
    JUMYS_TRY(refuse({"mrp", "mrp_max"}));
    JUMYS_ASSIGN_OR_RETURN(r.cap_mrp, src.OptionalNumber(item, "cap_mrp", 1, kMaxMrpMultiple));
    JUMYS_ASSIGN_OR_RETURN(r.min_wage_mrp,
                           src.OptionalNumber(item, "min_wage_mrp", 1, kMaxMrpMultiple));
    const YAML::Node tiers = item["tiers"];
    if (tiers.IsDefined() == item["percent"].IsDefined()) {
      return src.At(item, "programme.share_or_tiers"_msg,
                    "a wage share needs either 'percent' or 'tiers'");
    }
    if (tiers.IsDefined()) {
      if (!tiers.IsSequence() || tiers.size() == 0) {
        return src.At(tiers, "reference.expected_list"_msg, "expected '{key}:' with a list",
                      {{"key", "tiers"}});
      }
      int months = 0;
      for (const auto& t : tiers) {
        JUMYS_TRY(src.Keys(t, {"months", "percent"}));
        Tier tier;
        JUMYS_ASSIGN_OR_RETURN(tier.months, src.Number(t, "months", 1, kMaxMonths));
        JUMYS_ASSIGN_OR_RETURN(tier.percent, src.Number(t, "percent", 1, 100));
        months += tier.months;
        r.tiers.push_back(tier);
      }
      if (r.max_months && *r.max_months > months) {
        return src.At(item["max_months"], "programme.tiers_short"_msg,
                      "the tiers cover {months} months, fewer than max_months",
                      {{"months", std::to_string(months)}});
      }
    } else {
      JUMYS_ASSIGN_OR_RETURN(r.percent, src.Number(item, "percent", 1, 100));
    }
  } else {
    JUMYS_TRY(refuse({"percent", "tiers", "cap_mrp", "min_wage_mrp"}));
    JUMYS_ASSIGN_OR_RETURN(r.mrp, src.Number(item, "mrp", 1, kMaxMrpMultiple));
    if (r.pays == Payment::kMrpOneOff) {
      JUMYS_TRY(refuse({"mrp_max", "max_months"}));
    } else {
      JUMYS_ASSIGN_OR_RETURN(r.mrp_max,
                             src.OptionalNumber(item, "mrp_max", r.mrp, kMaxMrpMultiple));
    }
  }
  return r;
}

Status ReadProgramme(const Source& src, std::vector<Programme>& out) {
  JUMYS_ASSIGN_OR_RETURN(auto root, src.Read());
  JUMYS_TRY(src.Keys(root, {"programme", "code", "name", "base_act", "budget_code", "measures"}));
  Programme p;
  JUMYS_ASSIGN_OR_RETURN(p.number, src.Text(root, "programme"));
  JUMYS_ASSIGN_OR_RETURN(p.code, src.Text(root, "code"));
  JUMYS_ASSIGN_OR_RETURN(p.name, src.Name(root));
  JUMYS_ASSIGN_OR_RETURN(p.base_act, src.Text(root, "base_act"));
  JUMYS_ASSIGN_OR_RETURN(p.budget_code, src.OptionalText(root, "budget_code"));
  for (const auto& other : out) {
    if (other.code == p.code || other.number == p.number) {
      return src.At(root["code"], "programme.duplicate"_msg, "'{code}' is given twice",
                    {{"code", other.code == p.code ? p.code : p.number}});
    }
  }
  if (!root["measures"].IsSequence() || root["measures"].size() == 0) {
    return src.At(root, "reference.expected_list"_msg, "expected '{key}:' with a list",
                  {{"key", "measures"}});
  }
  for (const auto& m : root["measures"]) {
    JUMYS_TRY(src.Keys(m, {"code", "name", "versions"}));
    Measure measure;
    JUMYS_ASSIGN_OR_RETURN(measure.code, src.Text(m, "code"));
    JUMYS_ASSIGN_OR_RETURN(measure.name, src.Name(m));
    // Measure codes are unique across programmes: a contract names only its measure.
    auto same = [&](const Measure& x) { return x.code == measure.code; };
    bool taken = std::any_of(p.measures.begin(), p.measures.end(), same);
    for (const auto& q : out)
      taken = taken || std::any_of(q.measures.begin(), q.measures.end(), same);
    if (taken) {
      return src.At(m["code"], "programme.duplicate"_msg, "'{code}' is given twice",
                    {{"code", measure.code}});
    }
    if (!m["versions"].IsSequence() || m["versions"].size() == 0) {
      return src.At(m, "reference.expected_list"_msg, "expected '{key}:' with a list",
                    {{"key", "versions"}});
    }
    for (const auto& v : m["versions"]) {
      JUMYS_ASSIGN_OR_RETURN(auto rule, ReadRule(src, v));
      for (const auto& other : measure.versions) {
        if (Overlap(rule.from, rule.until, other.from, other.until)) {
          return src.At(v["from"], "programme.periods_overlap"_msg,
                        "this period overlaps the one from {other}",
                        {{"other", FormatDate(other.from)}});
        }
      }
      measure.versions.push_back(std::move(rule));
    }
    std::sort(measure.versions.begin(), measure.versions.end(),
              [](const MeasureRule& a, const MeasureRule& b) { return a.from < b.from; });
    p.measures.push_back(std::move(measure));
  }
  out.push_back(std::move(p));
  return {};
}

}  // namespace

const char* CertaintyName(Certainty c) {
  switch (c) {
    case Certainty::kOfficial:
      return "official";
    case Certainty::kSecondary:
      return "secondary";
    case Certainty::kUnsourced:
      return "unsourced";
  }
  return "unsourced";
}

const char* PaymentName(Payment p) {
  switch (p) {
    case Payment::kWageShare:
      return "wage_share";
    case Payment::kMrpPerMonth:
      return "mrp_per_month";
    case Payment::kMrpOneOff:
      return "mrp_one_off";
  }
  return "wage_share";
}

const char* PaidPerName(PaidPer p) {
  switch (p) {
    case PaidPer::kWorkplace:
      return "workplace";
    case PaidPer::kPerson:
      return "person";
    case PaidPer::kFamily:
      return "family";
  }
  return "workplace";
}

Expected<ProgrammeParameters> ProgrammeParameters::LoadDir(const fs::path& dir) {
  ProgrammeParameters out;
  const fs::path mrp = dir / "mrp.yaml";
  if (!fs::exists(mrp)) {
    return AtField(mrp.string(),
                   Error::Unprocessable("reference.cannot_read"_msg, "cannot read the file"));
  }
  JUMYS_TRY(ReadMrp(Source(mrp), out.mrp_));
  std::sort(out.mrp_.begin(), out.mrp_.end(),
            [](const MrpValue& a, const MrpValue& b) { return a.from < b.from; });
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto& path = entry.path();
    if (path.extension() == ".yaml" && path.filename() != "mrp.yaml") files.push_back(path);
  }
  std::sort(files.begin(), files.end());  // the same order on every machine
  for (const auto& file : files) JUMYS_TRY(ReadProgramme(Source(file), out.programmes_));
  return out;
}

Expected<ParametersInForce> ProgrammeParameters::ValuesInForce(Date on) const {
  ParametersInForce out;
  out.on = on;
  auto mrp = std::find_if(mrp_.begin(), mrp_.end(), [&](const MrpValue& v) {
    return v.from <= on && (!v.until || on <= *v.until);
  });
  if (mrp == mrp_.end()) {
    return Error::Unprocessable("programme.no_mrp"_msg,
                                "no monthly calculation index is set for {date}",
                                {{"date", FormatDate(on)}});
  }
  out.mrp = *mrp;
  for (const auto& p : programmes_) {
    for (const auto& m : p.measures) {
      for (const auto& r : m.versions) {
        if (r.InForceOn(on)) out.measures.push_back({&p, &m, &r});
      }
    }
  }
  return out;
}

Expected<ParametersInForce::Item> ProgrammeParameters::RuleInForce(const std::string& measure,
                                                                   Date on) const {
  for (const auto& p : programmes_) {
    for (const auto& m : p.measures) {
      if (m.code != measure) continue;
      for (const auto& r : m.versions) {
        if (r.InForceOn(on)) return ParametersInForce::Item{&p, &m, &r};
      }
      return Error::Unprocessable("programme.not_in_force"_msg,
                                  "the measure {measure} has no rule in force on {date}",
                                  {{"measure", measure}, {"date", FormatDate(on)}});
    }
  }
  return Error::NotFound("programme.measure_unknown"_msg, "there is no measure '{measure}'",
                         {{"measure", measure}});
}

}  // namespace jumys::programmes
