#include "storage/schema/analytics_migrations.h"

namespace jumys::storage::analytics_schema {

const char* const kIndexes = R"sql(
CREATE INDEX employment_card_history_at ON employment_card_history(at);
CREATE INDEX cases_process_created ON cases(process, created_at);
CREATE INDEX cases_process_closed ON cases(process, closed_at) WHERE closed_at IS NOT NULL;
)sql";

}  // namespace jumys::storage::analytics_schema
