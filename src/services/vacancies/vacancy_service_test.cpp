// The vacancy bank's records on SQLite.
#include "services/vacancies/vacancy_service_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, VacancyServiceSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
