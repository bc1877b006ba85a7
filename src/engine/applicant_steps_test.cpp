#include "engine/applicant_steps_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, ApplicantStepsSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
