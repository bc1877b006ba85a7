#include "server/delegation_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, DelegationApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
