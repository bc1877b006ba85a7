// Referral to a vacancy and placement through the API on PostgreSQL (JUMYS_PG_URL, see
// scripts/with-postgres).
#include "server/placement_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, PlacementApiSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
