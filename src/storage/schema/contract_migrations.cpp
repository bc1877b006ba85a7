#include "storage/schema/contract_migrations.h"

namespace jumys::storage::contracts_schema {

// `document_signatures`: the signatures of a document whose kind declares several signers
// (reference/documents/<kind>.yaml `signers:`), one row per party in the declared order, each a
// detached CMS over the same bytes (`documents.content`); seq 0 is also kept in
// `documents.signature` as for a single signer. Never changed once written.
// `contracts`: one per case (a P2 approved application, later P3/P1), its amount in tiyn, the
// amount proposed from the programme's parameters and the reason when they differ, the term,
// status, the head's return reasons in order (JSON array of {reason, login, at}) and the
// contractor's refusal reason; `document_id` is the contract's PDF the parties sign.
const char* const kContracts = R"sql(
CREATE TABLE document_signatures (
  document_id BIGINT NOT NULL REFERENCES documents(id),
  seq INTEGER NOT NULL CHECK (seq >= 0),
  party TEXT NOT NULL,
  role TEXT NOT NULL,
  login TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  iin TEXT NOT NULL,
  bin TEXT NOT NULL,
  subject TEXT NOT NULL,
  signature TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  PRIMARY KEY (document_id, seq),
  UNIQUE (document_id, party)
);
CREATE TABLE contracts (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL UNIQUE REFERENCES cases(id),
  number TEXT NOT NULL,
  programme TEXT NOT NULL,
  office_id TEXT NOT NULL,
  contractor_bin TEXT NOT NULL,
  contractor_name TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount >= 0),
  proposed_amount BIGINT NOT NULL CHECK (proposed_amount >= 0),
  amount_reason TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'returned', 'signed_by_centre', 'in_force',
                                         'refused', 'ended')),
  return_reasons TEXT NOT NULL,
  refusal_reason TEXT NOT NULL,
  document_id BIGINT REFERENCES documents(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (amount = proposed_amount OR length(amount_reason) > 0)
);
CREATE INDEX contracts_bin ON contracts(contractor_bin, id);
CREATE INDEX contracts_office ON contracts(office_id, id);
CREATE INDEX contracts_status_end ON contracts(status, ends_on);
)sql";

}  // namespace jumys::storage::contracts_schema
