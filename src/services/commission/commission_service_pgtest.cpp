// CommissionService on PostgreSQL (JUMYS_PG_URL, see scripts/with-postgres).
#include "services/commission/commission_service_suite.h"

namespace jumys::commission {

INSTANTIATE_TEST_SUITE_P(Postgres, CommissionServiceSuite,
                         ::testing::Values(testing::Backend::kPostgres));

}  // namespace jumys::commission
