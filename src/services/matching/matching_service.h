#pragma once
// Matching over the store (docs/MATCHING.md): a job seeker's suitable vacancies, and a
// vacancy's suitable job seekers, scored by domain/vacancy_matching.h. The store pre-filters
// (published and still relevant, the seeker's oblast unless they will move anywhere, the
// desired occupations' major groups); the rules themselves are applied in C++.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "domain/vacancy_matching.h"
#include "engine/case_service.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys::matching {

struct VacancySummary {
  std::int64_t id = 0;
  std::string title, employer_bin, employer_name, nkz, kato, working_time;
  std::int64_t wage_tiyn = 0, workplaces = 0;
  bool disability_suitable = false;
  std::string programme;  // "" or the programme it serves: P1 marks a relocation vacancy
};

struct VacancyMatch {
  VacancySummary vacancy;
  MatchResult result;
};

struct CandidateMatch {
  std::string iin, name, office_id;
  MatchResult result;
};

class MatchingService {
 public:
  MatchingService(storage::Database& db, const OfficeDirectory& offices, MatchingWeights weights,
                  Clock clock = SystemNow);

  // The person's best `limit` vacancies, best first (ties by vacancy id). 404 person.not_found
  // outside the caller's scope, 404 profile.not_found without a profile.
  Expected<std::vector<VacancyMatch>> ForPerson(const Actor& actor, const std::string& iin,
                                                int limit) const;
  // The vacancy's best `limit` job seekers with a profile and an active card kept at an office
  // the caller sees. 404 vacancy.not_found when missing; whose the vacancy is, the router's
  // record scope (Record::kVacancy) checks before. A vacancy not published has none.
  Expected<std::vector<CandidateMatch>> ForVacancy(const Actor& actor, std::int64_t id,
                                                   int limit) const;

  const MatchingWeights& weights() const { return weights_; }

 private:
  storage::Database& db_;
  const OfficeDirectory& offices_;
  MatchingWeights weights_;
  Clock clock_;
};

// A result as the API gives it: {"score", "reasons": [{"factor", "met", "text": {kk,ru,en}}]}.
nlohmann::json ReasonsJson(const MatchResult& result);

}  // namespace jumys::matching
