// The work queue: the caller's open tasks by due time, filters, and case search.
import { apiGet, query } from '../api';
import { errorBox, grid, link, pageTitle, processes } from '../app';
import { timeBadge, timeLeft } from '../deadline';
import { field, h } from '../dom';
import { formatInstant, isOne, label, loc, t } from '../i18n';
import type { CaseSummary, Task } from '../types';

export async function queuePage(main: HTMLElement): Promise<void> {
  const [tasks, procs] = await Promise.all([apiGet<Task[]>('/api/v1/tasks'), processes()]);
  tasks.sort((a, b) => (a.due_at ?? '9').localeCompare(b.due_at ?? '9'));
  const lefts = await Promise.all(tasks.map((task) => timeLeft(task)));
  const title = (code: string) => loc(procs.find((p) => p.code === code)?.title) || code;

  const processFilter = h(
    'select',
    { name: 'process' },
    h('option', { value: '' }, t('queue.all')),
    [...new Set(tasks.map((x) => x.process ?? ''))].map((code) => h('option', { value: code }, title(code))),
  );
  const stepFilter = h(
    'select',
    { name: 'step' },
    h('option', { value: '' }, t('queue.all')),
    [...new Map(tasks.map((x) => [x.step, x])).values()].map((x) => h('option', { value: x.step }, `${x.ref} ${loc(x.title)}`)),
  );
  const overdueOnly = h('input', { type: 'checkbox', name: 'overdue', id: 'overdue-only' });
  const count = h('p', { role: 'status', class: 'count' });
  const table = grid(
    ['queue.case', 'queue.applicant', 'queue.process', 'queue.step', 'queue.due', 'queue.left'],
    [],
    h('caption', { class: 'visually-hidden' }, t('queue.title')),
  );
  const body = table.tBodies[0];

  const draw = () => {
    body.replaceChildren();
    let shown = 0;
    tasks.forEach((task, i) => {
      if (processFilter.value && task.process !== processFilter.value) return;
      if (stepFilter.value && task.step !== stepFilter.value) return;
      if (overdueOnly.checked && lefts[i]?.urgency !== 'overdue') return;
      shown += 1;
      body.append(
        h(
          'tr',
          { class: lefts[i]?.urgency ?? '' },
          h('td', null, link(taskHref(task), task.case_number ?? String(task.case_id))),
          h('td', { class: 'applicant' }, task.applicant_name ?? '—'),
          h('td', null, title(task.process ?? '')),
          h('td', null, `${task.ref} ${loc(task.title)}`),
          h('td', null, formatInstant(task.due_at)),
          h('td', null, timeBadge(lefts[i])),
        ),
      );
    });
    count.textContent = t(isOne(tasks.length) ? 'queue.count_one' : 'queue.count', { n: shown, total: tasks.length });
  };
  for (const el of [processFilter, stepFilter, overdueOnly]) el.addEventListener('change', draw);
  draw();

  const filters = h(
    'fieldset',
    { class: 'filters' },
    h('legend', null, t('queue.filters')),
    field(t('queue.process'), processFilter),
    field(t('queue.step'), stepFilter),
    h('div', { class: 'field check' }, overdueOnly, h('label', { for: 'overdue-only' }, t('queue.overdue_only'))),
  );
  const list = tasks.length ? table : h('p', { class: 'empty' }, t('queue.empty'));
  main.append(pageTitle(t('queue.title')), searchForm(), h('h2', null, t('queue.tasks')), filters, count, list);
}

// The commission's secretary works its step from the agenda, not the case page.
function taskHref(task: Task): string {
  return task.role === 'commission_secretary' ? '/commission' : `/cases/${task.case_id}`;
}

// Search by case number, by a 12-digit IIN or BIN (the same digits may be either), or by the
// applicant's name (words without digits; any order and case, on the server).
function searchForm(): HTMLElement {
  const input = h('input', { name: 'q', type: 'search', autocomplete: 'off' });
  const results = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { role: 'search', class: 'search', 'aria-label': t('search.label') },
    field(t('search.field'), input, t('search.hint')),
    h('button', { type: 'submit' }, t('search.submit')),
    results,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    results.replaceChildren();
    if (!q) return;
    void (async () => {
      try {
        const asks = /^\d{12}$/.test(q) ? [{ iin: q }, { bin: q }] : /\d/.test(q) ? [{ number: q.toUpperCase() }] : [{ name: q }];
        const pages = await Promise.all(asks.map((a) => apiGet<{ items: CaseSummary[] }>(`/api/v1/cases${query(a)}`)));
        const found = [...new Map(pages.flatMap((p) => p.items).map((c) => [c.id, c])).values()];
        results.append(caseTable(found, t('search.results', { n: found.length })));
      } catch (err) {
        results.append(errorBox(err));
      }
    })();
  });
  return form;
}

export function caseTable(cases: CaseSummary[], caption: string): HTMLElement {
  if (!cases.length) return h('p', { class: 'empty', role: 'status' }, caption);
  return grid(
    ['queue.case', 'queue.process', 'case.status', 'case.created'],
    cases.map((c) =>
        h(
          'tr',
          null,
          h('td', null, link(`/cases/${c.id}`, c.number)),
          h('td', null, loc(c.title) || c.process),
          h('td', null, h('span', { class: `status ${c.status}` }, label('status', c.status))),
          h('td', null, formatInstant(c.created_at)),
        ),
    ),
    h('caption', null, caption),
  );
}
