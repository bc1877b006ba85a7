#include "server/annulment_api_suite.h"
#include "server/decision_notice_api_suite.h"
#include "server/permit_api_suite.h"
#include "server/permit_renewal_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, PermitApiSuite, ::testing::Values(Backend::kPostgres));
INSTANTIATE_TEST_SUITE_P(Postgres, DecisionNoticeApiSuite, ::testing::Values(Backend::kPostgres));
// The annulment suite reuses the decision notice fixture, whose tests are defined here once.
INSTANTIATE_TEST_SUITE_P(Postgres, AnnulmentApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
