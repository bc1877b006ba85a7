// A P3 contract's life on the contract page (docs/SPECIAL_WORKPLACES.md), for staff and the
// employer alike: the monthly reports with their due days, lateness and wage subsidy orders, the
// monitoring visits, the persons referred with their referral documents, and the payments made
// under the contract; and for the employer the way to the monthly report that awaits it. The
// steps themselves (the report, its check, a referral, a visit) are forms on the case page.
import { apiGet } from '../api';
import { errorBox, hasRole, isApplicant, link } from '../app';
import {
  itemsOf,
  LIFE_PROGRAMMES,
  maskIin,
  openReportTask,
  referredPersons,
  returnedAwaitingReport,
  type MonitoringVisit,
  type MonthlyReport,
} from '../contract_life';
import { h, type Child } from '../dom';
import { decimalMark } from '../field_nodes';
import { formatDay, formatInstant, label, loc, t } from '../i18n';
import { formatTenge } from '../money';
import { formatMonth, type Money } from '../payments';
import type { CaseDetail, Contract, IssuedDocument, Person, Task } from '../types';
import { ordersReceivedTable, type PaymentOrder } from './payments';

type Loaded<T> = { value: T } | { error: unknown };

export interface ContractLife {
  reports: Loaded<MonthlyReport[]>;
  visits: Loaded<MonitoringVisit[]>;
  payments: Loaded<PaymentOrder[]>;
}

// The steps of a contract's life a staff member may be led to from the contract page.
const SIGNING_STEPS = ['head_signs', 'employer_signs'];

// Who reads a person's record (GET /api/v1/people/{iin}): they see the names of those referred.
const PEOPLE_READERS = ['office_clerk', 'head', 'executor', 'employment_specialist', 'unit_head'];

const tenge = (m: Money): string => formatTenge(m.amount, decimalMark());

async function settle<T>(p: Promise<T>): Promise<Loaded<T>> {
  try {
    return { value: await p };
  } catch (error) {
    return { error };
  }
}

// Whether the contract has a life to show: a P3 contract once both parties have signed.
export function hasLife(c: Contract): boolean {
  return LIFE_PROGRAMMES.includes(c.programme) && (c.status === 'in_force' || c.status === 'ended');
}

// Its reports, visits and payments, each on its own: one that fails is said in its section.
export async function loadLife(c: Contract): Promise<ContractLife> {
  const [reports, visits, payments] = await Promise.all([
    settle(apiGet<MonthlyReport[] | { items: MonthlyReport[] }>(`/api/v1/contracts/${c.id}/reports`).then(itemsOf)),
    settle(apiGet<MonitoringVisit[] | { items: MonitoringVisit[] }>(`/api/v1/contracts/${c.id}/visits`).then(itemsOf)),
    settle(apiGet<PaymentOrder[]>(`/api/v1/payments?contract=${c.id}`)),
  ]);
  return { reports, visits, payments };
}

function section(id: string, headingKey: string, body: Child[]): HTMLElement {
  return h('section', { id, class: 'contract-life', 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, t(headingKey)), body);
}

function statusBadge(kind: string, status: string): HTMLElement {
  return h('span', { class: `status ${kind}-${status}`, 'data-status': status }, label(kind, status));
}

// The employer: the monthly report that awaits it, with the remarks of a report returned.
// Staff: the open steps of the case their roles take (check a report, order, visit, refer).
export function lifeActions(c: Contract, tasks: Task[], life: ContractLife | null): HTMLElement | null {
  if (isApplicant()) {
    const task = openReportTask(tasks);
    if (!task || !hasRole('employer')) return null;
    const returned = life && 'value' in life.reports ? returnedAwaitingReport(life.reports.value) : [];
    return h(
      'section',
      { class: 'contract-action report-action', id: 'report-action', 'aria-labelledby': 'report-action-h' },
      h('h2', { id: 'report-action-h' }, t('life.report_awaited')),
      h('p', null, t('life.report_awaited_text'), task.due_at ? [' ', h('strong', null, t('life.report_due', { due: formatInstant(task.due_at) }))] : null),
      returned.map((r) => h('p', { class: 'returned-remarks', 'data-period': r.period }, t('life.report_returned', { month: formatMonth(r.period), remarks: r.remarks || '—' }))),
      h('p', null, link(`/cases/${c.case_id}`, t('life.file_report'), { class: 'button-link', id: 'report-action-link' })),
    );
  }
  const mine = tasks.filter((x) => x.open && x.role && !SIGNING_STEPS.includes(x.step) && hasRole(x.role));
  if (!mine.length) return null;
  return h(
    'div',
    { class: 'contract-action', id: 'life-steps' },
    h('p', null, t('life.your_steps')),
    h(
      'ul',
      null,
      mine.map((x) => h('li', { 'data-step': x.step }, link(`/cases/${c.case_id}`, `${x.ref} ${loc(x.title) || x.step}`), x.due_at ? ` — ${t('case.due', { due: formatInstant(x.due_at) })}` : '')),
    ),
  );
}

export async function lifeSections(c: Contract, kase: CaseDetail | null, life: ContractLife): Promise<HTMLElement[]> {
  return [reportsSection(life.reports), visitsSection(life.visits), await referredSection(c, kase), paymentsSection(c, life.payments)];
}

function reportsSection(loaded: Loaded<MonthlyReport[]>): HTMLElement {
  if ('error' in loaded) return section('contract-reports', 'life.reports', [errorBox(loaded.error)]);
  const reports = loaded.value;
  if (!reports.length) return section('contract-reports', 'life.reports', [h('p', { class: 'empty' }, t('life.no_reports'))]);
  const late = reports.filter((r) => r.late).length;
  const persons = (r: MonthlyReport): Child => {
    const iins = r.employed.map((iin) => (isApplicant() ? maskIin(iin) : iin));
    if (!iins.length) return String(r.persons);
    return h('details', null, h('summary', null, String(r.persons), h('span', { class: 'visually-hidden' }, ` ${t('life.persons_list', { month: formatMonth(r.period) })}`)), h('ul', { class: 'iins' }, iins.map((i) => h('li', null, i))));
  };
  const rows = reports.map((r) =>
    h(
      'tr',
      { 'data-period': r.period, 'data-report': r.id, 'data-late': String(r.late), class: r.late ? 'late' : null },
      h('th', { scope: 'row' }, formatMonth(r.period)),
      h('td', { class: 'num' }, persons(r)),
      h('td', { class: 'num' }, String(r.days_worked)),
      h('td', { class: 'num' }, tenge(r.wages_paid)),
      h('td', null, formatDay(r.due_on)),
      h(
        'td',
        { class: 'filed' },
        formatInstant(r.filed_at),
        h('br'),
        r.late ? h('strong', { class: 'flag flag-late' }, t('life.late')) : h('span', { class: 'flag flag-on-time' }, t('life.on_time')),
      ),
      h('td', null, statusBadge('report_status', r.status), r.status === 'returned' && r.remarks ? [h('br'), h('span', { class: 'hint' }, t('life.remarks', { remarks: r.remarks }))] : null),
      h(
        'td',
        { class: 'order' },
        r.payment ? [r.payment.number, h('br'), statusBadge('payment_status', r.payment.status), h('br'), h('span', { class: 'hint' }, tenge(r.payment.amount))] : '—',
      ),
    ),
  );
  const table = h(
    'table',
    { class: 'grid wide reports' },
    h('caption', { class: 'visually-hidden' }, t('life.reports')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['life.col.month', 'life.col.persons', 'life.col.days', 'life.col.wages', 'life.col.due_on', 'life.col.filed', 'life.col.status', 'life.col.order'].map((k) =>
          h('th', { scope: 'col' }, t(k)),
        ),
      ),
    ),
    h('tbody', null, rows),
  );
  return section('contract-reports', 'life.reports', [
    h('p', { class: 'hint', id: 'reports-summary' }, t('life.reports_summary', { count: reports.length, late })),
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': t('life.reports'), tabindex: '0' }, table),
  ]);
}

function visitsSection(loaded: Loaded<MonitoringVisit[]>): HTMLElement {
  if ('error' in loaded) return section('contract-visits', 'life.visits', [errorBox(loaded.error)]);
  const visits = loaded.value;
  if (!visits.length) return section('contract-visits', 'life.visits', [h('p', { class: 'empty' }, t('life.no_visits'))]);
  // The month a visit checked, when the server names it; else the day is the row's heading.
  const months = visits.every((v) => v.period);
  const rows = visits.map((v) =>
    h(
      'tr',
      { 'data-visited': v.visited_on, 'data-met': String(v.obligations_met), class: v.obligations_met ? null : 'breach' },
      months ? h('th', { scope: 'row' }, formatMonth(v.period!)) : null,
      h(months ? 'td' : 'th', months ? null : { scope: 'row' }, formatDay(v.visited_on)),
      h('td', null, v.obligations_met ? h('span', { class: 'flag flag-met' }, t('life.obligations_met')) : h('strong', { class: 'flag flag-breach' }, t('life.breach_found'))),
      h('td', { class: 'findings' }, v.findings || '—'),
    ),
  );
  return section('contract-visits', 'life.visits', [
    h(
      'table',
      { class: 'grid visits' },
      h('caption', { class: 'visually-hidden' }, t('life.visits')),
      h('thead', null, h('tr', null, [...(months ? ['life.col.month'] : []), 'life.col.visited_on', 'life.col.result', 'life.col.findings'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, rows),
    ),
  ]);
}

function documentLink(caseId: number, d: IssuedDocument): HTMLElement {
  const name = d.number ? t('life.referral_numbered', { number: d.number }) : t('life.referral_pdf');
  return h('a', { href: d.url || `/api/v1/cases/${caseId}/documents/${d.id}`, download: `${d.number || `referral-${d.id}`}.pdf`, 'data-document': d.id }, name);
}

async function referredSection(c: Contract, kase: CaseDetail | null): Promise<HTMLElement> {
  if (!kase) return section('contract-referred', 'life.referred', [h('p', { class: 'empty' }, t('life.case_unavailable'))]);
  const { persons, unpaired } = referredPersons(kase.parties ?? [], kase.links ?? [], kase.issued_documents ?? []);
  // Documents that do not name their person are listed under the table, not guessed into it.
  const paired = persons.some((p) => p.documents.length);
  if (!persons.length) return section('contract-referred', 'life.referred', [h('p', { class: 'empty' }, t('life.no_referred'))]);
  // Staff who read person records see the names; the employer reads the masked IIN only.
  const names = new Map<string, string>();
  if (!isApplicant() && hasRole(...PEOPLE_READERS)) {
    await Promise.all(
      persons.slice(0, 50).map(async (p) => {
        try {
          const person = await apiGet<Person>(`/api/v1/people/${p.iin}`);
          names.set(p.iin, [person.surname, person.given_name, person.patronymic].filter(Boolean).join(' '));
        } catch {
          // not registered, or not ours to read: the IIN alone is shown
        }
      }),
    );
  }
  const rows = persons.map((p) =>
    h(
      'tr',
      { 'data-person': isApplicant() ? maskIin(p.iin) : p.iin },
      h('th', { scope: 'row' }, isApplicant() ? maskIin(p.iin) : p.iin),
      names.size ? h('td', null, names.get(p.iin) || '—') : null,
      h('td', null, formatInstant(p.added_at)),
      paired ? h('td', null, p.documents.length ? p.documents.map((d, i) => [i ? h('br') : null, documentLink(c.case_id, d)]) : h('span', { class: 'muted' }, t('life.no_referral_document'))) : null,
    ),
  );
  const headings = ['life.col.iin', ...(names.size ? ['life.col.name'] : []), 'life.col.referred_on', ...(paired ? ['life.col.referral'] : [])];
  return section('contract-referred', 'life.referred', [
    h(
      'table',
      { class: 'grid referred' },
      h('caption', { class: 'visually-hidden' }, t('life.referred')),
      h('thead', null, h('tr', null, headings.map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, rows),
    ),
    unpaired.length
      ? h(
          'div',
          { id: 'referral-documents' },
          h('h3', null, t('life.referral_documents')),
          h('p', { class: 'hint' }, t('life.referral_documents_hint')),
          h('ul', null, unpaired.map((d) => h('li', null, documentLink(c.case_id, d)))),
        )
      : null,
  ]);
}

function paymentsSection(c: Contract, loaded: Loaded<PaymentOrder[]>): HTMLElement {
  if ('error' in loaded) return section('contract-payments', 'life.payments', [errorBox(loaded.error)]);
  const orders = loaded.value;
  if (!orders.length) return section('contract-payments', 'life.payments', [h('p', { class: 'empty' }, t('life.no_payments'))]);
  const paid = orders.filter((o) => o.status === 'paid').reduce((sum, o) => sum + o.amount.amount, 0);
  return section('contract-payments', 'life.payments', [
    h('p', { id: 'payments-summary' }, t('life.paid_of', { paid: formatTenge(paid, decimalMark()), amount: tenge(c.amount) })),
    ordersReceivedTable(orders, t('life.payments')),
  ]);
}
