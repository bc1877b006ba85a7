#include "server/reference_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, ReferenceApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
