// The office dashboard (docs/CASEWORK.md): the open tasks of the user's office by step and by
// how near their due time is on the working calendar, and the pressing ones with their cases.
import { apiGet } from '../api';
import { grid, hasRole, link, pageTitle, userTimeZone } from '../app';
import { h } from '../dom';
import { formatDay, formatInstant, isOne, label, loc, t } from '../i18n';
import type { Localized } from '../types';

const BUCKETS = ['overdue', 'today', 'soon', 'later', 'none'] as const;
type Bucket = (typeof BUCKETS)[number];

interface DashboardStep {
  process: string;
  step: string;
  ref: string;
  role: string;
  title?: Localized;
  process_title?: Localized;
  total: number;
  counts: Record<Bucket, number>;
}
interface DashboardTask {
  task: number;
  case_id: number;
  case_number: string;
  step: string;
  ref: string;
  role: string;
  assignee: string | null;
  // The assignee's full name (null for an account the server does not name).
  assignee_name?: string | null;
  due_at: string | null;
  bucket: Bucket;
}
interface Dashboard {
  office: string;
  today: string;
  soon_until: string;
  total: number;
  counts: Record<Bucket, number>;
  steps: DashboardStep[];
  tasks: DashboardTask[];
  truncated: boolean;
}

export async function dashboardPage(main: HTMLElement): Promise<void> {
  const d = await apiGet<Dashboard>('/api/v1/dashboard');
  const zone = await userTimeZone();
  main.append(pageTitle(t('dashboard.title')));
  main.append(
    h('p', null, t(isOne(d.total) ? 'dashboard.summary_one' : 'dashboard.summary', { total: d.total, today: formatDay(d.today), soon: formatDay(d.soon_until) })),
    h(
      'ul',
      { class: 'tiles', 'aria-label': t('dashboard.by_due') },
      BUCKETS.map((b) =>
        h('li', { class: `tile tile-${b}`, 'data-bucket': b }, h('span', { class: 'tile-count' }, String(d.counts[b])), ' ', h('span', null, t(`dashboard.${b}`))),
      ),
    ),
  );
  // The employer-interaction specialist's other work: the stale vacancies to confirm with their
  // employers, counted as the vacancy bank counts them, the tile opening the bank on them.
  if (hasRole('employer_specialist')) {
    const stale = (await apiGet<{ counts: Record<string, number> }>('/api/v1/vacancies/managed?status=stale')).counts.stale ?? 0;
    const words = t('dashboard.stale_vacancies');
    main.append(
      h(
        'ul',
        { class: 'tiles', 'aria-label': t('dashboard.vacancies') },
        h(
          'li',
          { class: `tile tile-vacancies${stale ? ' tile-today' : ''}` },
          // Read out as "Vacancies to confirm: 3", the number shown large under the words.
          link('/vacancies?status=stale', [h('span', null, `${words}:`), ' ', h('span', { class: 'tile-count' }, String(stale))]),
        ),
      ),
    );
  }
  if (!d.total) {
    main.append(h('p', { class: 'empty', role: 'status' }, t('dashboard.empty')));
    return;
  }
  main.append(
    grid(
      ['dashboard.step', 'dashboard.role', ...BUCKETS.map((b) => `dashboard.${b}`), 'dashboard.total'],
      d.steps.map((s) =>
        h(
          'tr',
          { class: s.counts.overdue ? 'overdue' : '', 'data-step': s.step },
          h('th', { scope: 'row' }, `${loc(s.process_title) || s.process}: ${s.ref} ${loc(s.title)}`),
          h('td', null, label('role', s.role)),
          BUCKETS.map((b) => h('td', { 'data-bucket': b }, String(s.counts[b]))),
          h('td', null, String(s.total)),
        ),
      ),
      h('caption', null, t('dashboard.by_step')),
    ),
  );
  const pressing = d.tasks.filter((x) => x.bucket === 'overdue' || x.bucket === 'today');
  main.append(h('h2', { id: 'pressing-h' }, t('dashboard.pressing')));
  main.append(
    pressing.length
      ? grid(
          ['dashboard.case', 'dashboard.step', 'dashboard.assignee', 'dashboard.due'],
          pressing.map((x) =>
            h(
              'tr',
              { class: x.bucket === 'overdue' ? 'overdue' : '' },
              h('th', { scope: 'row' }, link(`/cases/${x.case_id}`, x.case_number)),
              h('td', null, x.ref),
              h('td', null, x.assignee_name ?? x.assignee ?? t('dashboard.anyone', { role: label('role', x.role) })),
              h('td', null, x.due_at ? formatInstant(x.due_at, zone) : '—', ' ', h('span', { class: `badge ${x.bucket}` }, t(`dashboard.${x.bucket}`))),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('dashboard.none_pressing')),
  );
  if (d.truncated) main.append(h('p', { class: 'hint' }, t('dashboard.truncated')));
}
