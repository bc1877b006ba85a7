// The outbox written in the change's transaction, on SQLite.
#include "services/documents/document_signing_suite.h"
#include "services/notifications/outbox_channels_suite.h"
#include "services/notifications/outbox_transaction_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, OutboxSuite, ::testing::Values(Backend::kSqlite));

}  // namespace jumys::testing
