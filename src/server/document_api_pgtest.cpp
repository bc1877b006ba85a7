#include "server/document_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, DocumentApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
