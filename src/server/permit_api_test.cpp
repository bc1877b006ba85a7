#include "server/annulment_api_suite.h"
#include "server/decision_notice_api_suite.h"
#include "server/permit_api_suite.h"
#include "server/permit_renewal_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, PermitApiSuite, ::testing::Values(Backend::kSqlite));
INSTANTIATE_TEST_SUITE_P(Sqlite, DecisionNoticeApiSuite, ::testing::Values(Backend::kSqlite));
// The annulment suite reuses the decision notice fixture, whose tests are defined here once.
INSTANTIATE_TEST_SUITE_P(Sqlite, AnnulmentApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
