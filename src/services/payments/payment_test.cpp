// The payments registry on SQLite.
#include "services/payments/payment_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, PaymentSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
