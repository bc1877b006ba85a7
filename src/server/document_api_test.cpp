#include "server/document_content_api_suite.h"
#include "server/document_signing_api_suite.h"

namespace jumys::testing {
INSTANTIATE_TEST_SUITE_P(Sqlite, DocumentApiSuite, ::testing::Values(Backend::kSqlite));
}  // namespace jumys::testing
