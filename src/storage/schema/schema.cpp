#include "storage/schema/schema.h"

#include <string>
#include <string_view>

#include "storage/schema/contract_migrations.h"
#include "storage/schema/decision_list_migrations.h"
#include "storage/schema/draft_migrations.h"
#include "storage/schema/payment_migrations.h"
#include "storage/schema/vacancy_bank_migrations.h"

namespace jumys::storage {

// Instants are stored as RFC 3339 UTC text ("2026-11-23T07:55:21Z"), which sorts correctly and
// reads the same in both dialects; dates as YYYY-MM-DD; money as integer tiyn.
namespace {

// The texts below are PostgreSQL's; SQLite's follow by two rewrites: a BIGSERIAL key becomes
// an INTEGER PRIMARY KEY AUTOINCREMENT (the rowid), and BIGINT becomes INTEGER (SQLite's
// integers are 64-bit anyway, and only "INTEGER PRIMARY KEY" is the rowid).
std::string SqliteText(std::string sql) {
  const auto replace_all = [&sql](std::string_view from, std::string_view to) {
    for (auto pos = sql.find(from); pos != std::string::npos;
         pos = sql.find(from, pos + to.size())) {
      sql.replace(pos, from.size(), to);
    }
  };
  replace_all("BIGSERIAL PRIMARY KEY", "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace_all("BIGINT", "INTEGER");
  return sql;
}

// Triggers refusing UPDATE and DELETE on `table`: what was written there stays as written.
std::string AppendOnlyTriggers(Dialect dialect, const std::string& table) {
  const std::string refusal = "'" + table + " is append-only'";
  if (dialect == Dialect::kSqlite) {
    return "\nCREATE TRIGGER " + table + "_no_update BEFORE UPDATE ON " + table +
           "\nBEGIN SELECT RAISE(ABORT, " + refusal + "); END;\nCREATE TRIGGER " + table +
           "_no_delete BEFORE DELETE ON " + table + "\nBEGIN SELECT RAISE(ABORT, " + refusal +
           "); END;\n";
  }
  return "\nCREATE FUNCTION " + table +
         "_append_only() RETURNS trigger AS $$\nBEGIN\n  RAISE EXCEPTION " + refusal +
         ";\nEND;\n$$ LANGUAGE plpgsql;\nCREATE TRIGGER " + table +
         "_no_change BEFORE UPDATE OR DELETE ON " + table + "\n  FOR EACH ROW EXECUTE FUNCTION " +
         table + "_append_only();\n";
}

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

// Migration 9: notifications. `contacts` holds how a person, an employer or a staff member
// may be reached and what they agreed to (the inbox needs no consent; e-mail and SMS do).
// `notifications` is the outbox and the inbox at once: one row per message per channel,
// written in the transaction of the change that caused it; `reference` is the message id the
// recipient sees, `dedupe_key` makes an alert once-only. A dispatcher claims due rows with a
// lease (lease_owner, lease_until) and logs each try in `notification_attempts`.
const char* const kNotifications = R"sql(
CREATE TABLE contacts (
  party_kind TEXT NOT NULL CHECK (party_kind IN ('person', 'employer', 'staff')),
  party_id TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
  email_opt_in INTEGER NOT NULL,
  sms_opt_in INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (party_kind, party_id)
);
CREATE TABLE notifications (
  id BIGSERIAL PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  dedupe_key TEXT UNIQUE,
  template TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('inbox', 'email', 'sms')),
  party_kind TEXT NOT NULL CHECK (party_kind IN ('person', 'employer', 'staff')),
  party_id TEXT NOT NULL,
  address TEXT NOT NULL,
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  html TEXT NOT NULL,
  link TEXT NOT NULL,
  case_id BIGINT REFERENCES cases(id),
  task_id BIGINT REFERENCES tasks(id),
  office_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('created', 'sending', 'delivered', 'temporary-failure',
                                         'permanent-failure', 'technical-failure')),
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_until TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  delivered_at TEXT,
  read_at TEXT
);
CREATE INDEX notifications_due ON notifications(next_attempt_at) WHERE status = 'created';
CREATE INDEX notifications_party ON notifications(party_kind, party_id, channel, id);
CREATE INDEX notifications_status ON notifications(status, channel, id);
CREATE INDEX notifications_address ON notifications(channel, address, created_at);
CREATE TABLE notification_attempts (
  id BIGSERIAL PRIMARY KEY,
  notification_id BIGINT NOT NULL REFERENCES notifications(id),
  attempt INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX notification_attempts_message ON notification_attempts(notification_id, id);
)sql";

// Migration 10: staff alerts and reminders before a due time (engine/task_alerts.h). Each
// alert a task got ('due_soon', 'overdue', 'notify:<template>') is one row of `task_alerts`, so
// it is written once whatever the number of sweeps; `tasks.alerts_done_at` is set when a task
// can get no more alerts (its overdue alert went out), and the partial index holds only the
// open tasks still waiting for one, which is all a sweep reads.
const char* const kTaskAlerts = R"sql(
CREATE TABLE task_alerts (
  task_id BIGINT NOT NULL REFERENCES tasks(id),
  alert TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (task_id, alert)
);
ALTER TABLE tasks ADD COLUMN alerts_done_at TEXT;
CREATE INDEX tasks_alerts_pending ON tasks(due_at)
  WHERE completed_at IS NULL AND alerts_done_at IS NULL;
CREATE INDEX notifications_task ON notifications(task_id) WHERE task_id IS NOT NULL;
)sql";

// Migration 11: two milestones of a case the applicant sees. `result_due_on` is the day the
// result is due: the filing day plus the channel's service term (the definition's
// `service_term`) on the office's working calendar, fixed at filing and printed on the coupon
// and the receipt. `accepted_at` is when the executor accepted a portal request (S4 item 9.2,
// effect `mark_accepted`). Both NULL for cases filed before, and for processes without a term.
const char* const kCaseMilestones = R"sql(
ALTER TABLE cases ADD COLUMN result_due_on TEXT;
ALTER TABLE cases ADD COLUMN accepted_at TEXT;
)sql";

// Migration 12: a card may say "deregistered" (the unemployed person's year ends on a ground:
// processes/unemployed-attendance); the ground, date and who are in its history. PostgreSQL
// changes the check; SQLite cannot, so the table is rebuilt with the same rows.
const char* const kCardDeregisteredPostgres = R"sql(
ALTER TABLE employment_cards DROP CONSTRAINT employment_cards_status_check;
ALTER TABLE employment_cards ADD CONSTRAINT employment_cards_status_check
  CHECK (status IN ('job_seeker', 'unemployed', 'deregistered'));
)sql";
const char* const kCardDeregisteredSqlite = R"sql(
CREATE TABLE employment_cards_v12 (
  iin TEXT PRIMARY KEY,
  office_id TEXT NOT NULL REFERENCES offices(id),
  status TEXT NOT NULL CHECK (status IN ('job_seeker', 'unemployed', 'deregistered')),
  job_seeker_since TEXT NOT NULL,
  unemployed_since TEXT,
  last_case_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO employment_cards_v12 (iin, office_id, status, job_seeker_since, unemployed_since,
                                  last_case_id, created_at, updated_at)
  SELECT iin, office_id, status, job_seeker_since, unemployed_since, last_case_id, created_at,
         updated_at FROM employment_cards;
DROP TABLE employment_cards;
ALTER TABLE employment_cards_v12 RENAME TO employment_cards;
)sql";

// Migration 13: a signing step may sign several documents (S4c 6.5: the notice and the
// permit), so a task has one draft per kind. `documents.task_id` is unique per task and stays
// as it was for the rows it holds; drafts name their task in `draft_task_id`, unique with the
// kind (copied from task_id for the drafts made before).
const char* const kDraftsPerKind = R"sql(
ALTER TABLE documents ADD COLUMN draft_task_id BIGINT REFERENCES tasks(id);
UPDATE documents SET draft_task_id = task_id WHERE task_id IS NOT NULL;
CREATE UNIQUE INDEX documents_draft_task_kind ON documents(draft_task_id, kind);
)sql";

// Migration 14: a wrongly issued result annulled or replaced by a corrected one (Law of the RK
// "On public services" No. 88-V, the provider remedies a violation and reissues the result;
// Administrative Procedural and Process Code No. 350-VI, an administrative act revoked or
// amended). One row per document at most (UNIQUE document_id), never updated or deleted: the
// triggers refuse both. Every corrected document is in `replacement_drafts` with the reason and
// the corrected values it was drawn with; one drawn for an original with an EDS waits there as
// a draft for the head's signature, and becomes a `replace` row when issued.
const char* const kAnnulmentsTables = R"sql(
CREATE TABLE document_annulments (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL UNIQUE REFERENCES documents(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  action TEXT NOT NULL CHECK (action IN ('annul', 'replace')),
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  actor TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  capacity TEXT NOT NULL CHECK (capacity IN ('own', 'acting')),
  delegation_id BIGINT REFERENCES delegations(id),
  at TEXT NOT NULL,
  replacement_id BIGINT UNIQUE REFERENCES documents(id),
  CHECK ((action = 'replace') = (replacement_id IS NOT NULL))
);
CREATE INDEX document_annulments_case ON document_annulments(case_id, id);
CREATE TABLE replacement_drafts (
  draft_id BIGINT PRIMARY KEY REFERENCES documents(id),
  document_id BIGINT NOT NULL REFERENCES documents(id),
  reason TEXT NOT NULL,
  corrected TEXT NOT NULL,
  prepared_by TEXT NOT NULL,
  prepared_at TEXT NOT NULL
);
CREATE INDEX replacement_drafts_document ON replacement_drafts(document_id, draft_id);
)sql";
// Migration 15: a case about another case (a complaint about a public service or its result,
// processes/public-service-complaint). One subject per case; the subject's complaints are
// listed by the index. The subject keeps its own result: a complaint reopens, never deletes.
const char* const kCaseSubjects = R"sql(
CREATE TABLE case_subjects (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  subject_case_id BIGINT NOT NULL REFERENCES cases(id),
  created_at TEXT NOT NULL
);
CREATE INDEX case_subjects_subject ON case_subjects(subject_case_id);
)sql";

// Migration 16: staff's internal notes on a case (issue 16, item 6). Never shown to the
// applicant; never changed or deleted once written (the triggers refuse both), so a note is as
// lasting as the audit chain that records who wrote it.
const char* const kCaseNotesTable = R"sql(
CREATE TABLE case_notes (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  office_id TEXT NOT NULL,
  author TEXT NOT NULL,
  author_name TEXT NOT NULL,
  text TEXT NOT NULL CHECK (length(text) > 0),
  at TEXT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes(case_id, id);
)sql";
}  // namespace

const std::vector<Migration>& SchemaMigrations(Dialect dialect) {
  using namespace vacancy_bank;
  static const std::vector<Migration> kPostgres = {
      {1, "init", kInit},
      {2, "cases", kCases},
      {3, "permits", kPermits},
      {4, "documents", kDocuments},
      {5, "sign-in", kSignIn},
      {6, "challenges", kChallenges},
      {7, "delegation", kDelegation},
      {8, "transfers", kTransfers},
      {9, "notifications", kNotifications},
      {10, "task-alerts", kTaskAlerts},
      {11, "case-milestones", kCaseMilestones},
      {12, "card-deregistered", kCardDeregisteredPostgres},
      {13, "drafts-per-kind", kDraftsPerKind},
      {14, "document-annulments",
       kAnnulmentsTables + AppendOnlyTriggers(Dialect::kPostgres, "document_annulments")},
      {15, "case-subjects", kCaseSubjects},
      {16, "case-notes", kCaseNotesTable + AppendOnlyTriggers(Dialect::kPostgres, "case_notes")},
      {17, "reference-codes", kReferenceCodes},
      {18, "vacancies", kVacancies},
      {19, "vacancy-search", VacancySearchPostgres()},
      {20, "seeker-profiles", kSeekerProfiles},
      {21, "placements", kPlacements},
      {22, "vacancy-search-prefixes", VacancySearchPrefixesPostgres()},
      {23, "contracts", contracts_schema::kContracts},
      {24, "decision-lists", decision_lists::kDecisionLists},
      {25, "drafts", drafts_schema::kDrafts},
      {26, "vacancy-contract", kVacancyContract},
      {27, "payments", payments_schema::kPayments}};
  static const std::vector<Migration> kSqlite = [] {
    std::vector<Migration> out = kPostgres;
    for (auto& m : out) {
      if (m.version == 12) {
        m.sql = kCardDeregisteredSqlite;
      } else if (m.version == 14) {
        m.sql = SqliteText(kAnnulmentsTables +
                           AppendOnlyTriggers(Dialect::kSqlite, "document_annulments"));
      } else if (m.version == 19) {
        m.sql = VacancySearchSqlite();
      } else if (m.version == 22) {
        m.sql = kVacancySearchPrefixesSqlite;
      } else if (m.version == 16) {
        m.sql = SqliteText(kCaseNotesTable + AppendOnlyTriggers(Dialect::kSqlite, "case_notes"));
      } else {
        m.sql = SqliteText(m.sql);
      }
    }
    return out;
  }();
  return dialect == Dialect::kSqlite ? kSqlite : kPostgres;
}

Expected<std::unique_ptr<Database>> OpenMigratedDatabase(const std::string& url, int readers) {
  DatabaseOptions options;
  options.readers = readers;
  JUMYS_ASSIGN_OR_RETURN(auto db, OpenDatabase(url, options));
  JUMYS_TRY(Migrate(*db, SchemaMigrations(db->dialect())));
  return db;
}

}  // namespace jumys::storage
