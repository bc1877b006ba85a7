#include "server/case_api_errors_suite.h"
#include "server/case_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, CaseApiSuite, ::testing::Values(Backend::kSqlite));
INSTANTIATE_TEST_SUITE_P(Sqlite, CaseApiErrorsSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
