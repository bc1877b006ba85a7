#include "server/matching_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, MatchingApiSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
