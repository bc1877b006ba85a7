#include "server/subsidised_jobs_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, SubsidisedJobsApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
