#include "services/registration/unemployed_year_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, UnemployedYearSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
