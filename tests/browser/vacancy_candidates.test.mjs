// A vacancy's candidates and the specialist's dashboard tile in Debian's Chromium against the
// real server (docs/VACANCIES.md "Pages"). The tile counts the demo's stale vacancy, opens the
// vacancy bank on it, and counts none once it is confirmed; only the employer-interaction
// specialist has it. Then a published vacancy is written to the store (the demo's closed first)
// with two job seekers of the city centre: the specialist opens its candidates from the list,
// ranked, each reason met or not in words, the name linking to the card; a draft has none, and
// the employer is offered no such link. axe-core and screenshots in en, kk and ru
// (build/screenshots/vacancy-candidates-*.png, dashboard-vacancies-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, pageAs } from './support.mjs';
import { DEMO_EMPLOYER_BIN, demoApi } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-browser-candidates-');
const { ok } = demoApi(env);
const sql = (text) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(env.tmp, 'jumys.db')], { input: text, encoding: 'utf8' });

const tile = (page) => page.locator('.tile-vacancies');

test("the specialist's dashboard counts the vacancies to confirm and opens the bank on them", async () => {
  const page = await pageAs(env, 'employers');
  await page.goto(`${env.base}/dashboard`);
  await page.locator('#page-title', { hasText: 'Office dashboard' }).waitFor();
  const link = tile(page).getByRole('link', { name: 'Vacancies to confirm: 1' });
  assert.equal(await tile(page).locator('.tile-count').innerText(), '1');
  await checkPage(page, 'dashboard-vacancies');
  await checkInKkAndRu(page, 'dashboard-vacancies', (p) => tile(p).waitFor());
  await link.click();
  await page.waitForURL(/\/vacancies\?status=stale$/);
  assert.equal(await page.getByLabel('Status').inputValue(), 'stale');
  await page.getByRole('button', { name: 'Confirm: Күзетші / Сторож' }).click();
  await page.getByText('Confirmed and published again: Күзетші / Сторож').waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await tile(page).getByRole('link', { name: 'Vacancies to confirm: 0' }).waitFor();
  // The head of the centre keeps no vacancies: no tile.
  const head = await pageAs(env, 'head');
  await head.goto(`${env.base}/dashboard`);
  await head.locator('#page-title', { hasText: 'Office dashboard' }).waitFor();
  await head.locator('.tiles').first().waitFor();
  assert.equal(await tile(head).count(), 0);
  await page.context().close();
  await head.context().close();
});

function seed() {
  const row = (title, status) =>
    `('${DEMO_EMPLOYER_BIN}', 'kzo-city', '${title}', '', '7212', '431010000', 30000000, 'full_time', 2, ` +
    `'${JSON.stringify({ must: [{ kind: 'driving_licence', value: 'C' }] })}', 0, '${status}', ` +
    `'2026-01-01T00:00:00Z', 'employers', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`;
  sql(
    "UPDATE vacancies SET status = 'closed', next_change_at = NULL;\n" +
      'INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, wage_tiyn, working_time, workplaces, ' +
      `requirements, disability_suitable, status, relevant_since, created_by, created_at, updated_at) VALUES ${row('Welder', 'published')}, ${row('Draft welder', 'draft')};\n` +
      // The demo seeker gets an active card beside the demo's registered 851102400347.
      "INSERT INTO employment_cards (iin, office_id, status, job_seeker_since, created_at, updated_at) VALUES ('900515300127', 'kzo-city', 'job_seeker', '2026-10-01', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z');\n",
  );
  return Object.fromEntries(sql("SELECT title, id FROM vacancies WHERE title LIKE '%elder';").trim().split('\n').map((l) => l.split('|')));
}

test('the specialist opens a vacancy\'s candidates, ranked with their reasons', async () => {
  const ids = seed();
  // Ахметова wants craft work too, but more pay and without licence C: she comes second.
  await ok('employment', 'PUT', '/api/v1/people/851102400347/profile',
    { occupations: ['7'], mobility: 'oblast', home_kato: '431010000', wage_tiyn: 50000000, driving_licences: ['B'] }, 201);

  const page = await pageAs(env, 'employers');
  await page.goto(`${env.base}/vacancies?status=published`);
  const row = page.getByRole('row', { name: /Welder/ });
  await row.waitFor();
  await checkPage(page, 'vacancy-candidates-list');
  await row.getByRole('link', { name: 'Candidates: Welder' }).click();
  await page.locator('#page-title', { hasText: 'Candidates for the vacancy: Welder' }).waitFor();
  const items = page.locator('ol.matches > li');
  await items.first().waitFor();
  assert.deepEqual(await items.locator('h3').allInnerTexts(), ['Нұрпейісов Ерлан', 'Ахметова Сәуле']);
  assert.equal(await page.locator('#candidates-count').innerText(), '2 job seekers suit this vacancy, best first.');
  assert.equal(await items.first().getByRole('link', { name: 'Нұрпейісов Ерлан' }).getAttribute('href'), '/people/900515300127/card');
  assert.match(await items.first().locator('.match-facts').innerText(), /^IIN 900515300127 · .+ · suits by \d+ of 100$/);
  const second = items.nth(1);
  assert.match(await second.locator('li.reason', { hasText: 'must-have' }).innerText(), /^✗ not met: .*driving licence C/);
  assert.match(await items.first().locator('li.reason', { hasText: 'must-have' }).innerText(), /^✓ met: /);
  await checkPage(page, 'vacancy-candidates');
  await checkInKkAndRu(page, 'vacancy-candidates', (p) => p.locator('ol.matches > li').first().waitFor());

  // The name opens the person's card.
  await items.first().getByRole('link', { name: 'Нұрпейісов Ерлан' }).click();
  await page.waitForURL(/\/people\/900515300127\/card$/);

  // The published vacancy's own page links to them too.
  await page.goto(`${env.base}/vacancies/${ids.Welder}/edit`);
  await page.locator('#page-title', { hasText: 'Welder' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Candidates: Welder' }).getAttribute('href'), `/vacancies/${ids.Welder}/candidates`);
  // A draft has no candidates: no link on its page, and its candidates page says why.
  await page.goto(`${env.base}/vacancies/${ids['Draft welder']}/edit`);
  await page.locator('#page-title', { hasText: 'Draft welder' }).waitFor();
  assert.equal(await page.getByRole('link', { name: /^Candidates/ }).count(), 0);
  await page.goto(`${env.base}/vacancies/${ids['Draft welder']}/candidates`);
  await page.getByText('Candidates are found only for a published vacancy; this one is draft.').waitFor();
  await page.context().close();

  // The employer sees its published vacancy but not the job seekers.
  const employer = await pageAs(env, 'employer');
  await employer.goto(`${env.base}/vacancies?status=published`);
  await employer.getByRole('row', { name: /Welder/ }).waitFor();
  assert.equal(await employer.getByRole('link', { name: /^Candidates/ }).count(), 0);
  await employer.context().close();
});
