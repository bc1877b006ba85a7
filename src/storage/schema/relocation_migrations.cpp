#include "storage/schema/relocation_migrations.h"

namespace jumys::storage::relocation_schema {

// `case_handoffs`: each time a case became another office's (route A at 6.1), in order; the
// office it left reads it still. `relocation_participants`: one row per case a commission
// included, with the persons it counts (the applicant and the family members) against the
// quota of the region of arrival and year; `relocation_quota_use` their sum, raised by one
// conditional update so that two decisions at once cannot both take the last places.
// `social_contracts`: one per case, two or three
// parties (employer_bin empty for two). `social_contract_checks`: the monitoring of its
// conditions (8.1, 11.1, 15.1); a broken condition terminates the contract.
const char* const kTables = R"sql(
CREATE TABLE case_handoffs (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  seq INTEGER NOT NULL,
  from_office TEXT NOT NULL,
  to_office TEXT NOT NULL,
  step TEXT NOT NULL,
  handed_by TEXT NOT NULL,
  handed_at TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_handoffs_from ON case_handoffs(from_office, case_id);
CREATE INDEX case_parties_bin ON case_parties(bin, party);
CREATE TABLE relocation_participants (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  route TEXT NOT NULL,
  arrival_oblast TEXT NOT NULL,
  year INTEGER NOT NULL,
  persons INTEGER NOT NULL CHECK (persons >= 1),
  protocol_number TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  members TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX relocation_participants_quota ON relocation_participants(arrival_oblast, year);
CREATE TABLE relocation_quota_use (
  arrival_oblast TEXT NOT NULL,
  year INTEGER NOT NULL,
  persons INTEGER NOT NULL CHECK (persons >= 0),
  PRIMARY KEY (arrival_oblast, year)
);
CREATE TABLE social_contracts (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL UNIQUE REFERENCES cases(id),
  number TEXT NOT NULL,
  office_id TEXT NOT NULL,
  route TEXT NOT NULL,
  person_iin TEXT NOT NULL,
  employer_bin TEXT NOT NULL,
  persons INTEGER NOT NULL CHECK (persons >= 1),
  monthly_rent BIGINT NOT NULL CHECK (monthly_rent >= 0),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_force', 'refused', 'terminated', 'ended')),
  status_reason TEXT NOT NULL,
  document_id BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX social_contracts_person ON social_contracts(person_iin);
CREATE TABLE social_contract_checks (
  id BIGSERIAL PRIMARY KEY,
  contract_id BIGINT NOT NULL REFERENCES social_contracts(id),
  checked_on TEXT NOT NULL,
  conditions_met INTEGER NOT NULL CHECK (conditions_met IN (0, 1)),
  findings TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX social_contract_checks_contract ON social_contract_checks(contract_id, id);
)sql";

}  // namespace jumys::storage::relocation_schema
