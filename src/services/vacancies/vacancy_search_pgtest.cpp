// Public vacancy search on PostgreSQL (JUMYS_PG_URL, see scripts/with-postgres).
#include "services/vacancies/vacancy_search_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, VacancySearchSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
