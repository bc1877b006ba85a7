// Case-management basics in the browser (docs/CASEWORK.md): the head and an acting head reassign
// a task from the case page, staff keep internal notes the applicant never sees, the office
// dashboard, the SLA report's filters, late cases and exports, each role's menu offering only
// pages that work for it. axe-core on each
// page, screenshots under build/screenshots/casework-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, pageAs } from './support.mjs';
import { S4A_DATA, demoApi } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-browser-casework-');
const { ok, api, work, atOffice, atOblast } = demoApi(env);

// The office's calendar date in Kyzylorda (UTC+5).
function kyzylordaToday() {
  return new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
}

// A page signed in through the API (the login answer sets the session cookie), in English.
const signedIn = (login) => pageAs(env, login, { viaApi: true });

async function open(page, route, title) {
  await page.goto(`${env.base}${route}`);
  await page.locator('#page-title', title ? { hasText: title } : {}).waitFor();
}

// An S1 case at the city centre registered and appointed to the executor.
const caseUnderReview = (iin) => atOffice('job-seeker-registration', iin, 'assigned');

let colleagueMade = false;
async function colleague() {
  if (colleagueMade) return;
  await ok('admin', 'POST', '/api/v1/users', {
    login: 'executor-b', full_name: 'Гүлмира Асқарқызы Нұрланова', office: 'kzo-city', roles: ['executor'], password: 'temporary-pass-1',
  }, 201);
  colleagueMade = true;
}

const reviewTask = (kase) => kase.tasks.find((t) => t.open && t.step === 'review');

test('the head reassigns the ill executor’s task from the case page; an acting head may too', async () => {
  await colleague();
  const kase = await caseUnderReview('951203400783');
  const page = await signedIn('head');
  await open(page, `/cases/${kase.id}`, kase.number);
  const panel = page.locator('section.reassign');
  await panel.getByRole('heading', { name: 'Reassign a task' }).waitFor();
  await panel.getByText('Assigned now: Динара Ерланқызы Ахметова').waitFor();
  await panel.getByLabel('Give to').selectOption({ label: 'Гүлмира Асқарқызы Нұрланова' });
  await panel.getByLabel('Reason (optional)').fill('ill');
  await checkPage(page, 'casework-reassign-form');
  await panel.getByRole('button', { name: 'Reassign' }).click();
  await page.locator('p.notice[role=status]', { hasText: 'is now with Гүлмира Асқарқызы Нұрланова' }).waitFor();
  const after = await ok('head', 'GET', `/api/v1/cases/${kase.id}`);
  assert.equal(reviewTask(after).assignee, 'executor-b');
  assert.ok(after.events.some((e) => e.action === 'task.reassign' && e.data.to === 'executor-b' && e.data.reason === 'ill'));
  await checkPage(page, 'casework-reassign-done');
  await checkInKkAndRu(page, 'casework-reassign', (p) => p.locator('section.reassign select').waitFor());
  await page.context().close();

  // The executor sees no panel; the unit head neither, until made acting head for today.
  for (const login of ['executor', 'unit-head']) {
    const p = await signedIn(login);
    await open(p, `/cases/${kase.id}`, kase.number);
    await p.locator('section.notes-panel').waitFor();
    assert.equal(await p.locator('section.reassign').count(), 0, login);
    await p.context().close();
  }
  const today = kyzylordaToday();
  await ok('head', 'POST', '/api/v1/delegations', { delegate: 'unit-head', starts_on: today, ends_on: today }, 201);
  const acting = await signedIn('unit-head');
  await open(acting, `/cases/${kase.id}`, kase.number);
  const actingPanel = acting.locator('section.reassign');
  await actingPanel.getByText('Assigned now: Гүлмира Асқарқызы Нұрланова').waitFor();
  await actingPanel.getByLabel('Give to').selectOption({ label: 'Динара Ерланқызы Ахметова' });
  await actingPanel.getByRole('button', { name: 'Reassign' }).click();
  await acting.locator('p.notice[role=status]', { hasText: 'is now with Динара Ерланқызы Ахметова' }).waitFor();
  await checkPage(acting, 'casework-reassign-acting');
  await acting.context().close();
  const back = await ok('head', 'GET', `/api/v1/cases/${kase.id}`);
  assert.equal(reviewTask(back).assignee, 'executor');
  const last = back.events.filter((e) => e.action === 'task.reassign').at(-1);
  assert.equal(last.data.acting_for, 'head');
});

test('staff keep internal notes on a case; the applicant never sees them', async () => {
  // The seeker's own case, filed at the counter for them.
  const kase = await ok('clerk', 'POST', '/api/v1/cases', {
    process: 'active-measures-referral', channel: 'office', applicant: { iin: '900515300127' },
    documents: [{ type: 'application' }, { type: 'identity_document', valid_until: '2031-01-01' }],
  }, 201);
  const page = await signedIn('clerk');
  await open(page, `/cases/${kase.id}`, kase.number);
  const panel = page.locator('section.notes-panel');
  await panel.getByText('No notes yet.').waitFor();
  await panel.getByRole('button', { name: 'Add note' }).click();
  await panel.getByText('Write the note first.').waitFor();
  const secret = 'Өтініш берушіге қоңырау шалу керек — құжаттың көшірмесі анық емес.';
  await panel.getByLabel('New note').fill(secret);
  await panel.getByRole('button', { name: 'Add note' }).click();
  await panel.locator('li.note', { hasText: secret }).waitFor();
  await panel.locator('li.note', { hasText: 'Әлия Серікқызы Жұмабаева' }).waitFor();
  await checkPage(page, 'casework-notes');
  await checkInKkAndRu(page, 'casework-notes', (p) => p.locator('section.notes-panel li.note').waitFor());
  await page.context().close();
  // Another member of staff reads it after a reload.
  const head = await signedIn('head');
  await open(head, `/cases/${kase.id}`, kase.number);
  await head.locator('li.note', { hasText: secret }).waitFor();
  await head.context().close();
  // The applicant: no panel, not a word of it, and 403 from the API.
  const seeker = await signedIn('seeker');
  await open(seeker, `/cases/${kase.id}`);
  await seeker.locator('main').getByText(kase.number).first().waitFor();
  assert.equal(await seeker.locator('section.notes-panel').count(), 0);
  assert.ok(!(await seeker.content()).includes('көшірмесі'));
  assert.equal((await api('seeker', 'GET', `/api/v1/cases/${kase.id}/notes`)).status, 403);
  await checkPage(seeker, 'casework-notes-applicant');
  await seeker.context().close();
});

test('the office dashboard counts the open tasks by step and due time', async () => {
  const d = await ok('head', 'GET', '/api/v1/dashboard');
  assert.ok(d.total > 0);
  const page = await signedIn('head');
  await open(page, '/', null);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.locator('#page-title', { hasText: 'Office dashboard' }).waitFor();
  for (const b of ['overdue', 'today', 'soon', 'later', 'none']) {
    assert.equal((await page.locator(`.tile[data-bucket=${b}] .tile-count`).textContent()).trim(), String(d.counts[b]), b);
  }
  const row = page.locator('tr[data-step=review]');
  await row.waitFor();
  const review = d.steps.find((s) => s.step === 'review');
  assert.equal((await row.locator('td').last().textContent()).trim(), String(review.total));
  await checkPage(page, 'casework-dashboard');
  await page.context().close();
});


// Each bucket from real deadlines where the definitions give one: a 3-working-day step is due
// "within 3 working days", a 6-working-day one later; a 20-minute step is due today while the
// office works that day (in the evening and at the weekend it falls on the next working day, so
// "soon"). Overdue needs time to pass: the task's due time is brought back in the store, as
// attendance.test.mjs brings a visit forward. No active definition has a step without a limit,
// so "no due time" stays empty.
test('the dashboard shows each bucket it can reach, the pressing tasks by assignee name and no ISO date', async () => {
  // The oblast's first task: the count reads in the singular.
  const fresh = await atOblast('foreign-labour-permit', S4A_DATA);
  const page = await signedIn('oblast-head');
  await open(page, '/dashboard', 'Office dashboard');
  await page.getByText('1 open task at the office.').waitFor();
  const clerk = await signedIn('oblast-clerk');
  await open(clerk, '/queue');
  await clerk.getByText('Shown 1 of 1 task', { exact: true }).waitFor();
  await clerk.context().close();

  const late = await atOblast('foreign-labour-permit', S4A_DATA);
  await work(late.id, 'oblast-clerk', 'accepted');
  await work(late.id, 'oblast-head', 'assigned', { assignee: 'oblast-executor' });
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(env.tmp, 'jumys.db'),
    `UPDATE tasks SET due_at = '2026-01-05T04:00:00Z' WHERE case_id = ${late.id} AND completed_at IS NULL`]);
  const later = await atOblast('foreign-labour-permit', S4A_DATA);
  await work(later.id, 'oblast-clerk', 'accepted');
  await work(later.id, 'oblast-head', 'assigned', { assignee: 'oblast-executor' });
  const soon = await atOblast('foreign-labour-permit-extension', { permit_number: 'KZO-OBLAST-DEMO-P1', term_months: 6 });
  await work(soon.id, 'oblast-clerk', 'accepted');

  const d = await ok('oblast-head', 'GET', '/api/v1/dashboard');
  const bucketOf = (kase) => d.tasks.find((x) => x.case_id === kase.id)?.bucket;
  assert.equal(bucketOf(late), 'overdue');
  assert.equal(bucketOf(soon), 'soon', 'S4c 6.3: 3 working days');
  assert.equal(bucketOf(later), 'later', 'S4a 6.4: 6 working days');
  // 20 minutes: today while the office's day lasts, else the next working day.
  assert.ok(['today', 'soon'].includes(bucketOf(fresh)), bucketOf(fresh));
  console.log(`20-minute step at ${new Date().toISOString()}: ${bucketOf(fresh)}`);

  await open(page, '/dashboard', 'Office dashboard');
  await page.getByText('4 open tasks at the office.').waitFor();
  for (const b of ['overdue', 'today', 'soon', 'later', 'none']) {
    assert.equal((await page.locator(`.tile[data-bucket=${b}] .tile-count`).textContent()).trim(), String(d.counts[b]), b);
  }
  for (const b of ['overdue', 'soon', 'later']) assert.ok(d.counts[b] >= 1, b);
  // The pressing ones: the overdue task names its assignee by full name, with its due date.
  const overdue = page.locator('tr', { has: page.getByRole('link', { name: late.number }) });
  const task = d.tasks.find((x) => x.case_id === late.id);
  const cells = await overdue.locator('td').allInnerTexts();
  assert.equal(task.assignee, 'oblast-executor');
  assert.equal(cells[1], 'Ләззат Әлиқызы Нұрова', 'the full name, not the login');
  assert.match(cells[2], /^05\.01\.2026\s09:00 Overdue/);
  assert.ok(await page.getByText(`Today is ${d.today.split('-').reverse().join('.')};`).isVisible());
  assert.doesNotMatch(await page.locator('main').innerText(), /\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4}/, 'no ISO or slashed date');
  await checkPage(page, 'casework-dashboard-buckets');
  await checkInKkAndRu(page, 'casework-dashboard-buckets', async (p) => {
    await p.locator('.tile').first().waitFor();
    assert.doesNotMatch(await p.locator('main').innerText(), /\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4}/);
  });
  await page.context().close();
});

test('the SLA report filters by office and employee, lists late cases and exports CSV and XLSX', async () => {
  const page = await signedIn('head');
  await open(page, '/reports/sla', 'SLA report');
  await page.getByLabel('Employee').selectOption({ label: 'Әлия Серікқызы Жұмабаева' });
  await page.getByRole('button', { name: 'Show' }).click();
  await page.locator('#sla-export a[href*="employee=clerk"]').first().waitFor();
  await page.getByRole('heading', { name: 'Late cases' }).waitFor();
  // Only the clerk's steps, as the API gives them for the clerk.
  const from = await page.getByLabel('From', { exact: true }).inputValue();
  const to = await page.getByLabel('To', { exact: true }).inputValue();
  const report = await ok('head', 'GET', `/api/v1/reports/sla?from=${from}&to=${to}&employee=clerk`);
  assert.ok(report.steps.length > 0);
  assert.ok(report.steps.every((s) => s.role === 'office_clerk'));
  assert.equal(await page.locator('table.grid').first().locator('tbody tr').count(), report.steps.length);
  // Limits in words and people by name: no "20min" or "clerk" on the page.
  const shown = await page.locator('main').innerText();
  assert.doesNotMatch(shown, /\b\d+(min|wd|h)\b/, 'a limit as written in the definition');
  assert.doesNotMatch(shown, /\tclerk\t/, "the completer's login");
  await checkPage(page, 'casework-sla');
  const xlsxHref = await page.getByRole('link', { name: 'Excel workbook (XLSX)' }).getAttribute('href');
  assert.match(xlsxHref, /employee=clerk/);
  const xlsx = await page.request.get(`${env.base}${xlsxHref}`);
  assert.equal(xlsx.status(), 200);
  const file = path.join(env.tmp, 'sla.xlsx');
  writeFileSync(file, await xlsx.body());
  const workbook = execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())', file]).toString();
  assert.match(workbook, /name="SLA"/);
  assert.match(workbook, /name="Late cases"/);
  const csv = await page.request.get(`${env.base}${await page.getByRole('link', { name: 'Steps as CSV' }).getAttribute('href')}`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /^process,version,step,/);
  // In Kazakh and Russian (switching redraws the form, so the report is asked for again).
  await checkInKkAndRu(page, 'casework-sla', async (p) => {
    await p.locator('main form button[type="submit"]').click();
    await p.locator('table.grid').first().waitFor();
    assert.doesNotMatch(await p.locator('main').innerText(), /\b\d+(min|wd|h)\b/);
  });
  await page.context().close();
});

// What each demo account's menu offers; every page offered opens without an error.
const MENUS = {
  clerk: ['/queue', '/dashboard', '/intake', '/delegations', '/vacancies', '/placements', '/jobs', '/inbox', '/account'],
  head: ['/queue', '/dashboard', '/signing', '/lists', '/reports/sla', '/analytics', '/delegations', '/vacancies', '/placements', '/contracts', '/payments', '/activities', '/jobs', '/inbox', '/account'],
  employers: ['/queue', '/dashboard', '/lists', '/delegations', '/vacancies', '/placements', '/contracts', '/activities', '/jobs', '/inbox', '/account'],
  executor: ['/queue', '/dashboard', '/delegations', '/vacancies', '/placements', '/jobs', '/inbox', '/account'],
  analyst: ['/queue', '/dashboard', '/reports/sla', '/analytics', '/delegations', '/notifications', '/vacancies', '/placements', '/payments', '/activities', '/jobs', '/inbox', '/account'],
  'unit-head': ['/queue', '/dashboard', '/signing', '/reports/sla', '/analytics', '/delegations', '/vacancies', '/placements', '/payments', '/activities', '/jobs', '/inbox', '/account'],
  commission: ['/queue', '/dashboard', '/commission', '/delegations', '/placements', '/jobs', '/inbox', '/account'],
  admin: ['/reports/sla', '/analytics', '/delegations', '/admin', '/admin/users', '/notifications', '/vacancies', '/jobs', '/inbox', '/account'],
  'national-admin': ['/delegations', '/admin', '/admin/users', '/notifications', '/jobs', '/inbox', '/account'],
  seeker: ['/cabinet', '/jobs', '/inbox', '/account'],
  employer: ['/cabinet', '/vacancies', '/placements', '/jobs', '/inbox', '/account'],
};

test('each role’s menu offers only the pages it can use', async () => {
  for (const [login, expected] of Object.entries(MENUS)) {
    const page = await signedIn(login);
    await open(page, '/', null);
    const offered = await page.locator('nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(offered, expected, login);
    for (const href of offered) {
      await page.goto(`${env.base}${href}`);
      await page.locator('#page-title').waitFor();
      await page.locator('p.loading').waitFor({ state: 'detached' });
      assert.equal(await page.locator('main .error[role=alert]').count(), 0, `${login} ${href}`);
    }
    await page.context().close();
  }
});
