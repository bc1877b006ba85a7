#include "storage/schema/foundation_migrations.h"

namespace jumys::storage::foundation_schema {

const char* const kInit = R"sql(
CREATE TABLE offices (
  id TEXT PRIMARY KEY,
  name_kk TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
  kato TEXT NOT NULL,
  oblast_kato TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('centre', 'oblast')),
  time_zone TEXT NOT NULL,
  hours TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('staff', 'applicant')),
  full_name TEXT NOT NULL,
  office_id TEXT REFERENCES offices(id),
  roles TEXT NOT NULL,
  iin TEXT,
  bin TEXT,
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE people (
  iin TEXT PRIMARY KEY,
  surname TEXT NOT NULL,
  given_name TEXT NOT NULL,
  patronymic TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL,
  office_id TEXT NOT NULL REFERENCES offices(id),
  phone TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX people_office ON people(office_id);
CREATE TABLE employers (
  bin TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  kato TEXT NOT NULL,
  office_id TEXT NOT NULL REFERENCES offices(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX employers_office ON employers(office_id);
CREATE TABLE revenue_records (
  bin TEXT PRIMARY KEY,
  as_of TEXT NOT NULL,
  tax_arrears_tiyn BIGINT NOT NULL,
  social_arrears_tiyn BIGINT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);
CREATE TABLE calendar_overrides (
  day TEXT PRIMARY KEY,
  working INTEGER NOT NULL,
  note TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE audit_events (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  office_id TEXT NOT NULL,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_events(entity, entity_id);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
)sql";

// Migration 2: cases, their tasks and result documents, the individual employment card with
// its history, and the per-office yearly counters behind case and result numbers. The work
// queue is the partial index tasks_queue: open tasks by (office, role, due time).
const char* const kCases = R"sql(
CREATE TABLE counters (
  office_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (office_id, year, kind)
);
CREATE TABLE cases (
  id BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  process TEXT NOT NULL,
  version TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('office', 'portal')),
  office_id TEXT NOT NULL REFERENCES offices(id),
  applicant_iin TEXT,
  applicant_bin TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'refused', 'cancelled')),
  decided_kind TEXT,
  decided_status TEXT,
  grounds TEXT NOT NULL,
  assignees TEXT NOT NULL,
  documents TEXT NOT NULL,
  data TEXT NOT NULL,
  result TEXT,
  row_version BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX cases_office ON cases(office_id, id);
CREATE INDEX cases_iin ON cases(applicant_iin, id) WHERE applicant_iin IS NOT NULL;
CREATE INDEX cases_bin ON cases(applicant_bin, id) WHERE applicant_bin IS NOT NULL;
CREATE TABLE tasks (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  step TEXT NOT NULL,
  ref TEXT NOT NULL,
  kind TEXT NOT NULL,
  role TEXT,
  office_id TEXT NOT NULL REFERENCES offices(id),
  assignee TEXT,
  limit_text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  completed_at TEXT,
  completed_by TEXT,
  outcome TEXT,
  data TEXT NOT NULL
);
CREATE INDEX tasks_queue ON tasks(office_id, role, due_at) WHERE completed_at IS NULL;
CREATE INDEX tasks_case ON tasks(case_id);
CREATE INDEX tasks_timers ON tasks(due_at) WHERE completed_at IS NULL AND kind <> 'user';
CREATE INDEX tasks_completed ON tasks(completed_at) WHERE completed_at IS NOT NULL;
CREATE TABLE case_documents (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  number TEXT NOT NULL UNIQUE,
  office_id TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  data TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX case_documents_case ON case_documents(case_id);
CREATE TABLE employment_cards (
  iin TEXT PRIMARY KEY,
  office_id TEXT NOT NULL REFERENCES offices(id),
  status TEXT NOT NULL CHECK (status IN ('job_seeker', 'unemployed')),
  job_seeker_since TEXT NOT NULL,
  unemployed_since TEXT,
  last_case_id BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE employment_card_history (
  id BIGSERIAL PRIMARY KEY,
  iin TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  case_id BIGINT,
  data TEXT NOT NULL
);
CREATE INDEX employment_card_history_iin ON employment_card_history(iin, id);
)sql";

// Migration 3: foreign-labour permits (S4): the permit registry with its reissue/extension
// chain, the oblast quotas by year and category (`used` grows with every standard permit
// issued), what intake, fee and post recorded per case, and the commission with its meetings,
// agenda, recommendations and members' votes.
const char* const kPermits = R"sql(
CREATE TABLE permits (
  id BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('standard', 'ict')),
  employer_bin TEXT NOT NULL,
  office_id TEXT NOT NULL REFERENCES offices(id),
  category INTEGER NOT NULL CHECK (category BETWEEN 1 AND 4),
  workers INTEGER NOT NULL CHECK (workers > 0),
  occupation TEXT NOT NULL,
  region TEXT NOT NULL,
  host_company TEXT,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('valid', 'reissued', 'extended', 'expired')),
  extensions INTEGER NOT NULL DEFAULT 0,
  case_id BIGINT REFERENCES cases(id),
  previous_id BIGINT REFERENCES permits(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX permits_employer ON permits(employer_bin, id);
CREATE INDEX permits_case ON permits(case_id);
CREATE TABLE permit_quotas (
  office_id TEXT NOT NULL REFERENCES offices(id),
  year INTEGER NOT NULL,
  category INTEGER NOT NULL CHECK (category BETWEEN 1 AND 4),
  quota INTEGER NOT NULL CHECK (quota >= 0),
  used INTEGER NOT NULL CHECK (used >= 0),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (office_id, year, category)
);
CREATE TABLE permit_case_records (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CHECK (kind IN ('coupon', 'receipt', 'decision_notice', 'fee_payment',
                              'dispatch', 'permit_draft')),
  data TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (case_id, kind)
);
CREATE TABLE commissions (
  id BIGSERIAL PRIMARY KEY,
  office_id TEXT NOT NULL REFERENCES offices(id),
  name TEXT NOT NULL,
  secretary TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE commission_members (
  commission_id BIGINT NOT NULL REFERENCES commissions(id),
  login TEXT NOT NULL,
  PRIMARY KEY (commission_id, login)
);
CREATE TABLE commission_meetings (
  id BIGSERIAL PRIMARY KEY,
  commission_id BIGINT NOT NULL REFERENCES commissions(id),
  held_on TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX commission_meetings_date ON commission_meetings(commission_id, held_on);
CREATE TABLE commission_agenda (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  meeting_id BIGINT NOT NULL REFERENCES commission_meetings(id),
  added_at TEXT NOT NULL,
  recommendation TEXT CHECK (recommendation IN ('grant', 'refuse')),
  reasons TEXT,
  recorded_by TEXT,
  recorded_at TEXT
);
CREATE INDEX commission_agenda_meeting ON commission_agenda(meeting_id);
CREATE TABLE commission_votes (
  case_id BIGINT NOT NULL REFERENCES commission_agenda(case_id),
  member TEXT NOT NULL,
  vote TEXT NOT NULL CHECK (vote IN ('grant', 'refuse')),
  reasons TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (case_id, member)
);
)sql";

// Migration 4: stored document files. A row is a draft while its signing task is open (the
// bytes the signer signs), then issued under the registry entry in case_documents. The PDF
// and the DER signature are kept as base64 text (the driver layer carries text, not bytes).
// The file sits in its own table so that signing or issuing, which update the row, do not
// rewrite it.
const char* const kDocuments = R"sql(
CREATE TABLE documents (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  registry_id BIGINT UNIQUE REFERENCES case_documents(id),
  task_id BIGINT UNIQUE REFERENCES tasks(id),
  kind TEXT NOT NULL,
  number TEXT NOT NULL,
  case_number TEXT NOT NULL,
  office_id TEXT NOT NULL,
  verification_code TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  signature TEXT,
  signer_login TEXT NOT NULL,
  signer_role TEXT NOT NULL,
  signer_iin TEXT,
  applicant_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'superseded', 'annulled')),
  created_at TEXT NOT NULL,
  issued_at TEXT,
  issued_by TEXT
);
CREATE INDEX documents_case ON documents(case_id, kind);
CREATE TABLE document_contents (
  document_id BIGINT PRIMARY KEY REFERENCES documents(id),
  content TEXT NOT NULL
);
)sql";

// Migration 5: sign-in. Failed attempts are counted per (account, address) and per address in
// login_throttle (key "pair:<user or login>|<address>" or "addr:<address>"; the per-account
// key is "account:<user id>"), each with the instant before which a further attempt is
// refused. users.failed_logins counts every failed attempt on the account since its last
// sign-in. A session ends after idle time (last_seen_at, written at most once a minute). The
// TOTP secret (base32) is kept in its own column: totp_pending until confirmed by a code,
// then totp_secret; totp_last_step is the last time step accepted, so a code is not reused.
const char* const kSignIn = R"sql(
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  blocked_until TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX login_throttle_updated ON login_throttle(updated_at);
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
)sql";

// Migration 6: single-use challenges the server issues for an EDS signature (a portal request
// signs one inside its body; an applicant signs one to sign in). A challenge is consumed by
// one UPDATE that sets used_at only while it is unused and unexpired, so exactly one request
// wins however many race with it.
const char* const kChallenges = R"sql(
CREATE TABLE challenges (
  challenge TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('portal-request', 'sign-in')),
  user_id BIGINT REFERENCES users(id),
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX challenges_expires ON challenges(expires_at);
)sql";

// Migration 7: who acts for whom. An employer's users beyond the account the employer
// registered with (that one, with no row here, is its director): signatories and drafters,
// each the account of a named person. A head's delegations of a role to a colleague of the
// same office for a dated period (office calendar dates, inclusive); revoked ones are kept.
// The capacity a document was signed in: its signer's name and, when acting, the delegation.
const char* const kDelegation = R"sql(
CREATE TABLE employer_users (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  bin TEXT NOT NULL,
  capacity TEXT NOT NULL CHECK (capacity IN ('director', 'signatory', 'drafter')),
  person_iin TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  deactivated_at TEXT
);
CREATE INDEX employer_users_bin ON employer_users(bin);
CREATE TABLE delegations (
  id BIGSERIAL PRIMARY KEY,
  office_id TEXT NOT NULL REFERENCES offices(id),
  role TEXT NOT NULL,
  delegator TEXT NOT NULL,
  delegate TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  CHECK (starts_on <= ends_on),
  CHECK (delegator <> delegate)
);
CREATE INDEX delegations_delegate ON delegations(delegate, role);
CREATE INDEX delegations_office ON delegations(office_id, id);
CREATE TABLE document_signers (
  document_id BIGINT PRIMARY KEY REFERENCES documents(id),
  signer_name TEXT NOT NULL,
  role TEXT NOT NULL,
  capacity TEXT NOT NULL CHECK (capacity IN ('own', 'acting')),
  delegation_id BIGINT REFERENCES delegations(id)
);
)sql";

// Migration 8: transfer requests. A clerk who registers a person (or an employer) registered
// at an office outside their scope files a request instead of learning where the record is;
// the owning office accepts it (the record moves to the requesting office) or declines it.
// `data` holds what the requesting clerk entered, as JSON text.
const char* const kTransfers = R"sql(
CREATE TABLE record_transfers (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'employer')),
  record_key TEXT NOT NULL,
  from_office TEXT NOT NULL REFERENCES offices(id),
  to_office TEXT NOT NULL REFERENCES offices(id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
  data TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT
);
CREATE INDEX record_transfers_from ON record_transfers(from_office, status);
CREATE INDEX record_transfers_key ON record_transfers(kind, record_key, status);
)sql";

}  // namespace jumys::storage::foundation_schema
