#include "server/field_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, FieldApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
