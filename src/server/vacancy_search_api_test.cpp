// Public vacancy search over HTTP on SQLite.
#include "server/vacancy_search_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, VacancySearchApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
