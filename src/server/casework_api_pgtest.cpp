#include "server/casework_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, CaseworkApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
