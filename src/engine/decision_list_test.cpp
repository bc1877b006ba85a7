#include "engine/decision_list_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, DecisionListSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
