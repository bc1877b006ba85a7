// Programme activities through the API on PostgreSQL (JUMYS_PG_URL, see scripts/with-postgres).
#include "server/activity_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, ActivityApiSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
