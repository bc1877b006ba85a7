#include "server/casework_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, CaseworkApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
