#include "storage/schema/casework_migrations.h"

namespace jumys::storage::casework_schema {

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

}  // namespace jumys::storage::casework_schema
