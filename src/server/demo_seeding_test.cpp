#include "server/demo_seeding_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, DemoSeedingSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
