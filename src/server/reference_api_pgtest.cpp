#include "server/reference_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, ReferenceApiSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
