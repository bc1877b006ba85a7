#include "server/analytics_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, AnalyticsApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
