#include "server/matching_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, MatchingApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
