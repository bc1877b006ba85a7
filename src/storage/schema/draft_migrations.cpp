#include "storage/schema/draft_migrations.h"

namespace jumys::storage::drafts_schema {

// An applicant's draft of a portal application, kept in the cabinet until it is filed. One per
// owner and process; the owner is the employer ("bin:<BIN>", shared by all its users) or the
// person ("iin:<IIN>").
const char* const kDrafts = R"sql(
CREATE TABLE drafts (
  owner TEXT NOT NULL,
  process TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (owner, process)
);
)sql";

}  // namespace jumys::storage::drafts_schema
