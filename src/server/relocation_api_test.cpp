#include "server/relocation_api_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, RelocationApiSuite, ::testing::Values(Backend::kSqlite));
INSTANTIATE_TEST_SUITE_P(Sqlite, RelocationQuotaSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
