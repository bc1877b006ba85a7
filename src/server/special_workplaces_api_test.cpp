#include "server/special_workplaces_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, SpecialWorkplacesApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
