// The vacancy bank's records on PostgreSQL (JUMYS_PG_URL, see scripts/with-postgres).
#include "services/vacancies/vacancy_service_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, VacancyServiceSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
