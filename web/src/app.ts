// The signed-in user, cached reference data, navigation, and the page frame.
import { ApiError, apiGet, type ApiErrorDetail } from './api';
import { h, type Child } from './dom';
import { serverText, t } from './i18n';
import type { Office, Process, User } from './types';

export const session: { user: User | null } = { user: null };

let officesCache: Promise<Office[]> | null = null;
let processesCache: Promise<Process[]> | null = null;

export function offices(): Promise<Office[]> {
  officesCache ??= apiGet<Office[]>('/api/v1/offices');
  return officesCache;
}
export function processes(): Promise<Process[]> {
  processesCache ??= apiGet<Process[]>('/api/v1/processes');
  return processesCache;
}
export function forgetCaches(): void {
  officesCache = null;
  processesCache = null;
}

// The time zone the signed-in user's dates are shown in: a staff member's office's; Kazakhstan's
// (formatInstant's default) for applicants, or when the office is not known.
export async function userTimeZone(): Promise<string | undefined> {
  const office = session.user?.office;
  if (!office) return undefined;
  try {
    return (await offices()).find((o) => o.id === office)?.time_zone;
  } catch {
    return undefined;
  }
}

export function hasRole(...roles: string[]): boolean {
  return !!session.user && session.user.roles.some((r) => roles.includes(r));
}
export function isApplicant(): boolean {
  return hasRole('job_seeker', 'employer');
}

let navigateImpl: (path: string) => void = () => {};
export function setNavigator(fn: (path: string) => void): void {
  navigateImpl = fn;
}
export function navigate(path: string): void {
  navigateImpl(path);
}

// An in-app link: a real anchor (so keyboard, middle click and screen readers work).
export function link(href: string, text: Child, attrs: Record<string, unknown> = {}): HTMLAnchorElement {
  return h('a', { href, 'data-link': '', ...attrs }, text);
}

// The page's heading; it takes focus after navigation so screen readers announce the page.
export function pageTitle(text: string): HTMLHeadingElement {
  document.title = `${text} — jumys`;
  return h('h1', { tabindex: '-1', id: 'page-title' }, text);
}

// An error in the user's language: the server's by its key, anything else by its text.
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return serverText(error.key, error.params, error.message);
  return error instanceof Error ? error.message : String(error);
}

export function detailText(detail: ApiErrorDetail): string {
  return serverText(detail.key, detail.params, detail.message);
}

// An error with its details, each naming its field; `details`: those not already shown beside
// their fields. The error about one field (its one detail is the error itself) is shown once.
export function errorBox(error: unknown, details: ApiErrorDetail[] = error instanceof ApiError ? error.details : []): HTMLElement {
  const withField = (d: ApiErrorDetail) => (d.field ? `${d.field}: ${detailText(d)}` : detailText(d));
  const single = error instanceof ApiError && details.length === 1 && details[0].key === error.key ? details[0] : null;
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', null, t('common.error', { message: single ? withField(single) : errorText(error) })),
    details.length && !single ? h('ul', null, details.map((d) => h('li', null, withField(d)))) : null,
    caseLink(error),
  );
}

// An error that names a case (`case`: its id, e.g. case.one_open_case) links to it.
function caseLink(error: unknown): HTMLElement | null {
  if (!(error instanceof ApiError)) return null;
  const id = error.params.case;
  if (!id || !/^\d+$/.test(id)) return null;
  return h('p', null, link(`/cases/${id}`, t('common.open_named_case', { number: error.params.number || id })));
}

// Marks the inputs whose `name` is a field the server's error details name.
function markFields(scope: Element, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  for (const d of error.details) {
    if (d.field) scope.querySelector(`[name="${CSS.escape(d.field)}"]`)?.setAttribute('aria-invalid', 'true');
  }
}

export function statusBox(text: string, kind: 'ok' | 'error' = 'ok'): HTMLElement {
  return h('p', { class: kind === 'ok' ? 'notice' : 'error', role: kind === 'ok' ? 'status' : 'alert' }, text);
}

export function afterSignIn(user: User, next: string | null): void {
  session.user = user;
  // A one-time password: the account page is the only one the server opens until it changes.
  if (user.must_change_password) {
    navigate('/account');
    return;
  }
  navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
}

// Shows a button busy while an action runs, so a double click does not send twice.
async function busy<T>(button: HTMLButtonElement, action: () => Promise<T>): Promise<T> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

// Input the user must correct: said in words, and the field to fix gets the focus.
export class Invalid extends Error {
  constructor(
    message: string,
    readonly field?: HTMLElement,
  ) {
    super(message);
  }
}

// Fields that show their own errors (forms.ts's FormSet): cleared before each attempt; the
// server's details that name one of them are shown there, the rest come back.
export interface FieldErrors {
  clear(): void;
  show(details: ApiErrorDetail[]): ApiErrorDetail[];
}

// Runs `action` when the form is sent (or the button pressed, for a button outside a form),
// with the button busy; an Invalid or an API error is shown in `message`, and an API error's
// details beside the `fields` they name.
export function onSubmit(
  trigger: HTMLFormElement | HTMLButtonElement,
  button: HTMLButtonElement,
  message: HTMLElement,
  action: () => Promise<void> | void,
  fields?: FieldErrors,
): void {
  const scope = trigger instanceof HTMLFormElement ? trigger : (trigger.parentElement ?? trigger);
  trigger.addEventListener(trigger instanceof HTMLFormElement ? 'submit' : 'click', (e) => {
    e.preventDefault();
    message.replaceChildren();
    scope.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    fields?.clear();
    void busy(button, async () => {
      try {
        await action();
      } catch (err) {
        if (err instanceof Invalid) {
          message.append(statusBox(err.message, 'error'));
          err.field?.setAttribute('aria-invalid', 'true');
          err.field?.focus();
        } else if (err instanceof ApiError && fields && err.details.length) {
          const rest = fields.show(err.details);
          if (rest.length < err.details.length) message.append(statusBox(t('form.fix_fields'), 'error'));
          if (rest.length) message.append(errorBox(err, rest));
        } else {
          message.append(errorBox(err));
          markFields(scope, err);
        }
      }
    });
  });
}

// A data table with column headings from catalog keys.
export function grid(headingKeys: string[], rows: Child[], caption?: HTMLElement): HTMLTableElement {
  return h(
    'table',
    { class: 'grid' },
    caption ?? null,
    h('thead', null, h('tr', null, headingKeys.map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, rows),
  );
}
