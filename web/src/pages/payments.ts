// The payments registry (docs/PAYMENTS.md) for the offices the user sees: totals per programme
// and month, the orders with filters, the exceptions (returned orders to re-issue, statement
// lines that matched no order), and for the head the approval of drafts with EDS, returns,
// batches for the bank and the bank's statements. The cabinet's "payments received" is here too.
import { apiBytes, apiGet, apiSend, apiUpload, query } from '../api';
import { errorBox, grid, hasRole, Invalid, onSubmit, pageTitle, processes } from '../app';
import { signEach, type SignState } from '../batch_sign';
import { append, field, h, uid, type Child } from '../dom';
import { decimalMark } from '../field_nodes';
import { validIban } from '../fields';
import { formatDay, formatInstant, label, loc, t } from '../i18n';
import { keyFileFields } from '../keyfile';
import { formatTenge } from '../money';
import {
  formatMonth,
  normalIban,
  PAYMENT_STATUSES,
  statementContentType,
  linesOf,
  totalsTables,
  type Money,
  type PaymentTotal,
  type StatementDetail,
} from '../payments';
import type { Process } from '../types';
import { loadStatement, loadStatements, statementsSection, type Statements } from './payment_statements';

export interface PaymentOrder {
  id: number;
  number: string;
  kind: string;
  programme: string;
  office: string;
  payee: { name: string; iban: string; bin?: string; iin?: string };
  amount: Money;
  period: { from: string; to: string };
  basis: string;
  case_id: number | null;
  contract_id: number | null;
  budget_code: string;
  status: string;
  return_reason: string;
  reissue_of: number | null;
  batch_id: number | null;
  created: { login: string; at: string };
  approved: { login: string; at: string; signer_iin: string | null } | null;
  settled_at: string | null;
}

interface PaymentBatch {
  id: number;
  number: string;
  office: string;
  orders: number;
  total: Money;
  created_at: string;
  created_by: string;
  pain001_url: string;
  csv_url: string;
}

// A draft in the head's approval form, with what became of it.
interface ApprovalRow {
  order: PaymentOrder;
  pick: HTMLInputElement;
  tr: HTMLTableRowElement;
  state: SignState;
  message: string;
  show(state: SignState, message?: string): void;
}

interface StatementResult {
  matched: number;
  paid: number;
  returned: number;
  unmatched: string[];
  repeated: boolean;
}

const tenge = (m: Money | number): string => formatTenge(typeof m === 'number' ? m : m.amount, decimalMark());
const period = (o: PaymentOrder): string => `${formatDay(o.period.from)} — ${formatDay(o.period.to)}`;

function statusBadge(status: string): HTMLElement {
  return h('span', { class: `status payment-${status}`, 'data-status': status }, label('payment_status', status));
}

function payee(o: PaymentOrder): Child[] {
  const id = o.payee.bin ? t('payments.bin_value', { bin: o.payee.bin }) : t('payments.iin_value', { iin: o.payee.iin ?? '' });
  return [o.payee.name, h('br'), h('span', { class: 'hint' }, id)];
}

function section(id: string, headingKey: string, body: Child[], className = ''): HTMLElement {
  const headingId = `${id}-h`;
  return h('section', { id, class: `payments-section ${className}`.trim(), 'aria-labelledby': headingId }, h('h2', { id: headingId }, t(headingKey)), body);
}

// A region an action's result is written to; it takes the focus so that it is read at once.
function resultRegion(id: string): HTMLElement {
  return h('div', { id, class: 'result', tabindex: '-1', 'aria-live': 'polite' });
}

// A wide table in a region that scrolls sideways on a narrow screen, reachable by keyboard.
function scrolling(name: string, table: HTMLTableElement): HTMLElement {
  table.classList.add('wide');
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': name, tabindex: '0' }, table);
}

// The element's content replaced by `children` (which may hold nothing, or lists).
function fill(el: HTMLElement, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

function say(region: HTMLElement, ...content: Child[]): void {
  fill(region, h('div', { class: 'notice' }, content));
  region.focus();
}

export async function paymentsPage(main: HTMLElement): Promise<void> {
  const head = hasRole('head');
  // Who issues a returned order again (the server's reissue roles, of those who see this page).
  const reissues = hasRole('head', 'employer_specialist', 'employment_specialist');
  const search = new URLSearchParams(location.search);
  const filter = {
    status: (PAYMENT_STATUSES as readonly string[]).includes(search.get('status') ?? '') ? search.get('status')! : '',
    programme: search.get('programme') ?? '',
  };

  let all: PaymentOrder[] = [];
  let totals: PaymentTotal[] = [];
  let batches: PaymentBatch[] = [];
  let listed: PaymentOrder[] = [];
  let statements: Statements = { items: [] };
  // The newest statement's lines, when some matched no order: the exceptions show them.
  let newest: StatementDetail | null = null;
  const listUrl = () => `/api/v1/payments${query({ status: filter.status || undefined, programme: filter.programme || undefined })}`;
  const load = async () => {
    [all, { items: totals }, batches, listed, statements] = await Promise.all([
      apiGet<PaymentOrder[]>('/api/v1/payments'),
      apiGet<{ items: PaymentTotal[] }>('/api/v1/payments/totals'),
      apiGet<PaymentBatch[]>('/api/v1/payments/batches'),
      apiGet<PaymentOrder[]>(listUrl()),
      loadStatements(),
    ]);
    const first = 'items' in statements ? statements.items[0] : undefined;
    newest = first?.unmatched ? await loadStatement(first.id).catch(() => null) : null;
  };
  const [programmes] = await Promise.all([processes(), load()]);
  // A programme by its title; one whose definition is not served yet (P3 is still a sketch) by
  // the catalogue's words.
  const programmeTitle = (code: string) => loc(programmes.find((p: Process) => p.code === code)?.title) || label('payment_programme', code);
  const batchNumber = (id: number | null) => (id ? (batches.find((b) => b.id === id)?.number ?? String(id)) : '—');
  const numberOf = (id: number | null) => (id ? (all.find((o) => o.id === id)?.number ?? String(id)) : '');

  // Each part draws its data anew after any action.
  const drawers: (() => void)[] = [];
  const redraw = async () => {
    await load();
    for (const draw of drawers) draw();
  };

  main.append(pageTitle(t('payments.title')), h('p', null, t(head ? 'payments.intro_head' : 'payments.intro')));

  // The statements imported: drawn with the rest, opened from the exceptions too.
  const statementsPart = statementsSection((id) => all.find((o) => o.reissue_of === id)?.number ?? null);
  drawers.push(() => statementsPart.draw(statements));
  statementsPart.draw(statements);

  // Exceptions first: what needs someone's attention.
  main.append(exceptionsSection());
  main.append(totalsSection());
  if (head) main.append(approvalSection(), returnSection());
  main.append(batchesSection());
  if (head) main.append(statementSection());
  main.append(statementsPart.element);
  main.append(ordersSection());

  function exceptionsSection(): HTMLElement {
    const body = h('div');
    const result = resultRegion('exceptions-result');
    const reissue = reissues ? reissueForm(result) : null;
    const draw = () => {
      // A returned order is settled once a later order issues it again.
      const open = all.filter((o) => o.status === 'returned' && !all.some((x) => x.reissue_of === o.id));
      const rows = open.map((o) =>
        h(
          'tr',
          { 'data-order': o.number },
          h('th', { scope: 'row' }, o.number),
          h('td', null, payee(o)),
          h('td', { class: 'iban' }, o.payee.iban),
          h('td', { class: 'num' }, tenge(o.amount)),
          h('td', null, period(o)),
          h('td', { class: 'reason' }, o.return_reason || '—'),
          reissue
            ? h(
                'td',
                null,
                h(
                  'button',
                  { type: 'button', class: 'secondary', 'aria-controls': reissue.form.id, onclick: () => reissue.open(o) },
                  t('payments.reissue'),
                  h('span', { class: 'visually-hidden' }, ` ${o.number}`),
                ),
              )
            : null,
        ),
      );
      const first = 'items' in statements ? statements.items[0] : undefined;
      const unmatched = newest ? linesOf(newest).filter((l) => l.status === 'unmatched') : [];
      fill(
        body,
        rows.length
          ? grid(
              ['payments.col.number', 'payments.col.payee', 'payments.col.iban', 'payments.col.amount', 'payments.col.period', 'payments.col.reason', ...(reissue ? ['payments.col.action'] : [])],
              rows,
              h('caption', null, t('payments.returned_caption')),
            )
          : h('p', { class: 'empty' }, t('payments.no_returned')),
        first
          ? h(
              'div',
              { id: 'unmatched-lines' },
              h('h3', null, t('payments.unmatched_title')),
              unmatched.length && newest
                ? [
                    h('p', { class: 'hint' }, t('payments.unmatched_intro', { time: formatInstant(newest.imported_at) })),
                    h(
                      'ul',
                      null,
                      unmatched.map((l) =>
                        h('li', { 'data-line': l.line }, h('code', null, l.reference), ' — ', tenge(l.amount), ' ', h('span', { class: 'hint' }, t('payments.unmatched_line', { line: l.line }))),
                      ),
                    ),
                    h(
                      'p',
                      null,
                      h(
                        'button',
                        { type: 'button', class: 'secondary', 'aria-controls': 'statement-detail', onclick: () => void statementsPart.open(newest!.id) },
                        t('payments.unmatched_open'),
                      ),
                    ),
                  ]
                : h('p', { class: 'empty' }, t('payments.unmatched_none', { time: formatInstant(first.imported_at) })),
            )
          : null,
      );
    };
    drawers.push(draw);
    draw();
    return section('payment-exceptions', 'payments.exceptions', [body, reissue?.form, result], 'exceptions');
  }

  // The form that issues a returned order again, to a corrected account if one is given.
  function reissueForm(result: HTMLElement): { form: HTMLFormElement; open(o: PaymentOrder): void } {
    const iban = h('input', { name: 'iban', autocomplete: 'off', spellcheck: 'false', maxlength: 42, class: 'iban-input' });
    const legend = h('legend');
    const about = h('p', { class: 'hint' });
    const message = h('div');
    const submit = h('button', { type: 'submit' }, t('payments.reissue_submit'));
    const cancel = h('button', { type: 'button', class: 'secondary' }, t('payments.cancel'));
    let order: PaymentOrder | null = null;
    const form = h(
      'form',
      { id: 'reissue-form', class: 'card', novalidate: true, hidden: true },
      h('fieldset', null, legend, about, field(t('payments.corrected_iban'), iban, t('payments.corrected_iban_hint')), message),
      h('div', { class: 'actions' }, submit, ' ', cancel),
    );
    const close = () => {
      form.hidden = true;
      order = null;
    };
    cancel.addEventListener('click', () => {
      const back = order && document.querySelector<HTMLElement>(`#payment-exceptions tr[data-order="${order.number}"] button`);
      close();
      back?.focus();
    });
    onSubmit(form, submit, message, async () => {
      if (!order) return;
      const typed = normalIban(iban.value);
      if (typed && !validIban(typed)) throw new Invalid(t('payments.iban_invalid'), iban);
      const issued = await apiSend<PaymentOrder>('POST', `/api/v1/payments/${order.id}/reissue`, typed ? { iban: typed } : {});
      const was = order.number;
      close();
      await redraw();
      say(result, t('payments.reissued', { number: was, issued: issued.number, iban: issued.payee.iban }));
    });
    return {
      form,
      open(o: PaymentOrder) {
        order = o;
        legend.textContent = t('payments.reissue_legend', { number: o.number });
        about.textContent = t('payments.reissue_about', { amount: tenge(o.amount), name: o.payee.name, iban: o.payee.iban });
        iban.value = '';
        iban.removeAttribute('aria-invalid');
        message.replaceChildren();
        result.replaceChildren();
        form.hidden = false;
        iban.focus();
      },
    };
  }

  function totalsSection(): HTMLElement {
    const body = h('div');
    const draw = () => {
      const tables = totalsTables(totals);
      const cell = (c: { orders: number; amount: number } | undefined) =>
        c ? h('td', { class: 'num' }, tenge(c.amount), h('br'), h('span', { class: 'hint' }, t('payments.orders_count', { count: c.orders }))) : h('td', { class: 'num' }, '—');
      body.replaceChildren(
        ...(tables.length
          ? tables.map((table) =>
              h(
                'table',
                { class: 'grid totals', 'data-programme': table.programme },
                h('caption', null, programmeTitle(table.programme)),
                h(
                  'thead',
                  null,
                  h('tr', null, h('th', { scope: 'col' }, t('payments.col.month')), PAYMENT_STATUSES.map((s) => h('th', { scope: 'col', class: 'num' }, label('payment_status', s)))),
                ),
                h(
                  'tbody',
                  null,
                  table.months.map((m) => h('tr', { 'data-month': m.month }, h('th', { scope: 'row' }, formatMonth(m.month)), PAYMENT_STATUSES.map((s) => cell(m.cells[s])))),
                ),
                h('tfoot', null, h('tr', null, h('th', { scope: 'row' }, t('payments.total')), PAYMENT_STATUSES.map((s) => cell(table.sum[s])))),
              ),
            )
          : [h('p', { class: 'empty' }, t('payments.no_orders'))]),
      );
    };
    drawers.push(draw);
    draw();
    return section('payment-totals', 'payments.totals', [h('p', { class: 'hint' }, t('payments.totals_intro')), body]);
  }

  // The head approves drafts with EDS: each one's approval text fetched and signed as it is,
  // all with one key-file unlock (batch_sign.ts), each approval sent and reported on its own.
  function approvalSection(): HTMLElement {
    const rowsHost = h('div');
    const keys = keyFileFields();
    const message = h('div');
    const summary = resultRegion('approval-result');
    const submit = h('button', { type: 'submit' }, t('payments.approve_submit'));
    const pickAll = h('input', { type: 'checkbox', id: 'approve-all', checked: true });
    let rows: ApprovalRow[] = [];
    const form = h(
      'form',
      { class: 'approval', novalidate: true },
      h('div', { class: 'field check' }, pickAll, h('label', { for: 'approve-all' }, t('payments.pick_all'))),
      rowsHost,
      keys.element,
      message,
      submit,
    );
    pickAll.addEventListener('change', () => {
      for (const r of rows) r.pick.checked = pickAll.checked;
    });
    const draw = () => {
      const drafts = all.filter((o) => o.status === 'draft');
      rows = drafts.map((order) => {
        const pick = h('input', { type: 'checkbox', name: 'pick', value: String(order.id), checked: pickAll.checked, 'aria-label': t('payments.pick_label', { number: order.number }) });
        const cell = h('td', { class: 'state', 'data-state': 'waiting' }, t('payments.state.waiting'));
        const tr = h(
          'tr',
          { 'data-order': order.number },
          h('td', null, pick),
          h('th', { scope: 'row' }, order.number),
          h('td', null, label('payment_kind', order.kind)),
          h('td', null, payee(order)),
          h('td', { class: 'num' }, tenge(order.amount)),
          h('td', null, period(order)),
          h('td', null, order.basis),
          cell,
        );
        const row: ApprovalRow = {
          order,
          pick,
          tr,
          state: 'waiting',
          message: '',
          show(s: SignState, m = '') {
            row.state = s;
            row.message = m;
            cell.dataset.state = s;
            cell.className = `state ${s}`;
            cell.textContent = t(`payments.state.${s}`, { message: m });
          },
        };
        return row;
      });
      form.hidden = !rows.length;
      rowsHost.replaceChildren(
        grid(
          ['payments.col.pick', 'payments.col.number', 'payments.col.kind', 'payments.col.payee', 'payments.col.amount', 'payments.col.period', 'payments.col.basis', 'payments.col.state'],
          rows.map((r) => r.tr),
          h('caption', null, t('payments.drafts_caption')),
        ),
      );
      empty.hidden = !!rows.length;
    };
    const empty = h('p', { class: 'empty' }, t('payments.no_drafts'));
    onSubmit(form, submit, message, async () => {
      const picked = rows.filter((r) => r.pick.checked);
      if (!picked.length) throw new Invalid(t('payments.none_picked'), pickAll);
      summary.replaceChildren();
      await signEach(
        picked,
        keys,
        async (r) => [await apiBytes(`/api/v1/payments/${r.order.id}/approval-text`)],
        async (r, [signature]) => {
          await apiSend('POST', `/api/v1/payments/${r.order.id}/approve`, { signature });
        },
      );
      const approved = picked.filter((r) => r.state === 'signed');
      const report = h(
        'div',
        { class: approved.length === picked.length ? 'notice' : 'error' },
        h('p', null, t('payments.approved_count', { approved: approved.length, total: picked.length })),
        h(
          'ul',
          null,
          picked.map((r) =>
            h('li', { 'data-order': r.order.number, 'data-state': r.state }, r.state === 'signed' ? t('payments.approved_one', { number: r.order.number }) : t('payments.not_approved_one', { number: r.order.number, message: r.message })),
          ),
        ),
      );
      await redraw();
      summary.replaceChildren(report);
      summary.focus();
    });
    drawers.push(draw);
    draw();
    return section('payment-approval', 'payments.approval', [h('p', { class: 'hint' }, t('payments.approval_intro')), empty, form, summary]);
  }

  // The head returns a draft or an approved order, with the reason.
  function returnSection(): HTMLElement {
    const pick = h('select', { name: 'order', required: true });
    const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 2000, required: true });
    const message = h('div');
    const result = resultRegion('return-result');
    const submit = h('button', { type: 'submit', class: 'danger' }, t('payments.return_submit'));
    const form = h('form', { id: 'return-form', novalidate: true }, field(t('payments.return_order'), pick), field(t('payments.return_reason'), reason), message, submit);
    const empty = h('p', { class: 'empty' }, t('payments.nothing_to_return'));
    const draw = () => {
      const open = all.filter((o) => o.status === 'draft' || o.status === 'approved');
      fill(
        pick,
        h('option', { value: '' }, t('payments.choose_order')),
        open.map((o) => h('option', { value: String(o.id) }, `${o.number} — ${o.payee.name} — ${tenge(o.amount)} (${label('payment_status', o.status)})`)),
      );
      form.hidden = !open.length;
      empty.hidden = !!open.length;
    };
    onSubmit(form, submit, message, async () => {
      if (!pick.value) throw new Invalid(t('payments.choose_order_first'), pick);
      if (!reason.value.trim()) throw new Invalid(t('payments.reason_required'), reason);
      const returned = await apiSend<PaymentOrder>('POST', `/api/v1/payments/${pick.value}/return`, { reason: reason.value.trim() });
      reason.value = '';
      await redraw();
      say(result, t('payments.returned_one', { number: returned.number }));
    });
    drawers.push(draw);
    draw();
    return section('payment-return', 'payments.return', [empty, form, result]);
  }

  function batchesSection(): HTMLElement {
    const body = h('div');
    const result = resultRegion('export-result');
    const message = h('div');
    const waiting = h('p', { id: 'export-waiting' });
    const exportButton = h('button', { type: 'button', id: 'export-batch' }, t('payments.export'));
    const files = (b: PaymentBatch) =>
      h(
        'span',
        { class: 'files' },
        h('a', { href: b.pain001_url, download: `${b.number}.pain.001.xml`, 'data-file': 'pain.001' }, t('payments.download_pain'), h('span', { class: 'visually-hidden' }, t('payments.download_of', { number: b.number }))),
        ' · ',
        h('a', { href: b.csv_url, download: `${b.number}.csv`, 'data-file': 'csv' }, t('payments.download_csv'), h('span', { class: 'visually-hidden' }, t('payments.download_of', { number: b.number }))),
      );
    const draw = () => {
      waiting.textContent = t('payments.export_waiting', { count: all.filter((o) => o.status === 'approved').length });
      body.replaceChildren(
        batches.length
          ? grid(
              ['payments.col.batch', 'payments.col.created', 'payments.col.orders', 'payments.col.total', 'payments.col.files'],
              batches.map((b) =>
                h(
                  'tr',
                  { 'data-batch': b.number },
                  h('th', { scope: 'row' }, b.number),
                  h('td', null, formatInstant(b.created_at)),
                  h('td', { class: 'num' }, String(b.orders)),
                  h('td', { class: 'num' }, tenge(b.total)),
                  h('td', null, files(b)),
                ),
              ),
              h('caption', { class: 'visually-hidden' }, t('payments.batches')),
            )
          : h('p', { class: 'empty' }, t('payments.no_batches')),
      );
    };
    if (head) {
      onSubmit(exportButton, exportButton, message, async () => {
        const batch = await apiSend<PaymentBatch>('POST', '/api/v1/payments/batches');
        await redraw();
        say(result, h('p', null, t('payments.exported', { number: batch.number, count: batch.orders, total: tenge(batch.total) })), h('p', null, files(batch)));
      });
    }
    drawers.push(draw);
    draw();
    return section('payment-batches', 'payments.batches', [
      head ? h('div', { class: 'export' }, h('p', { class: 'hint' }, t('payments.export_intro')), waiting, h('div', null, exportButton, message), result) : null,
      body,
    ]);
  }

  function statementSection(): HTMLElement {
    const file = h('input', { type: 'file', name: 'statement', accept: '.csv,.xml,text/csv,application/xml,text/xml', required: true });
    const message = h('div');
    const result = resultRegion('statement-result');
    const submit = h('button', { type: 'submit' }, t('payments.import_submit'));
    const form = h('form', { id: 'statement-form', novalidate: true }, field(t('payments.statement_file'), file, t('payments.statement_hint')), message, submit);
    onSubmit(form, submit, message, async () => {
      const chosen = file.files?.[0];
      if (!chosen) throw new Invalid(t('payments.statement_required'), file);
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const done = await apiUpload<StatementResult>('/api/v1/payments/statements', new Blob([bytes]), statementContentType(bytes));
      await redraw();
      say(
        result,
        done.repeated ? h('p', null, t('payments.statement_repeated')) : h('p', null, t('payments.statement_imported', { name: chosen.name })),
        h(
          'dl',
          { class: 'facts', id: 'statement-counts' },
          h('dt', null, t('payments.matched')),
          h('dd', { 'data-count': 'matched' }, String(done.matched)),
          h('dt', null, t('payments.marked_paid')),
          h('dd', { 'data-count': 'paid' }, String(done.paid)),
          h('dt', null, t('payments.marked_returned')),
          h('dd', { 'data-count': 'returned' }, String(done.returned)),
          h('dt', null, t('payments.unmatched')),
          h('dd', { 'data-count': 'unmatched' }, done.unmatched.length ? done.unmatched.join(', ') : '0'),
        ),
      );
    });
    return section('payment-statement', 'payments.statement', [h('p', { class: 'hint' }, t('payments.statement_intro')), form, result]);
  }

  function ordersSection(): HTMLElement {
    const count = h('p', { id: 'orders-count', role: 'status' });
    const body = h('div');
    const status = h(
      'select',
      { name: 'status', id: 'orders-status' },
      h('option', { value: '' }, t('payments.all_statuses')),
      PAYMENT_STATUSES.map((s) => h('option', { value: s, selected: s === filter.status }, label('payment_status', s))),
    );
    const known = [...new Set([...all.map((o) => o.programme), ...totals.map((x) => x.programme), ...(filter.programme ? [filter.programme] : [])])].sort();
    const programme = h(
      'select',
      { name: 'programme', id: 'orders-programme' },
      h('option', { value: '' }, t('payments.all_programmes')),
      known.map((p) => h('option', { value: p, selected: p === filter.programme }, programmeTitle(p))),
    );
    const draw = () => {
      count.textContent = t('payments.orders_shown', { count: listed.length });
      body.replaceChildren(
        listed.length
          ? scrolling(t('payments.orders'), grid(
              ['payments.col.number', 'payments.col.kind', 'payments.col.payee', 'payments.col.iban', 'payments.col.amount', 'payments.col.period', 'payments.col.basis', 'payments.col.status', 'payments.col.batch'],
              listed.map((o) =>
                h(
                  'tr',
                  { 'data-order': o.number },
                  h('th', { scope: 'row' }, o.number),
                  h('td', null, label('payment_kind', o.kind)),
                  h('td', null, payee(o)),
                  h('td', { class: 'iban' }, o.payee.iban),
                  h('td', { class: 'num' }, tenge(o.amount)),
                  h('td', null, period(o)),
                  h('td', null, o.basis),
                  h(
                    'td',
                    null,
                    statusBadge(o.status),
                    o.status === 'returned' && o.return_reason ? [h('br'), h('span', { class: 'hint' }, o.return_reason)] : null,
                    o.status === 'paid' && o.settled_at ? [h('br'), h('span', { class: 'hint' }, t('payments.paid_on', { date: formatDay(o.settled_at) }))] : null,
                    o.reissue_of ? [h('br'), h('span', { class: 'hint' }, t('payments.reissue_of', { number: numberOf(o.reissue_of) }))] : null,
                  ),
                  h('td', null, batchNumber(o.batch_id)),
                ),
              ),
              h('caption', { class: 'visually-hidden' }, t('payments.orders')),
            ))
          : h('p', { class: 'empty' }, t('payments.no_orders_filtered')),
      );
    };
    const message = h('div');
    const refilter = async () => {
      filter.status = status.value;
      filter.programme = programme.value;
      history.replaceState(null, '', `/payments${query({ status: filter.status || undefined, programme: filter.programme || undefined })}`);
      message.replaceChildren();
      try {
        listed = await apiGet<PaymentOrder[]>(listUrl());
        draw();
      } catch (e) {
        message.append(errorBox(e));
      }
    };
    status.addEventListener('change', () => void refilter());
    programme.addEventListener('change', () => void refilter());
    drawers.push(draw);
    draw();
    return section('payment-orders', 'payments.orders', [
      h('div', { class: 'filters' }, field(t('payments.filter_status'), status), field(t('payments.filter_programme'), programme)),
      message,
      count,
      body,
    ]);
  }
}

// Orders as their payee reads them: number, kind, period, amount, status and the day paid.
export function ordersReceivedTable(orders: PaymentOrder[], caption: string): HTMLTableElement {
  return grid(
    ['payments.col.number', 'payments.col.kind', 'payments.col.period', 'payments.col.amount', 'payments.col.status', 'payments.col.paid_on'],
    orders.map((o) =>
      h(
        'tr',
        { 'data-order': o.number },
        h('th', { scope: 'row' }, o.number),
        h('td', null, label('payment_kind', o.kind)),
        h('td', null, period(o)),
        h('td', { class: 'num' }, tenge(o.amount)),
        h('td', null, statusBadge(o.status), o.status === 'returned' && o.return_reason ? [h('br'), h('span', { class: 'hint' }, o.return_reason)] : null),
        h('td', null, o.settled_at && o.status === 'paid' ? formatDay(o.settled_at) : '—'),
      ),
    ),
    h('caption', { class: 'visually-hidden' }, caption),
  );
}

// The payments an employer or a person received (their own orders), for the cabinet.
export async function cabinetPaymentsSection(): Promise<HTMLElement> {
  const headingId = uid('payments-h');
  let content: Child;
  try {
    const mine = await apiGet<PaymentOrder[]>('/api/v1/payments');
    content = mine.length ? ordersReceivedTable(mine, t('payments.received')) : h('p', { class: 'empty' }, t('payments.none_received'));
  } catch (e) {
    content = errorBox(e);
  }
  return h('section', { 'aria-labelledby': headingId, class: 'my-payments', id: 'my-payments' }, h('h2', { id: headingId }, t('payments.received')), content);
}
