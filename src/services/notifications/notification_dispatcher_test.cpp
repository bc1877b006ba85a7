// The dispatcher against real servers on loopback, on SQLite.
#include "services/notifications/notification_dispatcher_suite.h"
#include "services/notifications/notification_nodes_suite.h"

namespace jumys::notifications {

INSTANTIATE_TEST_SUITE_P(Sqlite, DispatcherSuite,
                         ::testing::Values(jumys::testing::Backend::kSqlite));

}  // namespace jumys::notifications
