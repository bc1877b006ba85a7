#include "storage/schema/analytics_migrations.h"

namespace jumys::storage::analytics_schema {

const char* const kIndexes = R"sql(
CREATE INDEX employment_card_history_at ON employment_card_history(at);
CREATE INDEX cases_process_created ON cases(process, created_at);
CREATE INDEX cases_process_closed ON cases(process, closed_at) WHERE closed_at IS NOT NULL;
)sql";

const char* const kTaskDurations = R"sql(
CREATE TABLE task_durations (
  task_id BIGINT PRIMARY KEY REFERENCES tasks(id),
  office_id TEXT NOT NULL,
  office_day TEXT NOT NULL,
  process TEXT NOT NULL,
  version TEXT NOT NULL,
  step TEXT NOT NULL,
  working_minutes BIGINT NOT NULL,
  late INTEGER NOT NULL
);
CREATE INDEX task_durations_steps
  ON task_durations(office_id, process, version, step, office_day, working_minutes, late);
CREATE TABLE data_fills (
  name TEXT PRIMARY KEY,
  done_at TEXT
);
INSERT INTO data_fills (name) VALUES ('task_durations');
)sql";

}  // namespace jumys::storage::analytics_schema
