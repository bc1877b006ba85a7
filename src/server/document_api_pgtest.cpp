#include "server/document_content_api_suite.h"
#include "server/document_signing_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Postgres, DocumentApiSuite, ::testing::Values(Backend::kPostgres));
}  // namespace jumys::testing
