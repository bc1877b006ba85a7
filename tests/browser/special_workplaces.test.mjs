// A P3 contract's life on the contract page (docs/SPECIAL_WORKPLACES.md), on a case carried
// through the API as src/server/special_workplaces_api_suite.h does: filed from the employer's
// cabinet, decided on a list, signed by both parties, the work report and the workplace subsidy,
// the special vacancy and two persons with a recorded disability referred. The contract is then
// made to start two months back (in the store) and the monthly loop's timer brought forward, so
// that the sweeper opens the report of each month gone by: the first one, filed late, is
// returned with remarks (the employer's contract page leads to the report and says why), filed
// again, accepted, ordered and visited (obligations met); the second, while it waits to be
// checked, leads the specialist from the contract page to the step, and is then ordered and
// visited (a breach found). The specialist's page shows every report with its lateness in words
// and its order, the visits, the persons referred with their referral documents, and the
// payments under the contract; the head's names the persons; the employer's masks their IINs.
// Another employer reads none of it. axe-core and screenshots in kk, ru and en.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { canonical, DEMO_EMPLOYER_BIN, demoApi, waitFor } from './demo_api.mjs';
import { checkInKkAndRu, checkPage, demoServerAndBrowser, kzDate, pageAs } from './support.mjs';

const env = demoServerAndBrowser('jumys-p3-', ['--sweep-seconds', '1']);
const demo = demoApi(env);
const { ok, sign, work, approvedAtOffice } = demo;

const NUMBER = 'АЖО-2026-019';
const PERSON_A = '851102400347'; // Ахметова Сәуле Маратқызы, a demo job seeker with a card
const PERSON_B = '951203400783'; // Иванова Ольга Петровна, registered here first
const masked = (iin) => `${iin.slice(0, 2)}********${iin.slice(-2)}`;
const WAGE = 20_000_000; // 200 000 ₸ a month
const RETURNED = 'Табельдің көшірмесін қосыңыз';
const BREACH = 'Пандус жабық, кіру мүмкін емес';
const NBSP = '\u00a0';
const tenge = (tiyn) => `${String(Math.trunc(tiyn / 100)).replace(/\B(?=(\d{3})+$)/g, NBSP)}.${String(tiyn % 100).padStart(2, '0')}${NBSP}₸`;

// The months gone by that the contract covers: two months back, then last month.
const today = kzDate();
const monthOf = (offset) => {
  const [y, m] = today.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const FIRST = monthOf(-2); // due last month: late
const SECOND = monthOf(-1);
const mmYyyy = (period) => period.split('-').reverse().join('.');
const dmy = (day) => day.split('-').reverse().join('.');

const APPLICATION = {
  requisites: {
    legal_name: '«Арал Балық» ЖШС',
    legal_address: 'Қызылорда қ., Әйтеке би к-сі 1',
    iban: 'KZ86125KZT5004100100',
    bank_bic: 'HSBKKZKX',
    signatory_name: 'Серікбаев Нұрлан',
    signatory_position: 'Директор',
  },
  application: {
    position: 'Бухгалтер',
    occupation: '4',
    place: '431010000',
    workplaces: 2,
    adaptations: 'Пандус, экранды оқу бағдарламасы',
    equipment_cost: { amount: 300_000_000, currency: 'KZT' },
    monthly_wage: { amount: WAGE, currency: 'KZT' },
    term_months: 6,
  },
};

// A list route's answer, bare or as {items}.
const list = (answer) => (Array.isArray(answer) ? answer : answer.items);
const sql = (text) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(env.tmp, 'jumys.db')], { input: text, encoding: 'utf8' }).trim();

let kase;
let contract;

// The next month's report opened now: the loop's timer brought forward for the sweeper.
async function openNextReport() {
  sql(`UPDATE tasks SET due_at = '2000-01-01T00:00:00Z' WHERE case_id = ${kase.id} AND step = 'monitor' AND completed_at IS NULL;`);
  await waitFor('the monthly report to open', async () => (await ok('employer', 'GET', '/api/v1/tasks')).find((t) => t.case_id === kase.id && t.step === 'monthly_report'));
}

const report = (period, persons = [PERSON_A, PERSON_B]) =>
  work(kase.id, 'employer', 'reported', { period, employed: persons, days_worked: 20, wages_paid: { amount: WAGE, currency: 'KZT' } });

// The case up to the first month's report returned to the employer: made once, by the first test.
let made = null;
const returnedReport = () => (made ??= carry());
async function carry() {
  const { challenge } = await ok('employer', 'POST', '/api/v1/challenges', {}, 201);
  const request = { process: 'special-workplaces', channel: 'portal', office: 'kzo-city', data: APPLICATION, challenge };
  kase = await ok('employer', 'POST', '/api/v1/cases', { ...request, signature: sign('employer', Buffer.from(canonical(request))) }, 201);
  // 2.1, 2.2: on the list the head approves.
  await work(kase.id, 'employers', 'compliant');
  const review = (await ok('employers', 'GET', '/api/v1/decision-lists')).items.find((l) => l.status === 'open' && l.process === 'special-workplaces');
  assert.ok(review, 'an open review list of P3');
  await ok('employers', 'POST', `/api/v1/decision-lists/${review.id}/submit`, {});
  await ok('head', 'POST', `/api/v1/decision-lists/${review.id}/decide`, { items: [{ case_id: kase.id, outcome: 'approved' }] });
  await ok('employers', 'POST', `/api/v1/decision-lists/${review.id}/record`, {});
  // 3.1-5: the amount proposed, both signatures.
  [contract] = await ok('head', 'GET', `/api/v1/contracts?case=${kase.id}`);
  const ends = `${monthOf(4)}-28`;
  await work(kase.id, 'employers', 'drafted', { contract_number: NUMBER, amount: contract.proposed_amount, ends_on: ends });
  await work(kase.id, 'head', 'signed');
  await work(kase.id, 'employer', 'signed');
  // 6.1-6.3: the work done and its subsidy.
  await work(kase.id, 'employer', 'reported', {
    work_done: 'Пандус, 2 арнайы жұмыс орны', spent: { amount: 300_000_000, currency: 'KZT' },
    completed_on: today, supporting_documents: 'Шот-фактура № 15',
  });
  await work(kase.id, 'employers', 'accepted');
  await work(kase.id, 'head', 'ordered');
  // 7.1, 7.2: the vacancy, then two persons with a disability on their cards.
  await work(kase.id, 'employers', 'entered', { position: 'Бухгалтер', occupation: '4', workplaces: 2, monthly_wage: { amount: WAGE, currency: 'KZT' } });
  await approvedAtOffice('job-seeker-registration', PERSON_B);
  for (const iin of [PERSON_A, PERSON_B]) {
    await ok('employers', 'PUT', `/api/v1/people/${iin}/employment-card/disability`, { group: 3, established_on: '2025-03-01', document: 'МӘС анықтамасы № 4471, 01.03.2025' });
  }
  await work(kase.id, 'employers', 'referred', { persons: [PERSON_A, PERSON_B] });
  // The contract started two months back: both months gone by are in its term.
  sql(`UPDATE contracts SET starts_on = '${FIRST}-01' WHERE id = ${contract.id};`);
  contract = await ok('head', 'GET', `/api/v1/contracts/${contract.id}`);
  assert.equal(contract.status, 'in_force');
  // 8, 9: the first month, past its due day, returned with remarks.
  await openNextReport();
  await report(FIRST);
  await work(kase.id, 'employers', 'returned', { remarks: RETURNED });
}

test('the employer is led to the monthly report, told why the last one came back', async () => {
  await returnedReport();
  const page = await pageAs(env, 'employer');
  await page.goto(`${env.base}/contracts/${contract.id}`);
  await page.locator('#page-title', { hasText: `Contract No. ${NUMBER}` }).waitFor();
  const action = page.getByRole('region', { name: 'Your monthly report is awaited' });
  await action.waitFor();
  assert.match(await action.innerText(), new RegExp(`returned your report for ${mmYyyy(FIRST)} with remarks: ${RETURNED}`));
  assert.match(await action.innerText(), /Due by \d{2}\.\d{2}\.\d{4}/);
  const go = action.getByRole('link', { name: 'File the monthly report' });
  assert.equal(await go.getAttribute('href'), `/cases/${kase.id}`);
  // The returned report is in the table, late in words.
  const [filed] = list(await ok('employer', 'GET', `/api/v1/contracts/${contract.id}/reports`));
  assert.equal(filed.late, true);
  assert.equal(filed.due_on.slice(0, 7), monthOf(-1));
  const row = page.locator(`#contract-reports tr[data-period="${FIRST}"]`);
  const cells = await row.locator('th, td').allInnerTexts();
  assert.equal(cells[0], mmYyyy(FIRST));
  assert.equal(cells[2], '20');
  assert.equal(cells[3], tenge(WAGE));
  assert.equal(cells[4], dmy(filed.due_on));
  assert.match(cells[5], /\nLate$/);
  assert.match(cells[6], new RegExp(`^Returned for revision\\nRemarks: ${RETURNED}$`));
  assert.equal(cells[7], '—');
  await checkPage(page, 'p3-contract-report-awaited');
  await checkInKkAndRu(page, 'p3-contract-report-awaited', (p) => p.locator('#report-action a').waitFor());

  // The link opens the case with the report's form.
  await go.click();
  await page.locator('#page-title', { hasText: kase.number }).waitFor();
  await page.getByRole('heading', { name: /monthly report/i }).first().waitFor();
  await page.context().close();
});

test("the specialist's page: reports with lateness and orders, visits, persons referred, payments", async () => {
  await returnedReport();
  // The first month again, accepted, ordered and visited; the second the same, a breach found.
  await report(FIRST);
  await work(kase.id, 'employers', 'accepted');
  await work(kase.id, 'head', 'ordered');
  await work(kase.id, 'employers', 'obligations_met', { visited_on: today, findings: 'Екі адам жұмыс істейді, жұмыс орындары жабдықталған' });
  await openNextReport();
  await report(SECOND, [PERSON_A]);
  // The report to check: the specialist's contract page leads to the step on the case.
  const checking = await pageAs(env, 'employers');
  await checking.goto(`${env.base}/contracts/${contract.id}`);
  const step = checking.locator('#life-steps li[data-step=check_monthly_report] a');
  await step.waitFor();
  assert.equal(await step.getAttribute('href'), `/cases/${kase.id}`);
  assert.match(await step.innerText(), /^9 /);
  await checking.context().close();
  await work(kase.id, 'employers', 'accepted');
  await work(kase.id, 'head', 'ordered');
  await work(kase.id, 'employers', 'breach_found', { visited_on: today, findings: BREACH });
  const reports = list(await ok('employers', 'GET', `/api/v1/contracts/${contract.id}/reports`));
  assert.deepEqual(reports.map((r) => [r.period, r.status]), [[FIRST, 'returned'], [FIRST, 'ordered'], [SECOND, 'ordered']]);
  const orders = await ok('head', 'GET', `/api/v1/payments?contract=${contract.id}`);
  assert.deepEqual(orders.map((o) => o.kind), ['workplace_subsidy', 'wage_subsidy', 'wage_subsidy']);

  const page = await pageAs(env, 'employers');
  await page.goto(`${env.base}/contracts/${contract.id}`);
  await page.locator('#contract-reports table').waitFor();
  assert.equal(await page.locator('#report-action').count(), 0, 'only the employer files reports');
  // Reports: oldest month first, the returned one kept; lateness and the order in words.
  const rows = page.locator('#contract-reports tbody tr');
  const secondLate = reports[2].late; // on time until the due day of this month
  assert.deepEqual(await rows.evaluateAll((tr) => tr.map((r) => [r.dataset.period, r.dataset.late])), [
    [FIRST, 'true'], [FIRST, 'true'], [SECOND, String(secondLate)],
  ]);
  const ordered = await rows.nth(1).locator('th, td').allInnerTexts();
  assert.match(ordered[1], /^2\b/);
  assert.match(ordered[6], /^Subsidy ordered$/);
  assert.equal(ordered[7], `${orders[1].number}\nDraft\n${tenge(orders[1].amount.amount)}`);
  assert.match(await rows.nth(2).locator('td').nth(4).innerText(), secondLate ? /Late$/ : /On time$/);
  assert.equal(await page.locator('#reports-summary').innerText(), `Reports: 3; filed late: ${secondLate ? 3 : 2}.`);
  // The IINs of a month's report behind its count, in full for staff.
  await rows.nth(1).locator('summary').click();
  assert.deepEqual(await rows.nth(1).locator('ul.iins li').allInnerTexts(), [PERSON_A, PERSON_B]);
  // Visits: obligations met, then a breach with its findings.
  const visits = page.locator('#contract-visits tbody tr');
  assert.deepEqual(await visits.evaluateAll((tr) => tr.map((r) => r.dataset.met)), ['true', 'false']);
  assert.deepEqual(await visits.nth(1).locator('th, td').allInnerTexts(), [dmy(today), 'Breach found', BREACH]);
  // Persons referred: full IINs for staff (the names to those who read person records, below);
  // a referral (kk/ru) for each, which names its person in the PDF (the case's link does not,
  // so they are listed apart).
  assert.deepEqual(await page.locator('#contract-referred thead th').allInnerTexts(), ['IIN', 'Referred on']);
  assert.deepEqual(await page.locator('#contract-referred tbody th').allInnerTexts(), [PERSON_A, PERSON_B]);
  const documents = page.locator('#contract-referred a[data-document]');
  assert.equal(await documents.count(), 2);
  for (const href of await documents.evaluateAll((a) => a.map((x) => x.getAttribute('href')))) {
    const pdf = await page.request.get(`${env.base}${href}`);
    assert.equal(pdf.status(), 200, href);
    assert.equal((await pdf.body()).subarray(0, 4).toString(), '%PDF');
  }
  // Payments under the contract: the workplace subsidy and each month's wage subsidy.
  assert.deepEqual(await page.locator('#contract-payments tbody th').allInnerTexts(), orders.map((o) => o.number));
  assert.equal(await page.locator('#payments-summary').innerText(), `Paid: 0.00${NBSP}₸ of the contract's ${tenge(contract.amount.amount)}.`);
  await checkPage(page, 'p3-contract-specialist');
  await checkInKkAndRu(page, 'p3-contract-specialist', (p) => p.locator('#contract-visits tbody tr').first().waitFor());
  await page.context().close();

  // The head reads person records: the names of those referred.
  const head = await pageAs(env, 'head');
  await head.goto(`${env.base}/contracts/${contract.id}`);
  const named = head.locator('#contract-referred tbody tr');
  await named.first().waitFor();
  assert.deepEqual(await named.evaluateAll((tr) => tr.map((r) => [r.cells[0].innerText, r.cells[1].innerText])), [
    [PERSON_A, 'Ахметова Сәуле Маратқызы'], [PERSON_B, 'Иванова Ольга Петровна'],
  ]);
  await checkPage(head, 'p3-contract-head');
  await head.context().close();

  // The employer: the same contract, other persons' IINs masked, no name.
  const employer = await pageAs(env, 'employer');
  await employer.goto(`${env.base}/contracts/${contract.id}`);
  await employer.locator('#contract-referred table').waitFor();
  assert.equal(await employer.locator('#report-action').count(), 0, 'no report awaits');
  assert.deepEqual(await employer.locator('#contract-referred thead th').allInnerTexts(), ['IIN', 'Referred on']);
  assert.equal(await employer.locator('#contract-referred a[data-document]').count(), 2);
  assert.deepEqual(await employer.locator('#contract-referred tbody th').allInnerTexts(), [masked(PERSON_A), masked(PERSON_B)]);
  await employer.locator('#contract-reports tbody tr').nth(1).locator('summary').click();
  assert.deepEqual(await employer.locator('#contract-reports tbody tr').nth(1).locator('ul.iins li').allInnerTexts(), [masked(PERSON_A), masked(PERSON_B)]);
  assert.equal(await employer.getByText(PERSON_A).count(), 0, 'no full IIN of another person');
  assert.deepEqual(await employer.locator('#contract-payments tbody th').allInnerTexts(), orders.map((o) => o.number));
  await checkPage(employer, 'p3-contract-employer');
  await checkInKkAndRu(employer, 'p3-contract-employer', (p) => p.locator('#contract-referred tbody tr').first().waitFor());
  await employer.context().close();
});

test('another employer cannot read the reports or the visits', async () => {
  await returnedReport();
  sql(`INSERT OR IGNORE INTO users (login, kind, full_name, roles, bin, password_hash, created_at)
       SELECT 'syr-director', 'applicant', '«Сыр Құрылыс» ЖШС', 'employer', '150340004568', password_hash, created_at FROM users WHERE login = 'employer';`);
  for (const route of [`/api/v1/contracts/${contract.id}/reports`, `/api/v1/contracts/${contract.id}/visits`]) {
    const r = await demo.api('syr-director', 'GET', route);
    assert.equal(r.status, 404, `${route}: ${r.raw}`);
  }
  assert.deepEqual(await ok('syr-director', 'GET', `/api/v1/payments?contract=${contract.id}`), []);
  assert.notEqual(DEMO_EMPLOYER_BIN, '150340004568');
});
