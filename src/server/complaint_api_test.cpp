#include "server/complaint_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, ComplaintApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
