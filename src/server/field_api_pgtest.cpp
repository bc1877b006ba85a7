#include "server/field_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, FieldApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
