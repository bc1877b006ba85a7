#include "services/reference/reference_data_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, ReferenceDataSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
