#include "server/signing_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, SigningApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
