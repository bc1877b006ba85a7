#include "services/eligibility/employer_eligibility_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, EmployerEligibilitySuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
