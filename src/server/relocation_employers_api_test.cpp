#include "server/relocation_employers_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, RelocationEmployersApiSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
