#include "services/reference/reference_data_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, ReferenceDataSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
