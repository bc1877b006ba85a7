#pragma once
// The vacancy bank's migrations (17-22): reference classifiers, vacancies, their public search
// on each store, job seekers' profiles and placements. schema.cpp lists them with the others.
#include <string>

namespace jumys::storage::vacancy_bank {

extern const char* const kReferenceCodes;
extern const char* const kVacancies;
std::string VacancySearchPostgres();
std::string VacancySearchSqlite();
extern const char* const kSeekerProfiles;
extern const char* const kPlacements;
std::string VacancySearchPrefixesPostgres();
extern const char* const kVacancySearchPrefixesSqlite;
// Migration 26: a vacancy published under a programme contract names it (an opaque link).
extern const char* const kVacancyContract;

}  // namespace jumys::storage::vacancy_bank
