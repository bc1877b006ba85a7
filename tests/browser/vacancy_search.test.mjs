// The public vacancy search in Debian's Chromium against the real server: reached without
// signing in from the login page, the newest vacancies first, a search by a Kazakh word's start
// with filters, the count announced, "more" following the cursor, a bad wage refused in words,
// and the link in a signed-in cabinet. Published vacancies are written into the demo store with
// sqlite3 (the store's triggers index their words); drafts and closed ones never show. axe-core
// on each state; screenshots in kk, ru and en under build/screenshots/vacancy-search-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, openPage, signInWithPassword } from './support.mjs';
import { DEMO_EMPLOYER_BIN } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-browser-jobs-');

// 25 published welders and drivers in Kyzylorda and Aral, a draft and a closed one; published a
// minute apart, the last newest.
function seedVacancies() {
  const rows = [];
  const at = (i) => new Date(Date.now() - (100 - i) * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  for (let i = 1; i <= 25; i++) {
    const welder = i % 2 === 1;
    const title = welder ? `Дәнекерлеуші ${i}` : `Водитель ${i}`;
    const kato = i % 3 === 0 ? '433200000' : '431010000';
    rows.push([title, welder ? 'Металл құрылымдарын дәнекерлеу' : 'Перевозка грузов', welder ? '7212' : '8322',
      kato, (200_000 + i * 10_000) * 100, welder ? 'shift' : 'full_time', i % 5 === 0 ? 1 : 0, 'published', at(i)]);
  }
  rows.push(['Дәнекерлеуші жоба', 'draft', '7212', '431010000', 30_000_000, 'shift', 0, 'draft', null]);
  rows.push(['Дәнекерлеуші жабық', 'closed', '7212', '431010000', 30_000_000, 'shift', 0, 'closed', at(1)]);
  const q = (v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
  const sql = rows.map(([title, description, nkz, kato, wage, wt, dis, status, since]) =>
    `INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, wage_tiyn, working_time, workplaces,
       requirements, disability_suitable, status, relevant_since, created_by, created_at, updated_at)
     VALUES (${q(DEMO_EMPLOYER_BIN)}, 'kzo-city', ${q(title)}, ${q(description)}, ${q(nkz)}, ${q(kato)}, ${wage}, ${q(wt)}, 2,
       '{}', ${dis}, ${q(status)}, ${q(since)}, 'employer', ${q(since ?? at(0))}, ${q(since ?? at(0))});`).join('\n');
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(env.tmp, 'jumys.db')], { input: `BEGIN;\n${CLOSE_DEMO}\n${sql}\nCOMMIT;\n` });
}

// The demo's own vacancies closed, so the counts are these rows'.
const CLOSE_DEMO = "UPDATE vacancies SET status = 'closed', next_change_at = NULL;";

const countText = (page) => page.locator('#jobs-count').innerText();

test('anyone finds vacancies by words and filters, page by page, in kk, ru and en', async () => {
  seedVacancies();
  const page = await openPage(env.browser);
  await page.goto(`${env.base}/login`);
  await page.locator('#lang').selectOption('en');
  await page.getByRole('link', { name: 'Looking for work? Search vacancies without signing in' }).click();
  await page.locator('#page-title', { hasText: 'Find a job' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/jobs');

  // The newest first, 20 to a page, the rest behind "more".
  await page.locator('.vacancy').nth(19).waitFor();
  assert.equal(await page.locator('.vacancy').count(), 20);
  assert.equal(await countText(page), '20 vacancies shown; there are more.');
  assert.equal(await page.locator('.vacancy h2').first().innerText(), 'Дәнекерлеуші 25');
  await checkPage(page, 'vacancy-search-newest');
  // The filters side by side line up, a field with a hint under it or not.
  const tops = [];
  for (const name of ['Occupation code (NKZ)', 'Place code (KATO)', 'Wage from, ₸', 'Wage up to, ₸']) tops.push((await page.getByLabel(name).boundingBox()).y);
  assert.deepEqual(new Set(tops).size, 1, `input tops ${tops}`);
  await page.getByRole('button', { name: 'More vacancies' }).click();
  await page.locator('.vacancy').nth(24).waitFor();
  assert.equal(await countText(page), '25 vacancies found.');
  assert.ok(await page.getByRole('button', { name: 'More vacancies' }).isHidden());
  // Reading goes on from the first new result.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Дәнекерлеуші 5');
  assert.equal(await page.getByText('жоба').count(), 0, 'no draft');
  assert.equal(await page.getByText('жабық').count(), 0, 'no closed vacancy');

  // A Kazakh word's start in capitals, Aral by its KATO prefix, a wage floor in tenge.
  await page.getByLabel('Occupation or words').fill('ДӘНЕКЕР');
  await page.getByLabel('Place code (KATO)').fill('4332');
  await page.getByLabel('Wage from, ₸').fill('300 000');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('#jobs-count', { hasText: 'found' }).waitFor();
  const titles = await page.locator('.vacancy h2').allInnerTexts();
  assert.deepEqual(titles, ['Дәнекерлеуші 21', 'Дәнекерлеуші 15']);
  assert.equal(await countText(page), '2 vacancies found.');
  const first = page.locator('.vacancy').first();
  assert.match(await first.innerText(), /Aral District/);
  assert.match(await first.innerText(), /410\u00a0000 ₸/);
  assert.match(await first.innerText(), /Shifts/);
  await checkPage(page, 'vacancy-search-found');
  await checkInKkAndRu(page, 'vacancy-search-found', async (p) => {
    await p.locator('.vacancy').first().waitFor();
  });

  // Suitable for persons with disabilities: only those.
  await page.getByLabel('Wage from, ₸').fill('');
  await page.getByLabel('Place code (KATO)').fill('');
  await page.getByLabel('Suitable for persons with disabilities').check();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('#jobs-count', { hasText: '3 vacancies found.' }).waitFor();
  assert.deepEqual(await page.locator('.vacancy h2').allInnerTexts(), ['Дәнекерлеуші 25', 'Дәнекерлеуші 15', 'Дәнекерлеуші 5']);

  // "Published since" is a day typed as the app writes days, whatever the browser's language; the
  // address keeps the API's form. A day that is no day is refused beside the field.
  const since = page.getByLabel('Published since');
  assert.equal(await since.getAttribute('placeholder'), 'dd.mm.yyyy');
  await since.fill('01.01.2020');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/published_since=2020-01-01/);
  await page.locator('#jobs-count', { hasText: '3 vacancies found.' }).waitFor();
  const tomorrow = new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('.');
  await since.fill(tomorrow);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('#jobs-count', { hasText: 'No vacancies match.' }).waitFor();
  await since.fill('31.02.2026');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText('Enter a date as day.month.year, e.g. 04.12.2026.').waitFor();
  assert.equal(await since.getAttribute('aria-invalid'), 'true');
  // A link to a search, opened without a session, is the search and not the sign-in page; it
  // comes back with the day written as the app writes it, in Russian too.
  await page.locator('#lang').selectOption('ru');
  await page.goto(`${env.base}/jobs?published_since=2020-01-01&disability_suitable=true`);
  await page.locator('#page-title', { hasText: 'Поиск работы' }).waitFor();
  assert.equal(await page.getByLabel('Опубликовано с').inputValue(), '01.01.2020');
  assert.equal(await page.getByLabel('Опубликовано с').getAttribute('placeholder'), 'дд.мм.гггг');
  await checkPage(page, 'vacancy-search-since-ru');
  await page.locator('#lang').selectOption('en');
  await page.locator('#page-title', { hasText: 'Find a job' }).waitFor();
  await since.fill('');
  await page.getByLabel('Suitable for persons with disabilities').check();

  // Nothing found is said; a wage that is no amount is refused in words at its field.
  await page.getByLabel('Occupation or words').fill('ұшқыш');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('#jobs-count', { hasText: 'No vacancies match.' }).waitFor();
  await page.getByLabel('Wage up to, ₸').fill('a lot');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText('Enter an amount in tenge, e.g. 250000.').waitFor();
  assert.equal(await page.getByLabel('Wage up to, ₸').getAttribute('aria-invalid'), 'true');
  // The server's refusal of a code that is no code, beside the form.
  await page.getByLabel('Wage up to, ₸').fill('');
  await page.getByLabel('Occupation code (NKZ)').fill('7x');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText('must be a code or its first digits').waitFor();
  await checkPage(page, 'vacancy-search-refused');
  await page.close();
});

test('a signed-in seeker reaches the search from the cabinet', async () => {
  const page = await openPage(env.browser);
  await signInWithPassword(page, env.base, 'seeker');
  await page.getByRole('navigation').getByRole('link', { name: 'Find a job' }).click();
  await page.locator('#page-title', { hasText: 'Find a job' }).waitFor();
  await page.locator('.vacancy').first().waitFor();
  assert.equal(await page.locator('#sign-out').count(), 1);
  await checkPage(page, 'vacancy-search-seeker');
  await page.close();
});
