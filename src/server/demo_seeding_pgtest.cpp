#include "server/demo_seeding_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, DemoSeedingSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
