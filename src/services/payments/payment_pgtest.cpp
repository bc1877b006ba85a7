// The payments registry on PostgreSQL.
#include "services/payments/payment_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, PaymentSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
