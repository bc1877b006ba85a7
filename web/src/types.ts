// Shapes of the API's JSON, as the app reads them.
import type { FieldSpec } from './fields';

export type Localized = { kk: string; ru: string; en: string };

export interface User {
  login: string;
  roles: string[];
  office: string | null;
  iin?: string;
  bin?: string;
  scope?: string;
  full_name?: string;
  must_change_password?: boolean;
  second_factor?: boolean;
}

export interface Task {
  id: number;
  case_id: number;
  case_number?: string;
  process?: string;
  step: string;
  ref: string;
  kind?: string;
  role: string | null;
  office: string;
  assignee: string | null;
  limit: string | null;
  created_at: string;
  due_at: string | null;
  overdue: boolean;
  // Working time left on the office's calendar and hours (negative once overdue; null without
  // a due time), and how pressing that is: the server counts both.
  working_minutes_left?: number | null;
  urgency?: 'ok' | 'near' | 'overdue';
  // The step's fields, then each outcome's (marked with `outcome`).
  fields?: FieldSpec[];
  open: boolean;
  outcomes: string[];
  requires_grounds: string[];
  title?: Localized;
  assigns?: string | null;
  signature_required?: boolean;
  unsigned_outcomes?: string[]; // outcomes of a signing step taken without the signature
  completed_at?: string;
  completed_by?: string;
  outcome?: string;
  // The queue's: the applicant's name from the registry (null when not registered).
  applicant_name?: string | null;
}

// A staff account as GET /api/v1/offices/{id}/staff lists it.
export interface StaffMember {
  login: string;
  full_name: string;
  roles: string[];
}

// A staff account as the administrator manages it (GET /api/v1/users).
export interface UserAccount extends StaffMember {
  office: string;
  active: boolean;
}

export interface CaseEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  data: Record<string, unknown>;
}

export interface CaseResult {
  kind: string;
  number: string;
  document_url: string | null;
  // Set when the result has no file to hand over, instead of a link.
  document_unavailable?: { reason: 'no_printed_form' | 'not_drawn' | string };
  grounds: { code: string; item?: string; text?: Localized }[];
  missing: string[];
  expired: string[];
}

export interface CaseSummary {
  id: number;
  number: string;
  process: string;
  version: string;
  channel: string;
  office: string;
  applicant: { iin?: string; bin?: string };
  status: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  // The day the result is due (the service term from filing); null without a term.
  result_due_on?: string | null;
  // When the provider accepted the request (portal, S4 item 9.2).
  accepted_at?: string | null;
  title?: Localized;
  result?: CaseResult | null;
}

export interface CaseDetail extends CaseSummary {
  documents: { type: string; valid_until?: string }[];
  data: Record<string, unknown>;
  decided: string | null;
  assignees: Record<string, string>;
  created_by?: string;
  // Staff only: the full name of each account the case names, by login.
  names?: Record<string, string>;
  tasks: Task[];
  events: CaseEvent[];
  // Whom the case concerns besides its applicant (P3's persons referred) and what it made.
  parties?: CaseParty[];
  links?: CaseLink[];
  issued_documents?: IssuedDocument[];
  // Staff: true for an office the case was handed from (it reads the case, changes nothing).
  read_only?: boolean;
}

export interface CaseParty {
  party: string;
  iin?: string;
  bin?: string;
  added_at: string;
}
// A record the case made or names: vacancy, placement, monthly_report, referral_document (a
// document of the case's registry, its PDF at /api/v1/cases/{case}/documents/{id}).
export interface CaseLink {
  kind: string;
  id: number;
  added_at: string;
  iin?: string;
}
export interface IssuedDocument {
  id: number;
  kind: string;
  number: string;
  state?: string;
  issued_at?: string;
  url?: string;
}

export interface DayHours {
  hours: string;
  lunch?: string | null;
}
export interface Office {
  id: string;
  name: Localized;
  kato: string;
  oblast_kato: string;
  level: 'centre' | 'oblast';
  time_zone: string;
  hours: Record<string, DayHours | null>;
}

export interface ProcessDoc {
  type: string;
  required: boolean;
  channel?: string;
  must_not_be_expired?: boolean;
}
export interface ActReference {
  number: string;
  date: string;
}
// The legal act a definition implements, with its own dates.
export interface Act {
  number: string;
  adopted: string;
  registered: string | null;
  registration_number: string | null;
  amended_by: ActReference | null;
  repealed_by: ActReference | null;
}
export interface Process {
  code: string;
  // The catalogue number: S1-S4e, P1-P3.
  number?: string;
  version: string;
  title: Localized;
  source?: string;
  effective?: { from: string; to: string | null } | null;
  act?: Act | null;
  // Per channel, the term in which the service is rendered ("9wd").
  service_term?: Record<string, string>;
  // "case": filed only about another case (a complaint), never from the list of services.
  concerns?: string | null;
  channels: string[];
  provider?: string;
  consent_required?: boolean;
  // Who files it: a person (by IIN) or an employer (by BIN).
  applicant?: 'person' | 'employer' | null;
  documents: ProcessDoc[];
  // The application's data at filing.
  fields?: FieldSpec[];
  steps: { id: string; ref: string; role: string; limit: string; channel?: string; title?: Localized; fields?: FieldSpec[] }[];
}

export interface RefusalGround {
  code: string;
  item?: string;
  text: Localized;
}

export interface Person {
  iin: string;
  surname: string;
  given_name: string;
  patronymic?: string;
  birth_date?: string;
  phone?: string;
  address?: string;
  office?: string;
}

// A programme contract (docs/CONTRACTS.md) as GET /api/v1/contracts gives it; sums in tiyn.
export type ContractStatus = 'draft' | 'returned' | 'signed_by_centre' | 'in_force' | 'refused' | 'ended';
export interface ContractSignature {
  party: 'customer' | 'contractor' | string;
  login: string;
  signer_name: string;
  // The certificate holder: common name, and the organisation for a legal entity's key.
  subject: string;
  signed_at: string;
  iin: string; // the certificate's, masked
  bin: string; // the certificate's organisation; "" for a personal certificate
  // The detached CMS (DER) of this signature, numbered from 1 in signing order.
  url: string;
}
export interface Contract {
  id: number;
  number: string;
  programme: string;
  case_id: number;
  office: string;
  contractor: { bin: string; name: string };
  amount: { amount: number; currency: string };
  proposed_amount: { amount: number; currency: string };
  amount_reason: string;
  starts_on: string;
  ends_on: string;
  status: ContractStatus;
  return_reasons: { reason: string; login: string; at: string }[];
  refusal_reason: string;
  pdf_url: string | null;
  signatures: ContractSignature[];
  created_at: string;
  updated_at: string;
}

// A decision list (GET /api/v1/decision-lists): cases listed at one step, decided at once by
// one role and recorded on each case (docs/DECISION_LISTS.md). `submitted` and the others: who
// moved it on and when, null until then.
export type DecisionListStatus = 'open' | 'submitted' | 'decided' | 'recorded';
export interface DecisionListMove {
  login: string;
  at: string;
}
export interface DecisionList {
  id: number;
  number: string;
  office: string;
  process: string;
  version: string;
  list: string;
  status: DecisionListStatus;
  items_count: number;
  created_at: string;
  submitted: DecisionListMove | null;
  decided: DecisionListMove | null;
  recorded: DecisionListMove | null;
}
export interface DecisionListItem {
  position: number;
  case_id: number;
  case_number: string;
  applicant_bin: string;
  applicant_iin: string;
  case_status: string;
  summary: Record<string, unknown>;
  remark: string;
  awaiting_decision: boolean;
  outcome: string | null;
  grounds: string[];
}
// GET /api/v1/decision-lists/{id}: the list, the roles that move it, the deciding step, the
// outcomes the list may decide (each refusal with the grounds it may cite), and its items.
export interface DecisionListDetail extends DecisionList {
  roles: { submit: string; decide: string; record: string };
  step: { id: string; ref: string; title: Localized };
  outcomes: { id: string; requires_grounds: boolean; grounds: RefusalGround[] }[];
  items: DecisionListItem[];
}
