// The bank statements on the payments registry page (docs/PAYMENTS.md): each statement imported
// with its counts, and one statement's lines with the exceptions the accountant must resolve
// (a line that matched no order, an order the bank returned) marked in words as well as colour.
import { apiGet } from '../api';
import { errorBox } from '../app';
import { itemsOf } from '../contract_life';
import { isException, linesOf, newestFirst, type StatementDetail, type StatementLine, type StatementSummary } from '../payments';
import { h, uid } from '../dom';
import { decimalMark } from '../field_nodes';
import { formatInstant, label, t } from '../i18n';
import { formatTenge } from '../money';

export type Statements = { items: StatementSummary[] } | { error: unknown };

export async function loadStatements(): Promise<Statements> {
  try {
    return { items: newestFirst(itemsOf(await apiGet<StatementSummary[] | { items: StatementSummary[] }>('/api/v1/payments/statements'))) };
  } catch (error) {
    return { error };
  }
}

export function loadStatement(id: number): Promise<StatementDetail> {
  return apiGet<StatementDetail>(`/api/v1/payments/statements/${id}`);
}

const tenge = (tiyn: number): string => formatTenge(tiyn, decimalMark());

// The number of the order that issued a returned order again, if one did.
export type Reissued = (orderId: number) => string | null;

// What the accountant does about an exception, in words; a returned order issued again is
// resolved.
function toResolve(line: StatementLine, again: string | null): string {
  if (line.status === 'unmatched') return t('statements.resolve_unmatched');
  if (line.status === 'already') return t('statements.resolve_already', { number: line.order?.number ?? line.reference });
  if (line.status === 'returned') {
    return again ? t('statements.resolved_reissued', { number: again }) : t('statements.resolve_returned', { number: line.order?.number ?? line.reference });
  }
  return '—';
}

function lineRow(line: StatementLine, reissued: Reissued): HTMLTableRowElement {
  const again = line.status === 'returned' && line.order ? reissued(line.order.id) : null;
  const exception = isException(line) && !again;
  return h(
    'tr',
    { 'data-line': line.line, 'data-status': line.status, 'data-exception': String(exception), class: exception ? 'exception' : null },
    h('th', { scope: 'row' }, String(line.line)),
    h('td', { class: 'ref' }, h('code', null, line.reference)),
    h('td', { class: 'num' }, tenge(line.amount.amount)),
    h(
      'td',
      null,
      exception ? [h('strong', { class: 'flag flag-exception' }, `${t('statements.exception')}:`), ' '] : null,
      h('span', { class: `status line-${line.status}` }, label('statement_line', line.status)),
      line.reason ? [h('br'), h('span', { class: 'hint' }, line.reason)] : null,
    ),
    h('td', { class: 'order' }, line.order?.number ?? '—'),
    h('td', { class: 'resolve' }, toResolve(line, again)),
  );
}

// One statement's lines, the exceptions first in the reader's mind: counted, marked, and the
// others hidden on request.
export function statementLines(s: StatementDetail, reissued: Reissued): HTMLElement {
  const lines = linesOf(s);
  const rows = lines.map((line) => lineRow(line, reissued));
  const exceptions = lines.filter((_, i) => rows[i].dataset.exception === 'true');
  const onlyId = uid('only-exceptions');
  const only = h('input', { type: 'checkbox', id: onlyId });
  only.addEventListener('change', () => {
    for (const row of rows) row.hidden = only.checked && row.dataset.exception !== 'true';
  });
  const headingId = `statement-${s.id}-h`;
  return h(
    'div',
    { class: 'statement-lines', 'data-statement': s.id },
    h('h3', { id: headingId, tabindex: '-1' }, t('statements.lines_title', { time: formatInstant(s.imported_at) })),
    h(
      'p',
      { class: exceptions.length ? 'warning' : 'notice', id: 'statement-exceptions' },
      exceptions.length
        ? t('statements.exceptions_count', {
            count: exceptions.length,
            unmatched: exceptions.filter((l) => l.status === 'unmatched').length,
            returned: exceptions.filter((l) => l.status === 'returned').length,
            already: exceptions.filter((l) => l.status === 'already').length,
          })
        : t('statements.no_exceptions'),
    ),
    exceptions.length ? h('div', { class: 'field check' }, only, h('label', { for: onlyId }, t('statements.only_exceptions'))) : null,
    h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-labelledby': headingId, tabindex: '0' },
      h(
        'table',
        { class: 'grid wide statement' },
        h('caption', { class: 'visually-hidden' }, t('statements.lines_caption')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['statements.col.line', 'statements.col.reference', 'statements.col.amount', 'statements.col.result', 'statements.col.order', 'statements.col.resolve'].map((k) =>
              h('th', { scope: 'col' }, t(k)),
            ),
          ),
        ),
        h('tbody', null, rows),
      ),
    ),
  );
}

// The section: the statements imported, newest first, each with a button that shows its lines.
export function statementsSection(reissued: Reissued): { element: HTMLElement; draw(list: Statements): void; open(id: number): Promise<void> } {
  const body = h('div');
  const detail = h('div', { id: 'statement-detail' });
  const open = async (id: number) => {
    detail.replaceChildren(h('p', { role: 'status', class: 'loading' }, t('common.loading')));
    try {
      detail.replaceChildren(statementLines(await loadStatement(id), reissued));
      detail.querySelector<HTMLElement>('h3')?.focus();
    } catch (e) {
      detail.replaceChildren(errorBox(e));
    }
  };
  const draw = (list: Statements) => {
    if ('error' in list) {
      body.replaceChildren(errorBox(list.error));
      return;
    }
    if (!list.items.length) {
      body.replaceChildren(h('p', { class: 'empty' }, t('statements.none')));
      detail.replaceChildren();
      return;
    }
    body.replaceChildren(
      h(
        'table',
        { class: 'grid statements' },
        h('caption', { class: 'visually-hidden' }, t('statements.title')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['statements.col.imported', 'statements.col.by', 'statements.col.lines', 'statements.col.paid', 'statements.col.returned', 'statements.col.already', 'statements.col.unmatched', 'statements.col.action'].map((k) =>
              h('th', { scope: 'col', class: /lines|paid|returned|already|unmatched/.test(k) ? 'num' : null }, t(k)),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          list.items.map((s) =>
            h(
              'tr',
              { 'data-statement': s.id, class: s.unmatched || s.returned || s.already ? 'has-exceptions' : null },
              h('th', { scope: 'row' }, formatInstant(s.imported_at)),
              h('td', null, s.imported_by),
              h('td', { class: 'num' }, String(s.lines)),
              h('td', { class: 'num' }, String(s.paid)),
              h('td', { class: 'num' }, s.returned ? h('strong', null, String(s.returned)) : '0'),
              h('td', { class: 'num' }, s.already ? h('strong', null, String(s.already)) : '0'),
              h('td', { class: 'num' }, s.unmatched ? h('strong', null, String(s.unmatched)) : '0'),
              h(
                'td',
                null,
                h(
                  'button',
                  { type: 'button', class: 'secondary', 'aria-controls': 'statement-detail', onclick: () => void open(s.id) },
                  t('statements.show_lines'),
                  h('span', { class: 'visually-hidden' }, ` ${t('statements.of', { time: formatInstant(s.imported_at) })}`),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  };
  const element = h(
    'section',
    { id: 'payment-statements', class: 'payments-section', 'aria-labelledby': 'payment-statements-h' },
    h('h2', { id: 'payment-statements-h' }, t('statements.title')),
    h('p', { class: 'hint' }, t('statements.intro')),
    body,
    detail,
  );
  return { element, draw, open };
}
