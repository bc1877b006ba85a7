// The labour-market analyst's dashboards (docs/ANALYTICS.md): for a period and the offices
// in the user's scope, each table of GET /api/v1/analytics as a bar chart with its figures in a
// table right under it, and the same tables as CSV or XLSX. The tables are what a screen reader
// reads: each chart is one image described in a sentence.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { apiGet, query } from '../api';
import { errorBox, navigate, offices, pageTitle, processes, session, userTimeZone } from '../app';
import { field, h } from '../dom';
import { localDate } from '../dates';
import { chartData, type AnalyticsReport, type AnalyticsTable, type Cell, type ColumnType } from '../analytics_data';
import { decimalMark } from '../field_nodes';
import { formatDay, formatInstant, label, lang, loc, t } from '../i18n';
import { formatTenge } from '../money';
import type { Localized, Office, Process } from '../types';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const PATH = '/analytics';
const API = '/api/v1/analytics';

// Bar colours at least 3:1 against the white card (WCAG 1.4.11), told apart in the legend too;
// red and then orange only for what went wrong (late, refused, not hired), so that it reads the
// same everywhere and two such series of one chart still differ.
const COLOURS = ['#00529b', '#1b6e20', '#6b3fa0', '#8a4b00', '#4a4a4a'];
const BAD = ['#b00020', '#d84315'];
const ADVERSE = new Set(['breaches', 'refused', 'not_hired', 'stale', 'reports_late', 'deregistered']);
const INK = '#1a1a1a';
const GRID = '#c4c4c4';

// Charts drawn by the page now: destroyed before it draws again (their resize observers hold them).
let drawn: Chart[] = [];

interface Filters {
  from: string;
  to: string;
  office?: string;
  oblast?: string;
  process?: string;
}

export async function analyticsPage(main: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const today = localDate(Date.now());
  const from = h('input', { type: 'date', name: 'from', value: params.get('from') || `${today.slice(0, 4)}-01-01`, required: true });
  const to = h('input', { type: 'date', name: 'to', value: params.get('to') || today, required: true });
  // The offices the user may report on: an oblast department's staff see the whole oblast.
  const all = await offices();
  const mine = all.find((o) => o.id === session.user?.office);
  const visible = mine?.level === 'oblast' ? all.filter((o) => o.oblast_kato === mine.oblast_kato) : all.filter((o) => o.id === mine?.id);
  const office = h(
    'select',
    { name: 'office' },
    visible.length > 1 ? h('option', { value: '' }, t('analytics.all_offices')) : null,
    visible.map((o) => h('option', { value: o.id, selected: o.id === params.get('office') }, loc(o.name) || o.id)),
  );
  const oblastCodes = [...new Set(visible.map((o) => o.oblast_kato))];
  const oblastNames = await Promise.all(oblastCodes.map((code) => oblastName(code, all)));
  const oblast = h(
    'select',
    { name: 'oblast' },
    h('option', { value: '' }, t('analytics.all_oblasts')),
    oblastCodes.map((code, i) => h('option', { value: code, selected: code === params.get('oblast') }, oblastNames[i])),
  );
  const procs = await processes();
  const process = h(
    'select',
    { name: 'process' },
    h('option', { value: '' }, t('analytics.all_processes')),
    procs.map((p) => h('option', { value: p.code, selected: p.code === params.get('process') }, loc(p.title) || p.code)),
  );
  const form = h(
    'form',
    { class: 'inline card', role: 'search', 'aria-label': t('analytics.filters') },
    field(t('analytics.from'), from),
    field(t('analytics.to'), to),
    field(t('analytics.office'), office),
    field(t('analytics.oblast'), oblast),
    field(t('analytics.process'), process),
    h('button', { type: 'submit' }, t('analytics.show')),
  );
  const filters = (): Filters => ({
    from: from.value,
    to: to.value,
    office: office.value || undefined,
    oblast: oblast.value || undefined,
    process: process.value || undefined,
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(`${PATH}${query({ ...filters() })}`);
  });
  const out = h('div', { id: 'analytics-report', 'aria-live': 'polite' });
  main.append(pageTitle(t('analytics.title')), form, out);

  for (const c of drawn) c.destroy();
  drawn = [];
  const shown = filters();
  try {
    const report = await apiGet<AnalyticsReport>(`${API}${query({ ...shown })}`);
    const words = new Words(report, procs);
    const zone = await userTimeZone();
    out.append(
      h(
        'p',
        { id: 'analytics-summary' },
        t('analytics.summary', {
          from: formatDay(report.from),
          to: formatDay(report.to),
          offices: report.offices.map((id) => words.office(id)).join(', ') || '—',
          process: report.process ? words.process(report.process) : t('analytics.any_process'),
          at: formatInstant(report.extracted_at, zone),
        }),
      ),
      h('p', { class: 'actions' }, h('a', { href: `${API}${query({ ...shown, format: 'xlsx' })}`, download: `analytics-${report.from}-${report.to}.xlsx`, class: 'button-link', id: 'analytics-xlsx-all' }, t('analytics.export_all'))),
      ...report.tables.map((table) => section(table, shown, report, words)),
    );
  } catch (e) {
    out.append(errorBox(e));
  }
}

// An oblast's name from the KATO classifier, else its oblast department's, else the code.
async function oblastName(code: string, all: Office[]): Promise<string> {
  try {
    return loc((await apiGet<{ name: Localized }>(`/api/v1/reference/kato/${code}`)).name) || code;
  } catch {
    return loc(all.find((o) => o.level === 'oblast' && o.oblast_kato === code)?.name) || code;
  }
}

// A cell's value in words, in the page's language.
class Words {
  constructor(
    private readonly report: AnalyticsReport,
    private readonly procs: Process[],
  ) {}

  office(id: string): string {
    return loc(this.report.office_names[id]) || id;
  }

  process(code: string): string {
    return loc(this.procs.find((p) => p.code === code)?.title) || label('payment_programme', code);
  }

  // `row` gives the context a code needs: a step is named within its row's process.
  text(table: AnalyticsTable, type: ColumnType, column: string, value: Cell, row: Cell[]): string {
    if (value === null) return '—';
    const s = String(value);
    switch (type) {
      case 'office':
        return this.office(s);
      case 'region':
        return loc(this.report.region_names[s]) || s;
      case 'process':
        return this.process(s);
      case 'month':
        return monthName(s);
      case 'money':
        return typeof value === 'number' ? formatTenge(value, decimalMark()) : s;
      case 'count':
      case 'minutes':
        return typeof value === 'number' ? number(value) : s;
      case 'label':
        return this.label(table, column, s, row);
    }
    return s;
  }

  private label(table: AnalyticsTable, column: string, code: string, row: Cell[]): string {
    if (column === 'measure') return label('result', code);
    if (column === 'step') {
      const processAt = table.columns.findIndex((c) => c.type === 'process');
      const steps = this.procs.find((p) => p.code === row[processAt])?.steps ?? [];
      return loc(steps.find((s) => s.id === code)?.title) || code;
    }
    return label(`analytics_${column}`, code);
  }
}

// Figures grouped by thousands as each language writes them (Kazakh as Russian: a space; the
// browser's Kazakh locale data is often missing).
function number(n: number): string {
  return new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'ru-RU').format(n);
}

// "2026-11" as the month and year in words ("November 2026").
function monthName(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  return m ? t('analytics.month', { month: label('month_name', m[2]), year: m[1] }) : ym;
}

// A bar's label in lines of about `width` characters: Chart.js cuts a long one at the edge.
function lines(text: string, width = 36): string[] {
  const out: string[] = [];
  for (const word of text.split(' ')) {
    const last = out.length - 1;
    if (last >= 0 && out[last].length + word.length < width) out[last] += ` ${word}`;
    else out.push(word);
  }
  return out;
}

function section(table: AnalyticsTable, filters: Filters, report: AnalyticsReport, words: Words): HTMLElement {
  const title = label('analytics_table', table.id);
  const headingId = `analytics-${table.id}-h`;
  const file = (format: string) => `${API}${query({ ...filters, format, table: table.id })}`;
  const name = `analytics-${table.id}-${report.from}-${report.to}`;
  // Each link says which table it downloads to a screen reader; the eye sees it from the heading.
  const download = (format: string) =>
    h('a', { href: file(format), download: `${name}.${format}`, class: 'button-link' }, format.toUpperCase(), h('span', { class: 'visually-hidden' }, ` — ${title}`));
  return h(
    'section',
    { class: 'card analytics-table', id: `analytics-${table.id}`, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, title),
    h('p', { class: 'actions' }, download('csv'), ' ', download('xlsx')),
    table.rows.length ? chart(table, title, words) : h('p', { class: 'empty' }, t('analytics.empty')),
    grid(table, title, report, words),
  );
}

function grid(table: AnalyticsTable, title: string, report: AnalyticsReport, words: Words): HTMLElement {
  const cell = (type: ColumnType, column: string, value: Cell, row: Cell[], first: boolean) => {
    const numeric = type === 'count' || type === 'money' || type === 'minutes';
    const content = value === null ? [h('span', { 'aria-hidden': 'true' }, '—'), h('span', { class: 'visually-hidden' }, t('analytics.not_shown'))] : words.text(table, type, column, value, row);
    return first ? h('th', { scope: 'row' }, content) : h('td', { class: numeric ? 'num' : null }, content);
  };
  return h(
    'div',
    // Focusable so that a keyboard scrolls a table wider than the screen.
    { class: 'table-scroll', role: 'region', 'aria-labelledby': `analytics-${table.id}-caption`, tabindex: '0' },
    h(
      'table',
      { class: table.columns.length > 6 ? 'grid wide' : 'grid' },
      h('caption', { id: `analytics-${table.id}-caption` }, t('analytics.caption', { title, from: formatDay(report.from), to: formatDay(report.to) })),
      h('thead', null, h('tr', null, table.columns.map((c) => h('th', { scope: 'col', class: c.type === 'count' || c.type === 'money' || c.type === 'minutes' ? 'num' : null }, columnTitle(c.id, c.type))))),
      h('tbody', null, table.rows.map((row) => h('tr', null, table.columns.map((c, i) => cell(c.type, c.id, row[i], row, i === 0))))),
    ),
  );
}

function columnTitle(id: string, type: ColumnType): string {
  const words = label('analytics_column', id);
  return type === 'money' ? `${words}, ₸` : words;
}

// Horizontal bars, one group per row of the table: the labels are long (office names).
function chart(table: AnalyticsTable, title: string, words: Words): HTMLElement {
  const { labels, series } = chartData(table, (type, column, value, row) => words.text(table, type, column, value, row));
  const money = series.some((s) => s.type === 'money');
  const canvas = h('canvas', { role: 'img', 'aria-label': t('analytics.chart_label', { title }) });
  const box = h('div', { class: 'chart-box' }, canvas);
  const wrapped = labels.map((l) => lines(l));
  // Room for every bar and its label's lines: the box grows with the rows.
  const rows = wrapped.reduce((sum, l) => sum + Math.max(series.length * 14 + 20, l.length * 17 + 14), 0);
  box.style.height = `${Math.max(160, rows + 70)}px`;
  drawn.push(
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: wrapped,
        datasets: series.map((s, i) => {
          const before = series.slice(0, i);
          const colour = ADVERSE.has(s.column)
            ? BAD[before.filter((p) => ADVERSE.has(p.column)).length % BAD.length]
            : COLOURS[before.filter((p) => !ADVERSE.has(p.column)).length % COLOURS.length];
          return {
            label: columnTitle(s.column, s.type),
            // Money is drawn in tenge; the tooltip shows it with its tiyn.
            data: s.values.map((v) => (v === null ? null : money ? v / 100 : v)),
            backgroundColor: colour,
            borderColor: colour,
          };
        }),
      },
      options: {
        indexAxis: 'y',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        color: INK,
        font: { size: 13 },
        scales: {
          x: { beginAtZero: true, ticks: { color: INK, precision: 0, callback: (v) => number(Number(v)) }, grid: { color: GRID } },
          // Every bar named: the box is tall enough for all the labels.
          y: { ticks: { color: INK, autoSkip: false }, grid: { display: false } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { color: INK } },
          tooltip: {
            callbacks: {
              label: (item) => {
                const v = series[item.datasetIndex].values[item.dataIndex];
                const shown = v === null ? t('analytics.not_shown') : money ? formatTenge(v, decimalMark()) : number(v);
                return `${item.dataset.label}: ${shown}`;
              },
            },
          },
        },
      },
    }),
  );
  return h('figure', { class: 'chart-figure' }, box);
}
