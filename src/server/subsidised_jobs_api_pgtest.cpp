#include "server/subsidised_jobs_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, SubsidisedJobsApiSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
