#include "server/notification_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, NotificationApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
