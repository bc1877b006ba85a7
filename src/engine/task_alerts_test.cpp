#include "engine/task_alerts_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, TaskAlertsSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
