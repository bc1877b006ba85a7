// Contracts and several signers on one document, on SQLite.
#include "services/contracts/contract_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, ContractSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
