#include "server/complaint_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, ComplaintApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
