#include "server/result_walk_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, ResultWalkSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
