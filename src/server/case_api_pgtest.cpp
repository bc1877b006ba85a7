#include "server/case_api_errors_suite.h"
#include "server/case_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, CaseApiSuite, ::testing::Values(Backend::kPostgres));
INSTANTIATE_TEST_SUITE_P(Postgres, CaseApiErrorsSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
