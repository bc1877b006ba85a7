// Programme activities through the API on SQLite.
#include "server/activity_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, ActivityApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
