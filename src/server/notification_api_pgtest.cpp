#include "server/notification_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, NotificationApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
