// Notifications as the browser handles them, with no DOM and no catalogue here (pages/inbox.ts,
// pages/notifications.ts and contacts.ts draw): the shapes the API serves, the order of the
// inbox, where a message's link may lead, the contact details checked before they are sent,
// and the unread count kept fresh without ever asking twice at once.

export interface InboxItem {
  id: number;
  reference: string;
  template: string;
  subject: string;
  body: string;
  link: string;
  case_id: number | null;
  created_at: string;
  read_at: string | null;
}

export interface Inbox {
  unread: number;
  messages: InboxItem[];
}

export type ContactLanguage = 'kk' | 'ru' | 'en';

export interface Contacts {
  email: string;
  phone: string;
  language: ContactLanguage;
  email_opt_in: boolean;
  sms_opt_in: boolean;
}

export interface DeliveryAttempt {
  attempt: number;
  started_at: string;
  finished_at: string | null;
  outcome: string;
  detail: string;
}

// One message of the delivery log (GET /api/v1/notifications).
export interface Delivery {
  id: number;
  reference: string;
  template: string;
  template_version?: number;
  channel: 'inbox' | 'email' | 'sms';
  recipient: string; // person | employer | staff
  address: string; // masked: enough to tell two apart, not to collect them
  language: string;
  subject: string;
  status: string;
  case_id: number | null;
  task_id?: number | null;
  office?: string;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  next_attempt_at?: string | null;
  attempts: DeliveryAttempt[];
}

export const STATUSES = ['created', 'sending', 'delivered', 'temporary-failure', 'permanent-failure', 'technical-failure'];
export const CHANNELS = ['inbox', 'email', 'sms'];

// A message an administrator may send again by hand: one whose delivery failed.
export function retryable(status: string): boolean {
  return status.endsWith('-failure');
}

// Newest first, as the server sends them; the same instant falls back on the later id.
export function newestFirst<T extends { id: number; created_at: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
}

export type LinkKind = 'case' | 'verify' | 'other';

export interface MessageLink {
  href: string; // what the anchor carries: a path for this site, the URL otherwise
  inApp: boolean; // a page of this app, opened without reloading it
  kind: LinkKind;
}

// Where a message's link leads, or null when it must not be followed: only http(s) links
// (never javascript: or data:). A case's page and a document's verification page are this
// site's, by their path, whatever host the server's public address names (a staff member on
// the office network reaches the app by another name; a test server's port is its own). The
// verification page is the server's own HTML, not a page of the app: a real navigation.
export function messageLink(link: string | null | undefined, origin: string): MessageLink | null {
  if (!link) return null;
  let url: URL;
  try {
    url = new URL(link, origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const own = url.origin === new URL(origin).origin;
  const path = url.pathname;
  const kind: LinkKind = /^\/cases\/\d+$/.test(path) ? 'case' : /^\/verify\//.test(path) ? 'verify' : 'other';
  if (!own && kind === 'other') return { href: url.href, inApp: false, kind };
  return { href: path + url.search + url.hash, inApp: kind === 'case', kind };
}

export type BodyPart = { text: string } | { url: string };

// A message's text cut into plain text and the http(s) addresses in it (a case's page, a
// verification link), so that those can be drawn as links; a sentence's closing punctuation
// after an address is not part of it.
export function bodyParts(text: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let at = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"«»]+/g)) {
    const url = m[0].replace(/[.,;:!?)\]]+$/, '');
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ url });
    at = m.index + url.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

// An address as people write it: something@domain.tld, no spaces, one @.
export function validEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text) && text.length <= 254;
}

// A Kazakhstan mobile number as +7 and 10 digits, whatever spaces, dashes and brackets the user
// put between them ("+7 (701) 123-45-67" → "+77011234567"); null when it is not one.
export function normalisePhone(text: string): string | null {
  const compact = text.replace(/[\s\u00a0()-]/g, '');
  return /^\+7\d{10}$/.test(compact) ? compact : null;
}

// One problem with one field of the contact form, by a key of the app's catalogue.
export interface ContactProblem {
  field: 'email' | 'phone';
  key: string;
}

// What the form sends, read from what was typed; `withPhone` is false for staff, whose phone
// the server ignores.
export function readContacts(raw: Contacts, withPhone: boolean): { contacts: Contacts; problems: ContactProblem[] } {
  const problems: ContactProblem[] = [];
  const email = raw.email.trim();
  if (email && !validEmail(email)) problems.push({ field: 'email', key: 'contacts.email_invalid' });
  else if (!email && raw.email_opt_in) problems.push({ field: 'email', key: 'contacts.email_needed' });
  let phone = '';
  if (withPhone) {
    const typed = raw.phone.trim();
    const normal = typed ? normalisePhone(typed) : '';
    if (normal === null) problems.push({ field: 'phone', key: 'contacts.phone_invalid' });
    else if (!normal && raw.sms_opt_in) problems.push({ field: 'phone', key: 'contacts.phone_needed' });
    phone = normal ?? typed;
  }
  return {
    contacts: {
      email,
      phone,
      language: raw.language,
      email_opt_in: raw.email_opt_in,
      sms_opt_in: withPhone && raw.sms_opt_in,
    },
    problems,
  };
}

// The server's name for a field in an error detail ("email", "body.email", "contacts.phone"),
// as the form's own field name.
export function detailField(path: string): string {
  const last = path.split('.').pop() ?? '';
  return last.replace(/\[\d+\]$/, '');
}

export interface PollerOptions {
  intervalMs: number;
  visible(): boolean;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

// The unread count, asked for on navigation and every `intervalMs` while the page is visible.
// At most one request is in flight: a refresh asked for meanwhile waits for it and then runs
// once, however many were asked for (the count may have changed since the request left).
export class UnreadPoller {
  private inFlight: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private running = false;

  constructor(
    private readonly fetchCount: () => Promise<number>,
    private readonly onCount: (count: number) => void,
    private readonly options: PollerOptions,
  ) {}

  // Starts polling (idempotent): a refresh now, then every interval while visible.
  start(): Promise<void> {
    this.running = true;
    return this.refresh();
  }

  stop(): void {
    this.running = false;
    this.again = false;
    this.unschedule();
  }

  get active(): boolean {
    return this.running;
  }

  refresh(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.unschedule();
    this.inFlight = (async () => {
      try {
        do {
          this.again = false;
          try {
            const count = await this.fetchCount();
            if (this.running) this.onCount(count);
          } catch {
            // signed out or offline: the next tick asks again
          }
        } while (this.again && this.running);
      } finally {
        this.inFlight = null;
        this.schedule();
      }
    })();
    return this.inFlight;
  }

  // The page was hidden or shown again: no ticks while hidden, a fresh count on return.
  visibilityChanged(): void {
    if (!this.running) return;
    if (this.options.visible()) void this.refresh();
    else this.unschedule();
  }

  private schedule(): void {
    this.unschedule();
    if (!this.running || !this.options.visible()) return;
    this.timer = this.options.setTimer(() => {
      this.timer = null;
      void this.refresh();
    }, this.options.intervalMs);
  }

  private unschedule(): void {
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
  }
}
