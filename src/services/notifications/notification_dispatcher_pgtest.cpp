// The dispatcher against real servers on loopback, on PostgreSQL (JUMYS_PG_URL, see
// scripts/with-postgres).
#include "services/notifications/notification_dispatcher_suite.h"
#include "services/notifications/notification_nodes_suite.h"

namespace jumys::notifications {

INSTANTIATE_TEST_SUITE_P(Postgres, DispatcherSuite,
                         ::testing::Values(jumys::testing::Backend::kPostgres));

}  // namespace jumys::notifications
