#include "server/eds_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, EdsApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
