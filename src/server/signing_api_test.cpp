#include "server/signing_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, SigningApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
