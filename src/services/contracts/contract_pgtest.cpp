// Contracts and several signers on one document, on PostgreSQL.
#include "services/contracts/contract_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, ContractSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
