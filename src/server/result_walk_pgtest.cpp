#include "server/result_walk_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, ResultWalkSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
