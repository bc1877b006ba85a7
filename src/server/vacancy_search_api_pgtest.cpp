// Public vacancy search over HTTP on PostgreSQL (JUMYS_PG_URL, see scripts/with-postgres).
#include "server/vacancy_search_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, VacancySearchApiSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
