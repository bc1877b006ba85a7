#include "server/staff_accounts_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, StaffAccountsApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
