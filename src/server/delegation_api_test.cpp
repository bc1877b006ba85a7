#include "server/delegation_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, DelegationApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
