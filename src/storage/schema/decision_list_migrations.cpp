#include "storage/schema/decision_list_migrations.h"

namespace jumys::storage::decision_lists {

// Migration 24: a numbered list of cases of one office and process, decided at once by the
// deciding role of the definition (docs/DECISION_LISTS.md). At most one list per office,
// process and list name is open (the partial unique index), so every listing step adds to the
// same one. An item's outcome and grounds are empty until the list is decided; `grounds` is a
// JSON array of refusal-ground codes.
const char* const kDecisionLists = R"sql(
CREATE TABLE decision_lists (
  id BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  office_id TEXT NOT NULL,
  process TEXT NOT NULL,
  version TEXT NOT NULL,
  list_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'decided', 'recorded')),
  created_at TEXT NOT NULL,
  submitted_by TEXT,
  submitted_at TEXT,
  decided_by TEXT,
  decided_at TEXT,
  recorded_by TEXT,
  recorded_at TEXT
);
CREATE UNIQUE INDEX decision_lists_one_open ON decision_lists(office_id, process, list_name)
  WHERE status = 'open';
CREATE INDEX decision_lists_office ON decision_lists(office_id, id);
CREATE TABLE decision_list_items (
  list_id BIGINT NOT NULL REFERENCES decision_lists(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  position INTEGER NOT NULL,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  remark TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  grounds TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (list_id, case_id)
);
CREATE INDEX decision_list_items_case ON decision_list_items(case_id);
)sql";

}  // namespace jumys::storage::decision_lists
