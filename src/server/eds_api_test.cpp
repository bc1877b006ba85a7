#include "server/eds_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, EdsApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
