#pragma once
// Matching a job seeker's profile with a vacancy (docs/MATCHING.md): which vacancies are never
// offered, and for the rest a score with its reasons factor by factor, each reason's words in
// kk/ru/en. Pure: the weights and words come from reference/vacancies/matching.yaml, the store
// and HTTP call these, so the ranking rules are tested without either.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/vacancy_lifecycle.h"

namespace jumys {

enum class Mobility { kNone, kOblast, kAnywhere };
const char* MobilityName(Mobility m);
std::optional<Mobility> ParseMobility(std::string_view name);

// Ordered lowest first: a requirement of a level is met by it or any higher one.
const std::vector<std::string_view>& EducationLevels();
const std::vector<std::string_view>& LanguageLevels();  // basic, fluent, native

struct LanguageSkill {
  std::string code;   // kk, ru, en, ...
  std::string level;  // one of LanguageLevels()
};

struct Experience {
  std::string nkz;
  int years = 0;
};

// The job seeker's profile as matching reads it (the validated document of migration 19).
struct SeekerProfile {
  std::vector<std::string> occupations;  // desired NKZ codes
  std::vector<std::string> skills;
  std::string education;  // one of EducationLevels(), or ""
  std::vector<Experience> experience;
  std::vector<LanguageSkill> languages;
  std::int64_t wage_tiyn = 0;              // desired; 0: any
  std::vector<std::string> working_times;  // accepted; empty: any
  Mobility mobility = Mobility::kNone;
  std::string home_kato;  // 9 digits
  std::vector<std::string> driving_licences;
  bool disability = false;               // a person with a disability
  std::vector<std::string> adaptations;  // what the workplace needs to offer
};

struct LocalText {
  std::string kk, ru, en;
};

// What matching reads of a vacancy.
struct MatchVacancy {
  std::int64_t id = 0;
  VacancyStatus status = VacancyStatus::kDraft;
  std::optional<Instant> next_change_at;  // a published one past it is stale, swept or not
  std::string nkz, kato, working_time;
  std::optional<LocalText> place;  // the settlement's name, when reference data has the code
  std::int64_t wage_tiyn = 0;
  nlohmann::json requirements = nlohmann::json::object();  // {must: [...], nice: [...]}
  bool disability_suitable = false;
};

struct MatchReason {
  std::string factor;  // occupation, must, nice, place, wage, language, working_time, disability
  bool met = false;
  LocalText text;
};

struct MatchResult {
  int score = 0;  // 0..100
  std::vector<MatchReason> reasons;
};

struct MatchingWeights {
  // occupation.same_code ... place.other_oblast, must, nice, wage, language, working_time,
  // disability: the keys of matching.yaml's `weights`, flattened with dots.
  std::map<std::string, int> points;
  std::map<std::string, LocalText> texts;
};

// matching.yaml's text; an error names the missing or bad entry.
Expected<MatchingWeights> ParseMatchingWeights(std::string_view yaml_text);

// The two-digit oblast of a KATO code ("43" for 431010000).
std::string OblastOf(std::string_view kato);

// nullopt: never offered — not published, due to go stale (`next_change_at` passed), in
// another oblast for a seeker not willing to move anywhere, or no occupation in common even by
// major group.
std::optional<MatchResult> ScoreMatch(const SeekerProfile& profile, const MatchVacancy& vacancy,
                                      const MatchingWeights& weights, Instant now);

}  // namespace jumys
