// Referral to a vacancy and placement through the API on SQLite.
#include "server/placement_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, PlacementApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
