#include "engine/applicant_steps_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, ApplicantStepsSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
