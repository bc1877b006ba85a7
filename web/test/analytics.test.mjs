// What the analyst's charts draw from a table of GET /api/v1/analytics (web/src/analytics_data.ts):
// the bars' labels are the row's label columns in words joined by " · ", one series per chart
// column, a figure not shown (null) left out rather than drawn as zero, a label column that
// does not tell the rows apart left out.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importForNode, webRoot } from './node-build.mjs';

let data;
const report = JSON.parse(readFileSync(path.join(webRoot, 'test/analytics-sample.json'), 'utf8'));
const table = (id) => report.tables.find((t) => t.id === id);
before(async () => {
  data = (await importForNode('analytics_data')).modules.analytics_data;
});

test('labels join the label columns in words; series follow chart.series in order', () => {
  const words = [];
  const { labels, series } = data.chartData(table('payments'), (type, column, value) => {
    words.push([type, column]);
    return `${column}=${value}`;
  });
  assert.deepEqual(labels, ['programme=voluntary-relocation · month=2026-11', 'programme=subsidised-jobs · month=2026-12']);
  assert.deepEqual(words[0], ['process', 'programme']);
  assert.deepEqual(words[1], ['month', 'month']);
  assert.deepEqual(series.map((s) => [s.column, s.type]), [['ordered', 'money'], ['paid', 'money']]);
  assert.deepEqual(series[0].values, [90000000, 8500000]);
});

test('a label column the same in every row is left out while another tells the rows apart', () => {
  const sla = table('sla');
  const same = { ...sla, chart: { label: ['office', 'process', 'ref'], series: ['on_time'] } };
  assert.deepEqual(data.chartData(same, (_t, _c, v) => String(v)).labels, ['voluntary-relocation · 5.1', 'unemployed-registration · 1']);
  const oneRow = { ...same, rows: [sla.rows[0]] };
  assert.deepEqual(data.chartData(oneRow, (_t, _c, v) => String(v)).labels, ['kzo-city · voluntary-relocation · 5.1']);
});

test('a figure not shown is a gap in its series, not a zero', () => {
  const { series } = data.chartData(table('referrals'), (_t, _c, v) => String(v));
  assert.deepEqual(series.find((s) => s.column === 'hired').values, [2, null, 0]);
});

test('the row passed along lets a code be named by its neighbours', () => {
  const rows = [];
  data.chartData(table('sla'), (_t, column, value, row) => {
    if (column === 'ref') rows.push(`${row[1]} ${value}`);
    return String(value);
  });
  assert.deepEqual(rows, ['voluntary-relocation 5.1', 'unemployed-registration 1']);
});

test('an empty table draws nothing; a chart naming a column the table lacks is an error', () => {
  assert.deepEqual(data.chartData(table('permits'), String), { labels: [], series: [{ column: 'issued', type: 'count', values: [] }, { column: 'workers', type: 'count', values: [] }] });
  const broken = { ...table('vacancies'), chart: { label: ['office'], series: ['nonesuch'] } };
  assert.throws(() => data.chartData(broken, String), /vacancies has no column nonesuch/);
});
