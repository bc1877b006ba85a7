#include "server/staff_accounts_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, StaffAccountsApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
