#include "server/relocation_employers_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, RelocationEmployersApiSuite,
                         ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
