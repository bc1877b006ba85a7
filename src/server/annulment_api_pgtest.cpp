#include "server/annulment_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, AnnulmentApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
