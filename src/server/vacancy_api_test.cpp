#include "server/vacancy_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, VacancyApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
