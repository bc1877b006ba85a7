#include "server/api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, ApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
