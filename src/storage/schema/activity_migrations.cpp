#include "storage/schema/activity_migrations.h"

namespace jumys::storage::activities_schema {

// `employer_bins` and `person_iins` are JSON arrays of the identifiers present (checked by the
// service); `held_on` is the office's calendar day.
const char* const kActivities = R"sql(
CREATE TABLE programme_activities (
  id BIGSERIAL PRIMARY KEY,
  office_id TEXT NOT NULL,
  programme TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  audience TEXT NOT NULL CHECK (audience IN ('employers', 'job_seekers')),
  held_on TEXT NOT NULL,
  place TEXT NOT NULL,
  participants BIGINT NOT NULL CHECK (participants >= 0),
  employer_bins TEXT NOT NULL,
  person_iins TEXT NOT NULL,
  notes TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX programme_activities_office ON programme_activities(office_id, held_on, id);
)sql";

}  // namespace jumys::storage::activities_schema
