// The labour-market analyst's dashboards (docs/ANALYTICS.md): the demo analyst opens
// /analytics from the menu, shows this year, and finds every table of GET /api/v1/analytics
// under its heading, with its chart (or the line saying there are no figures) and its rows in
// words exactly as the API gives them for the same filters; the exports answer with their files.
// The oblast department narrows the report to one of its offices. axe-core on each page,
// screenshots build/screenshots/analytics*.png in en, kk and ru.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, kzDate, pageAs, root } from './support.mjs';

const env = demoServerAndBrowser('jumys-browser-analytics-');
const en = JSON.parse(readFileSync(path.join(root, 'web/src/locales/en.json'), 'utf8'));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NBSP = '\u00a0';

// A cell of the report as the English page writes it (web/src/pages/analytics.ts).
function cellText(report, processes, table, column, value, row) {
  if (value === null) return '—not shown';
  const processTitle = (code) => processes.find((p) => p.code === code)?.title.en || en[`payment_programme.${code}`] || code;
  switch (column.type) {
    case 'office':
      return report.office_names[value]?.en || value;
    case 'region':
      return report.region_names[value]?.en || value;
    case 'process':
      return processTitle(value);
    case 'month': {
      const [year, month] = value.split('-');
      return en['analytics.month'].replace('{month}', en[`month_name.${month}`]).replace('{year}', year);
    }
    case 'money': {
      const digits = String(Math.abs(value)).padStart(3, '0');
      return `${value < 0 ? '-' : ''}${digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, NBSP)}.${digits.slice(-2)}${NBSP}₸`;
    }
    case 'count':
    case 'minutes':
      return new Intl.NumberFormat('en-GB').format(value);
    case 'label': {
      if (column.id === 'measure') return en[`result.${value}`] ?? value;
      if (column.id === 'step') {
        const process = row[table.columns.findIndex((c) => c.type === 'process')];
        return processes.find((p) => p.code === process)?.steps.find((s) => s.id === value)?.title?.en || value;
      }
      return en[`analytics_${column.id}.${value}`] ?? value;
    }
  }
  return String(value);
}

// Every section of the page against the report the API gives for the page's own filters.
async function assertSectionsMatch(page, report, processes) {
  assert.equal(await page.locator('main section').count(), report.tables.length);
  for (const table of report.tables) {
    const title = en[`analytics_table.${table.id}`];
    assert.ok(title, `words for the table ${table.id}`);
    const section = page.getByRole('region', { name: title, exact: true });
    await section.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
    if (table.rows.length) {
      const chart = section.getByRole('img', { name: `Bar chart: ${title}. The table below gives its figures.` });
      assert.ok((await chart.boundingBox()).height > 100, `${table.id}: the chart is drawn`);
    } else {
      await section.getByText('No figures for this period').waitFor();
      assert.equal(await section.locator('canvas').count(), 0);
    }
    const grid = section.locator('table');
    assert.match(await grid.locator('caption').innerText(), new RegExp(`^${title}, `));
    const headers = await grid.locator('thead th[scope=col]').allTextContents();
    assert.deepEqual(headers, table.columns.map((c) => `${en[`analytics_column.${c.id}`] ?? c.id}${c.type === 'money' ? ', ₸' : ''}`), table.id);
    const shown = await grid.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const expected = table.rows.map((row) => row.map((v, i) => cellText(report, processes, table, table.columns[i], v, row)));
    assert.deepEqual(shown, expected, table.id);
  }
}

test('the analyst sees every table of this year as the API gives it, and downloads them', async () => {
  const page = await pageAs(env, 'analyst');
  await page.getByRole('link', { name: 'Analytics' }).click();
  await page.locator('#page-title', { hasText: 'Labour market dashboards' }).waitFor();
  const today = kzDate(0);
  const filters = page.getByRole('search', { name: 'Period and offices of the figures' });
  await filters.getByLabel('From', { exact: true }).fill(`${today.slice(0, 4)}-01-01`);
  await filters.getByLabel('To', { exact: true }).fill(today);
  await filters.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(new RegExp(`from=${today.slice(0, 4)}-01-01`));
  await page.locator('#analytics-summary').waitFor();

  // The same filters, asked of the API with the page's session.
  const search = new URL(page.url()).search;
  assert.match(search, new RegExp(`to=${today}`));
  const answer = await page.request.get(`${env.base}/api/v1/analytics${search}`);
  assert.equal(answer.status(), 200, await answer.text());
  const report = await answer.json();
  assert.deepEqual(report.tables.map((t) => t.id), ['registrations', 'referrals', 'placements', 'vacancies', 'permits', 'programmes', 'payments', 'relocation', 'sla']);
  const processes = await (await page.request.get(`${env.base}/api/v1/processes`)).json();
  await assertSectionsMatch(page, report, processes);
  assert.ok(report.tables.some((t) => t.rows.length), 'the demo data fills at least one table');
  await checkPage(page, 'analytics');

  // The workbook of every table, and one table's CSV and XLSX, with the page's filters.
  const all = await page.getByRole('link', { name: 'XLSX (all tables)' }).getAttribute('href');
  assert.match(all, /format=xlsx/);
  assert.doesNotMatch(all, /table=/);
  const workbook = await page.request.get(`${env.base}${all}`);
  assert.equal(workbook.status(), 200);
  assert.equal(workbook.headers()['content-type'], XLSX);
  assert.equal((await workbook.body()).subarray(0, 2).toString(), 'PK');
  const registrations = page.getByRole('region', { name: en['analytics_table.registrations'], exact: true });
  const csv = await page.request.get(`${env.base}${await registrations.getByRole('link', { name: /^CSV/ }).getAttribute('href')}`);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  const sheet = await page.request.get(`${env.base}${await registrations.getByRole('link', { name: /^XLSX/ }).getAttribute('href')}`);
  assert.equal(sheet.status(), 200);
  assert.equal(sheet.headers()['content-type'], XLSX);

  // Kazakh and Russian: the filters are in the address, so the same report is drawn again.
  await checkInKkAndRu(page, 'analytics', async (p) => {
    await p.locator('#analytics-summary').waitFor();
    assert.equal(await p.locator('main section h2').count(), report.tables.length);
    assert.doesNotMatch(await p.locator('main').innerText(), /\[analytics|analytics_/, 'a key without words');
  });
  await page.context().close();
});

test('the oblast department narrows the report to one of its offices', async () => {
  const page = await pageAs(env, 'oblast-head');
  await page.goto(`${env.base}/analytics`);
  await page.locator('#analytics-summary').waitFor();
  const office = page.getByLabel('Office', { exact: true });
  const offered = await office.locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.equal(offered[0], '', 'all offices first');
  assert.ok(offered.includes('kzo-city') && offered.includes('kzo-aral'), offered.join());
  await office.selectOption('kzo-aral');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/office=kzo-aral/);
  await page.locator('#analytics-summary').waitFor();
  const report = await (await page.request.get(`${env.base}/api/v1/analytics${new URL(page.url()).search}`)).json();
  assert.deepEqual(report.offices, ['kzo-aral']);
  const processes = await (await page.request.get(`${env.base}/api/v1/processes`)).json();
  await assertSectionsMatch(page, report, processes);
  await checkPage(page, 'analytics-oblast');
  await page.context().close();
});
