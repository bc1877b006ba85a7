// The outbox written in the change's transaction, on PostgreSQL (JUMYS_PG_URL, see
// scripts/with-postgres).
#include "services/documents/document_signing_suite.h"
#include "services/notifications/outbox_channels_suite.h"
#include "services/notifications/outbox_transaction_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Postgres, OutboxSuite, ::testing::Values(Backend::kPostgres));

}  // namespace jumys::testing
