// P2 from the employer's cabinet (docs/SUBSIDISED_JOBS.md): the requisites and the application
// drawn from the definition, a mistyped IBAN caught in the browser, the draft saved on the
// server and filled in again, the check at submission naming each reason (in kk/ru/en, with
// the figures) before any signature, then signed with the employer's key file and sent: the
// case stands at 2.2 and the draft is gone. axe-core and a screenshot at each stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, errorOf, kzDate, pageAs, shots } from './support.mjs';
import { DEMO_EMPLOYER_BIN, demoApi } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-p2-');
const demo = demoApi(env);

// The state-revenue data of the demo employer as the admin imports it.
async function revenue(tax, social) {
  const res = await fetch(`${env.base}/api/v1/revenue-data`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await demo.token('admin')}`, 'content-type': 'text/csv' },
    body: `bin,as_of,tax_arrears_tiyn,social_arrears_tiyn\n${DEMO_EMPLOYER_BIN},${kzDate()},${tax},${social}\n`,
  });
  assert.equal(res.status, 200, await res.text());
}

// The demo employer's P2 cases (the demo has its P3 case already).
// The employer's P2 cases but the demo's own, run to its end months ago.
const p2Cases = async () => (await demo.ok('employer', 'GET', '/api/v1/cases')).items.filter((c) => c.process === 'subsidised-jobs' && c.status !== 'completed');

test('P2: the application from the cabinet, blocked with its reasons, then signed and sent', async () => {
  const page = await pageAs(env, 'employer');
  await page.getByRole('link', { name: 'Subsidised jobs' }).first().click();
  await page.locator('#page-title', { hasText: 'Application' }).waitFor();
  await page.getByLabel('Office to apply to').selectOption('kzo-city');
  await page.getByLabel('Legal name').fill('«Арал Балық» ЖШС');
  await page.getByLabel('Legal address').fill('Қызылорда қ., Әйтеке би к-сі 1');
  const iban = page.getByLabel('Bank account (IBAN)');
  await iban.fill('KZ86125KZT5004100101'); // the last digit mistyped
  await page.getByLabel('Bank BIC').fill('HSBKKZKX');
  await page.getByLabel('Full name of the signatory').fill('Серікбаев Нұрлан');
  await page.getByLabel("Signatory's position").fill('Директор');
  await page.getByLabel('Kind of subsidised job').selectOption('public_works');
  await page.getByLabel(/^Position/).fill('Жұмысшы');
  await page.getByLabel('Occupation (NKZ code)').fill('2');
  await page.getByLabel('Place of work (KATO code)').fill('431010000');
  await page.getByLabel('Number of workplaces').fill('3');
  await page.getByLabel('Monthly wage, tenge').fill('150000');
  await page.getByLabel('Term, months').fill('6');

  // The IBAN's check digits are checked before anything is sent.
  await page.getByRole('button', { name: 'Check before signing' }).click();
  await (await errorOf(page, iban)).filter({ hasText: 'IBAN' }).waitFor();
  assert.equal(await iban.getAttribute('aria-invalid'), 'true');
  await checkPage(page, 'p2-apply-iban');
  await iban.fill('KZ86125KZT5004100100');

  // The draft is kept on the server: a fresh visit finds it filled in.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('The draft is saved.').waitFor();
  const draft = await demo.ok('employer', 'GET', '/api/v1/drafts/subsidised-jobs');
  assert.ok(draft.data.entries.some((e) => e.value === 'KZ86125KZT5004100100'));
  await page.reload();
  await page.getByText(/Your draft saved .* is filled in/).waitFor();
  assert.equal(await page.getByLabel('Bank account (IBAN)').inputValue(), 'KZ86125KZT5004100100');
  assert.equal(await page.getByLabel('Term, months').inputValue(), '6');

  // In arrears as of today: the check names each reason with its figures, nothing is filed.
  await revenue(1250000, 30050);
  await page.getByRole('button', { name: 'Check before signing' }).click();
  const reasons = page.locator('div.error[role=alert]');
  await reasons.getByText('the employer owes 12500.00 tenge in taxes', { exact: false }).waitFor();
  await reasons.getByText('the employer owes 300.50 tenge in social payments', { exact: false }).waitFor();
  await checkPage(page, 'p2-apply-blocked');
  // Each language draws the page anew (the draft filled in again) and asks again.
  const check = { kk: 'Қол қоюдан бұрын тексеру', ru: 'Проверить перед подписанием', en: 'Check before signing' };
  const owes = { kk: '12500.00 теңге', ru: '12500.00 тенге', en: '12500.00 tenge' };
  await checkInKkAndRu(page, 'p2-apply-blocked', async (p) => {
    const lang = await p.evaluate(() => document.documentElement.lang);
    await p.getByRole('button', { name: check[lang] }).click();
    await p.locator('div.error[role=alert] li').nth(1).waitFor();
    await p.locator('div.error[role=alert]', { hasText: owes[lang] }).waitFor();
  });
  assert.equal((await p2Cases()).length, 0, 'nothing filed');

  // Paid up: signed with the employer's key file and sent.
  await revenue(0, 0);
  await page.locator('input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'employer.p12'));
  await page.locator('input[name=key-password]').fill('demo');
  await page.locator('input[name=key-password]').blur();
  await page.getByText(/Key holder/).waitFor();
  await page.getByRole('button', { name: 'Check before signing' }).click();
  await page.getByText('The checks passed').waitFor();
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await page.locator('#page-title', { hasText: /Case KZO-CITY-/ }).waitFor({ timeout: 60_000 });
  await page.getByText('in progress').first().waitFor();
  await checkPage(page, 'p2-case-filed');
  const cases = await p2Cases();
  assert.equal(cases.length, 1);
  const kase = await demo.ok('employer', 'GET', `/api/v1/cases/${cases[0].id}`);
  assert.deepEqual(kase.tasks.filter((t) => t.open).map((t) => t.step), ['check_application']);
  assert.equal((await demo.api('employer', 'GET', '/api/v1/drafts/subsidised-jobs')).status, 404, 'the draft went with the filing');
  await page.context().close();
});

// The application filed above, carried on through the workspace and the cabinet to a scheduled
// vacancy: the specialist works 2.2-2.5 on the case page and sends the review list; the head
// approves it on the list page; the specialist records it and enters the contract (3.4); the
// head returns it once (no key asked for) and then signs it; the employer finds the contract in
// "Steps awaiting you", signs the same PDF and publishes the vacancy (6.1); the contract page
// shows both signatures in order and the vacancy waits for the 3rd working day's opening.
test('P2: through the workspace and the cabinet to a contract in force and a scheduled vacancy', async () => {
  const [kase] = await p2Cases();
  assert.ok(kase, 'the application filed by the first test');
  const openStep = async () => (await demo.ok('employers', 'GET', `/api/v1/cases/${kase.id}`)).tasks.find((t) => t.open)?.step;
  // Waits, asking the API from here, until the case's open step is `step` (a click sends its
  // request after the browser has signed, so the page alone does not say when it is done).
  const until = async (step, timeout = 60_000) => {
    for (const end = Date.now() + timeout; (await openStep()) !== step;) {
      assert.ok(Date.now() < end, `the case did not reach ${step}; it is at ${await openStep()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  // 2.2-2.5: the employers' specialist on the case page, one step after another.
  const specialist = await pageAs(env, 'employers');
  await specialist.goto(`${env.base}/cases/${kase.id}`);
  const complete = async (page, next, fill = async () => {}) => {
    const form = page.locator('form.task-form');
    await form.waitFor();
    await fill(form);
    await form.getByRole('button', { name: 'Complete the step' }).click();
    await until(next);
    await page.reload();
  };
  await complete(specialist, 'enter_remark');
  await complete(specialist, 'consult', (form) => form.getByLabel("The centre's remark on the application").fill('Өтінім талаптарға сәйкес'));
  await complete(specialist, 'send_for_review');
  await complete(specialist, 'enter_decision');
  assert.equal(await openStep(), 'enter_decision');

  // 2.5: the list, sent to the head from the lists page.
  await specialist.getByRole('link', { name: 'Decision lists' }).click();
  await specialist.locator('#page-title', { hasText: 'Decision lists' }).waitFor();
  await specialist.locator('tbody tr[data-status=open] a').first().click();
  await specialist.getByRole('button', { name: /Send for decision/ }).click();
  await specialist.locator('#list-status', { hasText: 'Awaiting decision' }).waitFor();

  // 3.1: the head approves every application on the list in one action.
  const head = await pageAs(env, 'head');
  await head.goto(specialist.url());
  const decide = head.locator('form', { has: head.getByRole('button', { name: 'Take the decision on the whole list' }) });
  await decide.getByRole('radio', { name: 'Approved' }).first().check();
  await checkPage(head, 'p2-list-decide');
  await decide.getByRole('button', { name: 'Take the decision on the whole list' }).click();
  await head.locator('#list-status', { hasText: 'Decided' }).waitFor();
  const printed = await head.request.get(await head.locator('#list-pdf').evaluate((a) => a.href));
  assert.equal(printed.status(), 200);
  writeFileSync(path.join(shots, 'p2-list.pdf'), await printed.body()); // for a reader to look at
  await specialist.reload();
  await specialist.getByRole('button', { name: 'Record the decisions on every case' }).click();
  await specialist.locator('#list-status', { hasText: 'Recorded' }).waitFor();
  assert.equal(await openStep(), 'enter_contract_details');

  // 3.2: the decision reached the employer's inbox.
  const inbox = (await demo.ok('employer', 'GET', '/api/v1/inbox')).messages;
  assert.ok(inbox.some((m) => m.case_id === kase.id && /decision|шешім|решение/i.test(m.subject)), JSON.stringify(inbox).slice(0, 400));

  // 3.4: the contract's number, the proposed amount as it is, the end date.
  const enterContract = async () => {
    await specialist.goto(`${env.base}/cases/${kase.id}`);
    await complete(specialist, 'head_signs', async (form) => {
      await form.getByLabel('Contract number').fill('СЖ-2026-101');
      const contract = (await demo.ok('employers', 'GET', `/api/v1/contracts?case=${kase.id}`))[0];
      await form.getByLabel('Contract amount, tenge').fill(String(contract.proposed_amount.amount / 100));
      await form.getByLabel('Contract end date').fill(kzDate(200));
    });
  };
  await enterContract();
  assert.equal(await openStep(), 'head_signs');

  // 4.1: returned for revision without a signature, then signed with the head's key file.
  await head.goto(`${env.base}/cases/${kase.id}`);
  const headForm = head.locator('form.task-form');
  await headForm.getByRole('radio', { name: 'Returned for revision' }).check();
  assert.equal(await headForm.locator('input[name=key-file]').isVisible(), false, 'returning asks for no key');
  await headForm.getByLabel('What to revise').fill('Аяқталу күнін нақтылаңыз');
  await headForm.getByRole('button', { name: 'Complete the step' }).click();
  await until('enter_contract_details');
  await enterContract();
  await head.goto(`${env.base}/cases/${kase.id}`);
  await headForm.getByRole('radio', { name: 'Sign' }).check();
  await headForm.locator('input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'head.p12'));
  await headForm.locator('input[name=key-password]').fill('demo');
  await headForm.locator('input[name=key-password]').blur();
  await headForm.getByText(/Key holder/).waitFor();
  await headForm.getByRole('button', { name: 'Sign and complete' }).click();
  await until('employer_signs');

  // 5.1: the employer finds the contract among its steps and signs the same PDF.
  const employer = await pageAs(env, 'employer');
  await employer.goto(`${env.base}/cabinet`);
  await employer.locator('section.my-steps').getByRole('link', { name: /The employer \(contractor\) signs or refuses/ }).click();
  const employerForm = employer.locator('form.task-form');
  await employerForm.getByRole('radio', { name: 'Sign' }).check();
  await employerForm.locator('input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'employer.p12'));
  await employerForm.locator('input[name=key-password]').fill('demo');
  await employerForm.locator('input[name=key-password]').blur();
  await employerForm.getByText(/Key holder/).waitFor();
  await checkPage(employer, 'p2-employer-signs');
  await employerForm.getByRole('button', { name: 'Sign and complete' }).click();
  await until('publish_vacancy');

  // The contract page: in force, the centre's and then the employer's signature.
  const [contract] = await demo.ok('employer', 'GET', `/api/v1/contracts?case=${kase.id}`);
  assert.equal(contract.status, 'in_force');
  assert.equal(contract.return_reasons.length, 1);
  await employer.goto(`${env.base}/contracts/${contract.id}`);
  const signatures = employer.locator('#contract-signatures > li');
  await signatures.first().waitFor();
  assert.deepEqual(await signatures.evaluateAll((li) => li.map((l) => [l.dataset.party, l.dataset.signed])),
    [['customer', 'true'], ['contractor', 'true']]);
  await checkPage(employer, 'p2-contract-in-force');
  const pdf = await employer.request.get(`${env.base}${contract.pdf_url}`);
  assert.equal(pdf.status(), 200);
  writeFileSync(path.join(shots, 'p2-contract.pdf'), await pdf.body());

  // 6.1: the vacancy published from the cabinet, scheduled for the 3rd working day's opening.
  await employer.goto(`${env.base}/cases/${kase.id}`);
  const requested = new Date().toISOString();
  await complete(employer, 'publication_delay', async (form) => {
    await form.getByLabel('Position').fill('Жұмысшы');
    await form.getByLabel('Occupation (NKZ code)').fill('2');
    await form.getByLabel('Number of workplaces').fill('3');
    await form.getByLabel('Monthly wage, tenge').fill('150000');
  });
  assert.equal(await openStep(), 'publication_delay');
  const scheduled = (await demo.ok('employer', 'GET', '/api/v1/vacancies/managed?status=scheduled')).items;
  assert.equal(scheduled.length, 1, JSON.stringify(scheduled).slice(0, 400));
  const vacancy = await demo.ok('employer', 'GET', `/api/v1/vacancies/${scheduled[0].id}`);
  assert.equal(vacancy.status, 'scheduled');
  const due = await demo.ok('clerk', 'GET', `/api/v1/calendar/deadline?office=kzo-city&from=${encodeURIComponent(requested)}&limit=3wd`);
  assert.equal(vacancy.publish_at.slice(0, 10), due.due_at.slice(0, 10));
  // The contract the parties signed is among the case's issued documents, named as such.
  await employer.getByRole('link', { name: /Contract on organising subsidised jobs/ }).waitFor();
  await checkPage(employer, 'p2-vacancy-scheduled');
  for (const p of [specialist, head, employer]) await p.context().close();
});
