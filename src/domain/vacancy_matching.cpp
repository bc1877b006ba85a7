#include "domain/vacancy_matching.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>

#include "core/blank.h"
#include "core/text_fold.h"

namespace jumys {

namespace {

const char* const kPointKeys[] = {"occupation.same_code",
                                  "occupation.unit_group",
                                  "occupation.minor_group",
                                  "occupation.sub_major_group",
                                  "occupation.major_group",
                                  "must",
                                  "nice",
                                  "place.same_settlement",
                                  "place.same_district",
                                  "place.same_oblast",
                                  "place.other_oblast",
                                  "wage",
                                  "language",
                                  "working_time",
                                  "disability"};

const char* const kTextKeys[] = {"occupation.same_code",
                                 "occupation.in_group",
                                 "occupation.unit_group",
                                 "occupation.minor_group",
                                 "occupation.sub_major_group",
                                 "occupation.major_group",
                                 "must.none",
                                 "must.all",
                                 "must.partial",
                                 "nice.none",
                                 "nice.all",
                                 "nice.partial",
                                 "place.same_settlement",
                                 "place.same_district",
                                 "place.same_oblast",
                                 "place.other_oblast",
                                 "wage.fits",
                                 "wage.below",
                                 "language.none",
                                 "language.met",
                                 "language.missing",
                                 "working_time.fits",
                                 "working_time.other",
                                 "disability.suitable",
                                 "disability.unsuitable",
                                 "kind.skill",
                                 "kind.education",
                                 "kind.experience",
                                 "kind.language",
                                 "kind.driving_licence",
                                 "time.full_time",
                                 "time.part_time",
                                 "time.shift",
                                 "time.rotation",
                                 "time.remote",
                                 "lang.kk",
                                 "lang.ru",
                                 "lang.en",
                                 "level.basic",
                                 "level.fluent",
                                 "level.native"};

// Lower case as the rest of the system compares what people type (core/text_fold.h: Latin,
// Cyrillic and the Kazakh letters), trimmed: "Дәнекерлеу " equals "дәнекерлеу".
std::string Folded(std::string_view s) { return TrimmedAscii(LowerUtf8(s)); }

std::size_t CommonPrefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

std::ptrdiff_t IndexIn(const std::vector<std::string_view>& list, std::string_view v) {
  auto it = std::find(list.begin(), list.end(), v);
  return it == list.end() ? -1 : it - list.begin();
}

LocalText Render(const MatchingWeights& w, const std::string& key,
                 const std::map<std::string, LocalText>& params = {}) {
  LocalText t = w.texts.at(key);
  for (std::string LocalText::*lang : {&LocalText::kk, &LocalText::ru, &LocalText::en}) {
    std::string& s = t.*lang;
    for (const auto& [name, value] : params) {
      const std::string mark = "{" + name + "}";
      for (auto pos = s.find(mark); pos != std::string::npos;
           pos = s.find(mark, pos + (value.*lang).size())) {
        s.replace(pos, mark.size(), value.*lang);
      }
    }
  }
  return t;
}

LocalText Same(const std::string& s) { return {s, s, s}; }

// A language requirement ("kk", "ru:fluent") in words: "русский (свободно)"; a code without
// words of its own is shown as it is.
LocalText LanguageWords(const MatchingWeights& w, const std::string& value) {
  const auto colon = value.find(':');
  const std::string code = value.substr(0, colon);
  const auto name = w.texts.find("lang." + code);
  LocalText out = name != w.texts.end() ? name->second : Same(code);
  if (colon == std::string::npos) return out;
  const std::string level = value.substr(colon + 1);
  const auto words = w.texts.find("level." + level);
  const LocalText said = words != w.texts.end() ? words->second : Same(level);
  out.kk += " (" + said.kk + ")";
  out.ru += " (" + said.ru + ")";
  out.en += " (" + said.en + ")";
  return out;
}

// "250 000" for 25 000 000 tiyn; tiyn after a comma when there are any.
std::string Tenge(std::int64_t tiyn) {
  std::string digits = std::to_string(tiyn / 100);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  if (tiyn % 100 != 0) {
    out += ',' + std::string(tiyn % 100 < 10 ? "0" : "") + std::to_string(tiyn % 100);
  }
  return out;
}

bool RequirementMet(const SeekerProfile& p, const std::string& vacancy_nkz, const std::string& kind,
                    const std::string& value) {
  if (kind == "skill") {
    const std::string want = Folded(value);
    return std::any_of(p.skills.begin(), p.skills.end(),
                       [&](const std::string& s) { return Folded(s) == want; });
  }
  if (kind == "education") {
    const auto need = IndexIn(EducationLevels(), value);
    const auto have = IndexIn(EducationLevels(), p.education);
    return need >= 0 ? have >= need : Folded(value) == Folded(p.education);
  }
  if (kind == "experience") {
    int need = 0;
    try {
      need = std::stoi(value);
    } catch (...) {
      return false;
    }
    // Years in an occupation of the vacancy's major group count.
    int best = 0;
    for (const auto& e : p.experience) {
      if (CommonPrefix(e.nkz, vacancy_nkz) >= 1) best = std::max(best, e.years);
    }
    return best >= need;
  }
  if (kind == "language") {
    const auto colon = value.find(':');
    const std::string code = Folded(value.substr(0, colon));
    const auto need =
        colon == std::string::npos ? 0 : IndexIn(LanguageLevels(), value.substr(colon + 1));
    return std::any_of(p.languages.begin(), p.languages.end(), [&](const LanguageSkill& l) {
      return Folded(l.code) == code &&
             IndexIn(LanguageLevels(), l.level) >= std::max<long>(need, 0);
    });
  }
  if (kind == "driving_licence") {
    const std::string want = Folded(value);
    return std::any_of(p.driving_licences.begin(), p.driving_licences.end(),
                       [&](const std::string& s) { return Folded(s) == want; });
  }
  return false;
}

struct Tally {
  int met = 0, total = 0;
  std::vector<LocalText> missing;
};

Tally CountMet(const SeekerProfile& p, const MatchVacancy& v, const MatchingWeights& w,
               const char* part, bool languages_only) {
  Tally t;
  if (!v.requirements.is_object() || !v.requirements.contains(part)) return t;
  const auto& items = v.requirements[part];
  if (!items.is_array()) return t;
  for (const auto& r : items) {
    if (!r.is_object() || !r.contains("kind") || !r["kind"].is_string() || !r.contains("value") ||
        !r["value"].is_string()) {
      continue;
    }
    const std::string kind = r["kind"], value = r["value"];
    if (languages_only && kind != "language") continue;
    ++t.total;
    if (RequirementMet(p, v.nkz, kind, value)) {
      ++t.met;
      continue;
    }
    const LocalText said = kind == "language" ? LanguageWords(w, value) : Same(value);
    if (languages_only) {
      t.missing.push_back(said);
    } else {
      const auto words = w.texts.find("kind." + kind);
      LocalText m = words != w.texts.end() ? words->second : Same(kind);
      m.kk += " " + said.kk;
      m.ru += " " + said.ru;
      m.en += " " + said.en;
      t.missing.push_back(m);
    }
  }
  return t;
}

LocalText Joined(const std::vector<LocalText>& parts) {
  LocalText out;
  for (const auto& p : parts) {
    for (std::string LocalText::*lang : {&LocalText::kk, &LocalText::ru, &LocalText::en}) {
      if (!(out.*lang).empty()) out.*lang += ", ";
      out.*lang += p.*lang;
    }
  }
  return out;
}

}  // namespace

const char* MobilityName(Mobility m) {
  switch (m) {
    case Mobility::kNone:
      return "none";
    case Mobility::kOblast:
      return "oblast";
    case Mobility::kAnywhere:
      return "anywhere";
  }
  return "none";
}

std::optional<Mobility> ParseMobility(std::string_view name) {
  for (auto m : {Mobility::kNone, Mobility::kOblast, Mobility::kAnywhere}) {
    if (name == MobilityName(m)) return m;
  }
  return std::nullopt;
}

const std::vector<std::string_view>& EducationLevels() {
  static const std::vector<std::string_view> kLevels = {
      "primary", "basic_secondary", "general_secondary", "vocational", "higher", "postgraduate"};
  return kLevels;
}

const std::vector<std::string_view>& LanguageLevels() {
  static const std::vector<std::string_view> kLevels = {"basic", "fluent", "native"};
  return kLevels;
}

std::string OblastOf(std::string_view kato) { return std::string(kato.substr(0, 2)); }

Expected<MatchingWeights> ParseMatchingWeights(std::string_view yaml_text) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    return Error::Internal(std::string("matching.yaml: ") + e.what());
  }
  MatchingWeights w;
  try {
    for (const char* key : kPointKeys) {
      const std::string k = key;
      const auto dot = k.find('.');
      YAML::Node n = dot == std::string::npos
                         ? root["weights"][k]
                         : root["weights"][k.substr(0, dot)][k.substr(dot + 1)];
      if (!n.IsDefined() || !n.IsScalar()) {
        return Error::Internal("matching.yaml: weights." + k + " is missing");
      }
      const int points = n.as<int>();
      if (points < 0 || points > 1000) {
        return Error::Internal("matching.yaml: weights." + k + " must be 0..1000");
      }
      w.points[k] = points;
    }
    for (const char* key : kTextKeys) {
      YAML::Node n = root["texts"][key];
      if (!n.IsMap() || !n["kk"] || !n["ru"] || !n["en"]) {
        return Error::Internal(std::string("matching.yaml: texts.") + key + " needs kk, ru and en");
      }
      w.texts[key] = {n["kk"].as<std::string>(), n["ru"].as<std::string>(),
                      n["en"].as<std::string>()};
    }
  } catch (const YAML::Exception& e) {
    return Error::Internal(std::string("matching.yaml: ") + e.what());
  }
  return w;
}

std::optional<MatchResult> ScoreMatch(const SeekerProfile& p, const MatchVacancy& v,
                                      const MatchingWeights& w, Instant now) {
  if (v.status != VacancyStatus::kPublished) return std::nullopt;
  if (v.next_change_at && *v.next_change_at <= now) return std::nullopt;  // stale, unswept
  const bool other_oblast = OblastOf(v.kato) != OblastOf(p.home_kato);
  if (other_oblast && p.mobility != Mobility::kAnywhere) return std::nullopt;

  MatchResult out;
  double earned = 0;
  int possible = 0;
  const auto pts = [&w](const std::string& key) { return w.points.at(key); };

  // Occupation: the closest desired code.
  std::size_t best = 0;
  bool inside = false;
  std::string wanted;
  for (const auto& code : p.occupations) {
    const std::size_t common = CommonPrefix(code, v.nkz);
    const bool in_group = common == code.size();  // equal, or the vacancy inside the group
    if (common > best || (common == best && in_group && !inside)) {
      best = common;
      inside = in_group;
      wanted = code;
    }
  }
  if (best == 0) return std::nullopt;
  {
    std::string level;
    if (inside) {
      level = "same_code";
    } else {
      level = best >= 4   ? "unit_group"
              : best == 3 ? "minor_group"
              : best == 2 ? "sub_major_group"
                          : "major_group";
    }
    const std::string text_key =
        inside && wanted != v.nkz ? "occupation.in_group" : "occupation." + level;
    earned += pts("occupation." + level);
    possible += pts("occupation.same_code");
    out.reasons.push_back({"occupation", inside,
                           Render(w, text_key, {{"code", Same(v.nkz)}, {"wanted", Same(wanted)}})});
  }

  // Must-haves and nice-to-haves: the share met, and which are missing.
  for (const char* part : {"must", "nice"}) {
    const Tally t = CountMet(p, v, w, part, false);
    const std::string base = part;
    possible += pts(base);
    if (t.total == 0) {
      earned += pts(base);
      out.reasons.push_back({base, true, Render(w, base + ".none")});
      continue;
    }
    earned += pts(base) * static_cast<double>(t.met) / t.total;
    const bool all = t.met == t.total;
    out.reasons.push_back({base, all,
                           Render(w, base + (all ? ".all" : ".partial"),
                                  {{"met", Same(std::to_string(t.met))},
                                   {"total", Same(std::to_string(t.total))},
                                   {"missing", Joined(t.missing)}})});
  }

  // Place, by the KATO code's levels.
  {
    std::string level = other_oblast                             ? "other_oblast"
                        : v.kato == p.home_kato                  ? "same_settlement"
                        : CommonPrefix(v.kato, p.home_kato) >= 4 ? "same_district"
                                                                 : "same_oblast";
    earned += pts("place." + level);
    possible += pts("place.same_settlement");
    out.reasons.push_back(
        {"place", level == "same_settlement" || level == "same_district",
         Render(w, "place." + level, {{"kato", v.place.value_or(Same(v.kato))}})});
  }

  // Wage: in full when at least the desired one.
  {
    const bool fits = p.wage_tiyn <= 0 || v.wage_tiyn >= p.wage_tiyn;
    earned +=
        fits ? pts("wage")
             : pts("wage") * static_cast<double>(v.wage_tiyn) / static_cast<double>(p.wage_tiyn);
    possible += pts("wage");
    out.reasons.push_back(
        {"wage", fits,
         Render(w, fits ? "wage.fits" : "wage.below",
                {{"wage", Same(Tenge(v.wage_tiyn))}, {"desired", Same(Tenge(p.wage_tiyn))}})});
  }

  // Languages the vacancy asks for, must or nice.
  {
    Tally t = CountMet(p, v, w, "must", true);
    const Tally nice = CountMet(p, v, w, "nice", true);
    t.met += nice.met;
    t.total += nice.total;
    t.missing.insert(t.missing.end(), nice.missing.begin(), nice.missing.end());
    possible += pts("language");
    if (t.total == 0) {
      earned += pts("language");
      out.reasons.push_back({"language", true, Render(w, "language.none")});
    } else {
      earned += pts("language") * static_cast<double>(t.met) / t.total;
      const bool all = t.met == t.total;
      std::vector<LocalText> asked;
      if (all) {
        for (const char* part : {"must", "nice"}) {
          for (const auto& r : v.requirements.value(part, nlohmann::json::array())) {
            if (r.is_object() && r.value("kind", "") == "language") {
              asked.push_back(LanguageWords(w, r.value("value", "")));
            }
          }
        }
      }
      out.reasons.push_back({"language", all,
                             Render(w, all ? "language.met" : "language.missing",
                                    {{"langs", Joined(all ? asked : t.missing)}})});
    }
  }

  // Working time.
  {
    const bool fits = p.working_times.empty() ||
                      std::find(p.working_times.begin(), p.working_times.end(), v.working_time) !=
                          p.working_times.end();
    earned += fits ? pts("working_time") : 0;
    possible += pts("working_time");
    const auto name = w.texts.find("time." + v.working_time);
    out.reasons.push_back(
        {"working_time", fits,
         Render(w, fits ? "working_time.fits" : "working_time.other",
                {{"time", name != w.texts.end() ? name->second : Same(v.working_time)}})});
  }

  // Suitability, for a seeker with a disability only.
  if (p.disability) {
    earned += v.disability_suitable ? pts("disability") : 0;
    possible += pts("disability");
    out.reasons.push_back(
        {"disability", v.disability_suitable,
         Render(w, v.disability_suitable ? "disability.suitable" : "disability.unsuitable")});
  }

  out.score = possible > 0 ? static_cast<int>(std::lround(100.0 * earned / possible)) : 0;
  return out;
}

}  // namespace jumys
