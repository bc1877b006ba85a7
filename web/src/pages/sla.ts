// The SLA report: per step, how many tasks were done, how many overran their limit, and the
// median and 90th-percentile working time, with a bar chart of the breach share.
import { apiGet, query } from '../api';
import { errorBox, grid, pageTitle, processes } from '../app';
import { field, h, svg } from '../dom';
import { loc, t } from '../i18n';
import { localDate } from '../dates';

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

export async function slaPage(main: HTMLElement): Promise<void> {
  const today = localDate(Date.now());
  const monthStart = `${today.slice(0, 8)}01`;
  const from = h('input', { type: 'date', name: 'from', value: monthStart, required: true });
  const to = h('input', { type: 'date', name: 'to', value: today, required: true });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'inline card' },
    field(t('sla.from'), from),
    field(t('sla.to'), to),
    h('button', { type: 'submit' }, t('sla.show')),
  );
  const procs = await processes();
  const load = async () => {
    out.replaceChildren();
    try {
      const report = await apiGet<{ steps: SlaRow[] }>(`/api/v1/reports/sla${query({ from: from.value, to: to.value })}`);
      const rows = report.steps;
      const title = (r: SlaRow) => `${loc(procs.find((p) => p.code === r.process)?.title) || r.process} ${r.ref}`;
      if (!rows.length) {
        out.append(h('p', { class: 'empty', role: 'status' }, t('sla.empty')));
        return;
      }
      out.append(chart(rows, title), table(rows, title));
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
          h('td', null, r.limit),
          h('td', null, String(r.count)),
          h('td', null, String(r.breaches)),
          h('td', null, t('time.min', { n: r.median_minutes })),
          h('td', null, t('time.min', { n: r.p90_minutes })),
        ),
    ),
    h('caption', null, t('sla.table')),
  );
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
