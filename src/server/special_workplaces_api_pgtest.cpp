#include "server/special_workplaces_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, SpecialWorkplacesApiSuite,
                         ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
