// The SLA report: per step, how many tasks were done, how many overran their limit, and the
// median and 90th-percentile working time, with a bar chart of the breach share.
import { apiGet, query } from '../api';
import { errorBox, grid, link, offices, pageTitle, processes, session, userTimeZone } from '../app';
import { field, h, svg } from '../dom';
import { formatInstant, loc, t } from '../i18n';
import { localDate } from '../dates';
import { termText } from '../case_status';

interface SlaRow {
  process: string;
  version: string;
  step: string;
  ref: string;
  role: string;
  limit: string;
  count: number;
  breaches: number;
  median_minutes: number;
  p90_minutes: number;
}

// A task done after its due time, with its case: the drill-down from the breaches.
interface LateTask {
  case_id: number;
  case_number: string;
  process: string;
  step: string;
  ref: string;
  office: string;
  completed_by: string;
  completed_by_name: string | null;
  due_at: string;
  completed_at: string;
  overrun_minutes: number;
}

export async function slaPage(main: HTMLElement): Promise<void> {
  const today = localDate(Date.now());
  const monthStart = `${today.slice(0, 8)}01`;
  const from = h('input', { type: 'date', name: 'from', value: monthStart, required: true });
  const to = h('input', { type: 'date', name: 'to', value: today, required: true });
  const out = h('div', { 'aria-live': 'polite' });
  // The offices the user may report on: an oblast department's staff see the whole oblast.
  const all = await offices();
  const mine = all.find((o) => o.id === session.user?.office);
  const visible = mine?.level === 'oblast' ? all.filter((o) => o.oblast_kato === mine.oblast_kato) : all.filter((o) => o.id === mine?.id);
  const office = h(
    'select',
    { name: 'office' },
    visible.length > 1 ? h('option', { value: '' }, t('sla.all_offices')) : null,
    visible.map((o) => h('option', { value: o.id }, loc(o.name) || o.id)),
  );
  const employee = h('select', { name: 'employee' }, h('option', { value: '' }, t('sla.everyone')));
  const loadStaff = async () => {
    employee.replaceChildren(h('option', { value: '' }, t('sla.everyone')));
    if (!office.value) return;
    try {
      const staff = await apiGet<{ items: { login: string; full_name: string }[] }>(`/api/v1/offices/${office.value}/staff`);
      employee.append(...staff.items.map((u) => h('option', { value: u.login }, u.full_name)));
    } catch {
      // the list is a convenience: without it the report covers everyone
    }
  };
  office.addEventListener('change', () => void loadStaff());
  await loadStaff();
  const form = h(
    'form',
    { class: 'inline card' },
    field(t('sla.from'), from),
    field(t('sla.to'), to),
    field(t('sla.office'), office),
    field(t('sla.employee'), employee),
    h('button', { type: 'submit' }, t('sla.show')),
  );
  const procs = await processes();
  const zone = await userTimeZone();
  const load = async () => {
    out.replaceChildren();
    const params = { from: from.value, to: to.value, office: office.value || undefined, employee: employee.value || undefined };
    try {
      const report = await apiGet<{ steps: SlaRow[]; late: LateTask[] }>(`/api/v1/reports/sla${query(params)}`);
      const rows = report.steps;
      const title = (r: { process: string; ref: string }) => `${loc(procs.find((p) => p.code === r.process)?.title) || r.process} ${r.ref}`;
      if (!rows.length) {
        out.append(h('p', { class: 'empty', role: 'status' }, t('sla.empty')));
        return;
      }
      const file = (format: string, extra: Record<string, string> = {}) => `/api/v1/reports/sla${query({ ...params, format, ...extra })}`;
      out.append(
        h(
          'p',
          { class: 'actions', id: 'sla-export' },
          h('a', { href: file('csv'), download: `sla-${params.from}-${params.to}.csv`, class: 'button-link' }, t('sla.export_csv')),
          ' ',
          h('a', { href: file('csv', { part: 'late' }), download: `sla-${params.from}-${params.to}-late.csv`, class: 'button-link' }, t('sla.export_late_csv')),
          ' ',
          h('a', { href: file('xlsx'), download: `sla-${params.from}-${params.to}.xlsx`, class: 'button-link' }, t('sla.export_xlsx')),
        ),
        chart(rows, title),
        table(rows, title),
        lateTable(report.late, title, zone),
      );
    } catch (e) {
      out.append(errorBox(e));
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  main.append(pageTitle(t('sla.title')), form, out);
  await load();
}

function table(rows: SlaRow[], title: (r: SlaRow) => string): HTMLElement {
  const cols = ['sla.step', 'sla.limit', 'sla.count', 'sla.breaches', 'sla.median', 'sla.p90'];
  return grid(
    cols,
    rows.map((r) =>
        h(
          'tr',
          { class: r.breaches ? 'overdue' : '' },
          h('th', { scope: 'row' }, title(r)),
          h('td', null, termText(r.limit)),
          h('td', null, String(r.count)),
          h('td', null, String(r.breaches)),
          h('td', null, t('time.min', { n: r.median_minutes })),
          h('td', null, t('time.min', { n: r.p90_minutes })),
        ),
    ),
    h('caption', null, t('sla.table')),
  );
}

function lateTable(rows: LateTask[], title: (r: { process: string; ref: string }) => string, zone: string | undefined): HTMLElement {
  const section = h('section', { 'aria-labelledby': 'sla-late-h' }, h('h2', { id: 'sla-late-h' }, t('sla.late_title')));
  if (!rows.length) {
    section.append(h('p', { class: 'empty' }, t('sla.late_none')));
    return section;
  }
  section.append(
    grid(
      ['sla.case', 'sla.step', 'sla.completed_by', 'sla.due', 'sla.completed', 'sla.overrun'],
      rows.map((r) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, link(`/cases/${r.case_id}`, r.case_number)),
          h('td', null, title(r)),
          h('td', null, r.completed_by_name ?? r.completed_by),
          h('td', null, formatInstant(r.due_at, zone)),
          h('td', null, formatInstant(r.completed_at, zone)),
          h('td', null, t('time.min', { n: r.overrun_minutes })),
        ),
      ),
    ),
  );
  return section;
}

// Horizontal bars: the share of each step's tasks done within the limit. The table above
// carries the same numbers for screen readers, so the drawing is described in one sentence.
function chart(rows: SlaRow[], title: (r: SlaRow) => string): HTMLElement {
  const barH = 22;
  const labelW = 320;
  const width = 720;
  const height = rows.length * (barH + 8) + 10;
  const plot = width - labelW - 60;
  const graphic = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'sla-chart-title', class: 'chart' });
  graphic.append(svg('title', { id: 'sla-chart-title' }, t('sla.chart')));
  rows.forEach((r, i) => {
    const y = 5 + i * (barH + 8);
    const share = r.count ? (r.count - r.breaches) / r.count : 1;
    graphic.append(
      svg('text', { x: 0, y: y + barH * 0.7, class: 'chart-label' }, title(r)),
      svg('rect', { x: labelW, y, width: plot, height: barH, class: 'bar-bg' }),
      svg('rect', { x: labelW, y, width: Math.round(plot * share), height: barH, class: share < 1 ? 'bar-warn' : 'bar-ok' }),
      svg('text', { x: labelW + plot + 6, y: y + barH * 0.7, class: 'chart-label' }, `${Math.round(share * 100)}%`),
    );
  });
  return h('figure', { class: 'card' }, graphic, h('figcaption', null, t('sla.chart')));
}
