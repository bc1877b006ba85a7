// Public vacancy search on SQLite.
#include "services/vacancies/vacancy_search_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, VacancySearchSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
