#include "server/signin_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, SigninSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
