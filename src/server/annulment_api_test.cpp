#include "server/annulment_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, AnnulmentApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
