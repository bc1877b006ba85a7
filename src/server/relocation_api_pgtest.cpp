#include "server/relocation_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, RelocationApiSuite, ::testing::Values(Backend::kPostgres));
INSTANTIATE_TEST_SUITE_P(Postgres, RelocationQuotaSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
