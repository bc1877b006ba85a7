#include "server/signin_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, SigninSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
