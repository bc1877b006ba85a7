#include "server/vacancy_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, VacancyApiSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
