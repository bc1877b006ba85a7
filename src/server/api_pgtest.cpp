#include "server/api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, ApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
