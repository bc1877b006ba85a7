#include "services/registration/unemployed_year_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, UnemployedYearSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
