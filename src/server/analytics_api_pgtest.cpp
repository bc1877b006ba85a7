#include "server/analytics_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, AnalyticsApiSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
