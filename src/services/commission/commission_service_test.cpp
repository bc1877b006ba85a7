// CommissionService on SQLite.
#include "services/commission/commission_service_suite.h"

namespace jumys::commission {

INSTANTIATE_TEST_SUITE_P(Sqlite, CommissionServiceSuite,
                         ::testing::Values(testing::Backend::kSqlite));

}  // namespace jumys::commission
