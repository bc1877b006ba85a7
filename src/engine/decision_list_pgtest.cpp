#include "engine/decision_list_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, DecisionListSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
