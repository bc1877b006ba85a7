#include "storage/schema/special_workplace_migrations.h"

namespace jumys::storage::special_workplaces_schema {

// `card_disabilities`: the disability staff record on a person's individual employment card from
// the person's documents (the medical and social expertise certificate): group 1-3, from when,
// until when (none: indefinite). A P3 referral needs one in force.
// `case_parties`: people and employers a case concerns besides its applicant (P3's persons
// referred), `case_links`: records a case made or names (its vacancy, the placements).
// `monthly_reports`: one report per contract and month, at most one not returned (the partial
// unique index holds it under concurrency), with its due day and whether it came late.
const char* const kTables = R"sql(
CREATE TABLE card_disabilities (
  iin TEXT PRIMARY KEY,
  disability_group INTEGER NOT NULL CHECK (disability_group BETWEEN 1 AND 3),
  established_on TEXT NOT NULL,
  valid_until TEXT,
  document TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE TABLE case_parties (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  party TEXT NOT NULL,
  iin TEXT NOT NULL,
  bin TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (case_id, party, iin, bin),
  CHECK (length(iin) > 0 OR length(bin) > 0)
);
CREATE INDEX case_parties_iin ON case_parties(iin);
CREATE TABLE case_links (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (case_id, kind, target_id)
);
CREATE TABLE monthly_reports (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  contract_id BIGINT NOT NULL REFERENCES contracts(id),
  period TEXT NOT NULL,
  employed TEXT NOT NULL,
  days_worked INTEGER NOT NULL,
  wages_paid BIGINT NOT NULL CHECK (wages_paid >= 0),
  due_on TEXT NOT NULL,
  late INTEGER NOT NULL CHECK (late IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('filed', 'accepted', 'returned', 'ordered')),
  remarks TEXT NOT NULL,
  payment_id BIGINT REFERENCES payment_orders(id),
  filed_by TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX monthly_reports_live ON monthly_reports(contract_id, period)
  WHERE status <> 'returned';
CREATE INDEX monthly_reports_case ON monthly_reports(case_id, id);
)sql";

const char* const kPlacementsPerPersonPostgres = R"sql(
ALTER TABLE placements DROP CONSTRAINT placements_case_id_key;
CREATE UNIQUE INDEX placements_case_person ON placements(case_id, person_iin);
)sql";

const char* const kPlacementsPerPersonSqlite = R"sql(
CREATE TABLE placements_v29 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
  person_iin TEXT NOT NULL,
  employer_bin TEXT NOT NULL,
  office_id TEXT NOT NULL REFERENCES offices(id),
  vacancy_office_id TEXT NOT NULL REFERENCES offices(id),
  status TEXT NOT NULL CHECK (status IN ('referred', 'hired', 'not_hired')),
  hired_on TEXT,
  reason TEXT,
  reason_text TEXT,
  answered_by TEXT,
  answered_at TEXT,
  corrections INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'hired') = (hired_on IS NOT NULL)),
  CHECK ((status = 'not_hired') = (reason IS NOT NULL))
);
INSERT INTO placements_v29 SELECT id, case_id, vacancy_id, person_iin, employer_bin, office_id,
  vacancy_office_id, status, hired_on, reason, reason_text, answered_by, answered_at, corrections,
  created_by, created_at, updated_at FROM placements;
DROP TABLE placements;
ALTER TABLE placements_v29 RENAME TO placements;
CREATE UNIQUE INDEX placements_case_person ON placements(case_id, person_iin);
CREATE INDEX placements_vacancy ON placements(vacancy_id, id);
CREATE INDEX placements_employer ON placements(employer_bin, id);
CREATE INDEX placements_office ON placements(office_id, status, id);
CREATE INDEX placements_vacancy_office ON placements(vacancy_office_id, id);
CREATE INDEX placements_person ON placements(person_iin, id);
)sql";

// Migration 30: the monitoring visits of a contract (7.3), one per visit with what it found, and
// each line of an imported statement with what it did, so that the registry lists a
// statement's exceptions (lines naming no order, returns) after the import; statements keep the
// office that imported them.
const char* const kVisitsAndStatementLines = R"sql(
CREATE TABLE monitoring_visits (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  contract_id BIGINT NOT NULL REFERENCES contracts(id),
  visited_on TEXT NOT NULL,
  obligations_met INTEGER NOT NULL CHECK (obligations_met IN (0, 1)),
  findings TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX monitoring_visits_contract ON monitoring_visits(contract_id, id);
ALTER TABLE payment_statements ADD COLUMN office_id TEXT;
CREATE TABLE payment_statement_lines (
  statement_id BIGINT NOT NULL REFERENCES payment_statements(id),
  line INTEGER NOT NULL,
  reference TEXT NOT NULL,
  amount TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('paid', 'returned', 'already', 'unmatched')),
  reason TEXT NOT NULL,
  order_id BIGINT REFERENCES payment_orders(id),
  PRIMARY KEY (statement_id, line)
);
)sql";

}  // namespace jumys::storage::special_workplaces_schema
