// Referral to a vacancy and placement in the browser (docs/PLACEMENTS.md): the executor refers
// the demo seeker to a published vacancy from the case page (a vacancy without a free workplace
// is refused beside the field), the `employer` demo user records the hire on its referrals page,
// and the person's employment card shows the placement. axe-core on each page, screenshots
// under build/screenshots/placements-*.png, the employer's page also in Kazakh and Russian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, pageAs } from './support.mjs';
import { DEMO_EMPLOYER_BIN, demoApi } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-browser-placements-');
const { ok } = demoApi(env);
const SEEKER_IIN = '900515300127';

// Fixtures written to the server's store: the vacancy routes and the demo vacancies are other
// parts of issue 17, and the demo seeker has no employment card until S2 registers them.
function sql(statement) {
  return execFileSync('sqlite3', [path.join(env.tmp, 'jumys.db'), statement]).toString().trim();
}
function vacancy(title, workplaces, filled = 0) {
  return sql(
    `INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, wage_tiyn, working_time, workplaces, ` +
      `workplaces_filled, requirements, disability_suitable, status, relevant_since, created_by, created_at, updated_at) ` +
      `VALUES ('${DEMO_EMPLOYER_BIN}', 'kzo-city', '${title}', '', '7', '431010000', 30000000, 'full_time', ${workplaces}, ` +
      `${filled}, '{}', 0, 'published', '2026-11-01T05:00:00Z', 'employers', '2026-11-01T05:00:00Z', ` +
      `'2026-11-01T05:00:00Z') RETURNING id;`,
  );
}

const signedIn = (login) => pageAs(env, login, { viaApi: true });

test('the executor refers the demo seeker to a vacancy, the employer records the hire, the card shows it', async () => {
  sql(
    `INSERT INTO employment_cards (iin, office_id, status, job_seeker_since, created_at, updated_at) ` +
      `VALUES ('${SEEKER_IIN}', 'kzo-city', 'job_seeker', '2026-11-02', '2026-11-02T05:00:00Z', '2026-11-02T05:00:00Z');`,
  );
  const welder = vacancy('Дәнекерлеуші / Сварщик', 2);
  const full = vacancy('Жүргізуші / Водитель', 1, 1);
  let kase = await ok('clerk', 'POST', '/api/v1/cases', {
    process: 'active-measures-referral', channel: 'office', applicant: { iin: SEEKER_IIN },
    documents: [{ type: 'application' }, { type: 'identity_document', valid_until: '2031-05-01' }],
  }, 201);
  const id = kase.id;
  for (const [login, outcome, data] of [['clerk', 'accepted', {}], ['head', 'assigned', { assignee: 'executor' }]]) {
    const task = (await ok(login, 'GET', '/api/v1/tasks')).find((t) => t.case_id === id);
    kase = await ok(login, 'POST', `/api/v1/tasks/${task.id}/complete`, { outcome, data });
  }

  // The executor names the vacancy on the case page; a full one is refused beside the field.
  const page = await signedIn('executor');
  await page.goto(`${env.base}/cases/${id}`);
  await page.locator('#page-title', { hasText: kase.number }).waitFor();
  const form = page.locator('form.task-form');
  await form.getByLabel('Refer to employment').check();
  const box = form.locator('fieldset.outcome-data[data-outcome=refer_employment]');
  await box.getByLabel('Vacancy').fill(full);
  await box.getByLabel(/^Employer( \(required\))?$/).fill('«Сыр Құрылыс» ЖШС');
  await box.getByLabel('Position (occupation)').fill('Дәнекерлеуші');
  await box.getByLabel('Referral valid until').fill('2031-12-31');
  await form.locator('button[type=submit]').click();
  await box.getByText(`the vacancy ${full} has no free workplaces`).waitFor();
  await checkPage(page, 'placements-referral-refused');
  await box.getByLabel('Vacancy').fill(welder);
  await form.locator('button[type=submit]').click();
  await page.locator('p.notice[role=status]').waitFor();
  await page.context().close();

  // The employer sees the referral and records the hire.
  const employer = await signedIn('employer');
  await employer.goto(`${env.base}/placements`);
  await employer.locator('#page-title', { hasText: 'Referrals to vacancies' }).waitFor();
  const row = employer.locator('tr', { hasText: kase.number });
  await row.getByText('Дәнекерлеуші / Сварщик').waitFor();
  await checkPage(employer, 'placements-employer');
  await checkInKkAndRu(employer, 'placements-employer', (p) => p.locator('tr', { hasText: kase.number }).waitFor());
  // The status filter redraws the page each time it changes, not only the first.
  const filter = employer.locator('#placements-status');
  await filter.selectOption('hired');
  await employer.locator('tr', { hasText: kase.number }).waitFor({ state: 'detached' });
  await employer.locator('#placements-status').selectOption('referred');
  await row.waitFor();
  await employer.locator('#placements-status').selectOption('');
  await row.waitFor();
  await row.getByLabel('Answer', { exact: true }).selectOption('true');
  // The day of the hire is typed as the app writes days, today's (Kyzylorda's) offered.
  const hiredOn = row.getByLabel('Date of hire');
  const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('.');
  assert.equal(await hiredOn.inputValue(), today);
  await hiredOn.fill('31.11.2026');
  await row.getByRole('button', { name: 'Record the answer' }).click();
  await row.getByText('Enter a date as day.month.year, e.g. 04.12.2026.').waitFor();
  assert.equal(await hiredOn.getAttribute('aria-invalid'), 'true');
  await hiredOn.fill(today);
  await row.getByRole('button', { name: 'Record the answer' }).click();
  await employer.getByText('The answer is recorded.').waitFor();
  await employer.locator('tr', { hasText: kase.number }).getByText(`Hired on ${today}`).waitFor();
  // The employer's name in plain type under the bold vacancy.
  assert.equal(await employer.locator('tr', { hasText: kase.number }).locator('th .hint').evaluate((e) => getComputedStyle(e).fontWeight), '400');
  await checkPage(employer, 'placements-employer-answered');
  await employer.context().close();

  const placed = await ok('employers', 'GET', `/api/v1/placements?case=${id}`);
  assert.equal(placed.items[0].status, 'hired');
  assert.equal(placed.items[0].answered_by, 'employer');

  // The card shows the placement.
  const staff = await signedIn('clerk');
  await staff.goto(`${env.base}/people/${SEEKER_IIN}/card`);
  await staff.locator('#page-title').waitFor();
  const entry = staff.locator('tr', { hasText: 'placed in a job by referral' });
  await entry.waitFor();
  await entry.getByText(`Vacancy: № ${welder}`).waitFor();
  await checkPage(staff, 'placements-card');
  await staff.context().close();
});
