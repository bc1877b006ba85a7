#include "engine/task_alerts_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, TaskAlertsSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
