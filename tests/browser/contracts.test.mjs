// Programme contracts in the browser (docs/CONTRACTS.md): one P2 application of the demo
// employer carried through the API as src/server/subsidised_jobs_api_suite.h does (decided on
// a list, details entered with an amount other than the proposal, returned once, signed by the
// head, then by the employer); the head and the employer-interaction specialist find it in the
// workspace, the employer in the cabinet; the contract page shows the parties, the sums, the
// return, both signatures in order, and signature 1 downloads as a DER CMS that openssl
// verifies over the contract's PDF. While the employer's signature is awaited, the employer's
// page leads to the case step. An employer of another BIN is told it does not exist. axe-core
// and screenshots in kk, ru and en.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { canonical, DEMO_EMPLOYER_BIN, demoApi } from './demo_api.mjs';
import { checkInKkAndRu, checkPage, demoServerAndBrowser, pageAs } from './support.mjs';

const env = demoServerAndBrowser('jumys-contracts-');
const demo = demoApi(env);
const { ok, sign, work } = demo;

const NUMBER = 'СЖ-2026-017';
const AMOUNT = 60_000_000; // 600 000,00 ₸: less than the programme proposes, with the reason
const REASON = 'Бір жұмыс орны 5 айға ғана ашылады';
const REMARK = 'Мерзімін нақтылаңыз';
const NBSP = '\u00a0';
const dmy = (day) => day.split('-').reverse().join('.');

// The application of subsidised_jobs_api_suite.h: social jobs, 2 places, 150 000 ₸, 6 months.
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
    measure: 'social_jobs',
    position: 'Балық өңдеуші',
    occupation: '7',
    place: '431010000',
    workplaces: 2,
    monthly_wage: { amount: 15_000_000, currency: 'KZT' },
    term_months: 6,
  },
};

const sql = (text) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(env.tmp, 'jumys.db')], { input: text, encoding: 'utf8' }).trim();

// The state-revenue data of the demo employer: no arrears as of today.
async function paidUp() {
  const res = await fetch(`${env.base}/api/v1/revenue-data`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await demo.token('admin')}`, 'content-type': 'text/csv' },
    body: `bin,as_of,tax_arrears_tiyn,social_arrears_tiyn\n${DEMO_EMPLOYER_BIN},${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Qyzylorda' }).format(new Date())},0,0\n`,
  });
  assert.equal(res.status, 200, await res.text());
}

async function details() {
  return work(kase.id, 'employers', 'entered', {
    contract_number: NUMBER,
    amount: { amount: AMOUNT, currency: 'KZT' },
    ends_on: '2027-06-30',
    amount_reason: REASON,
  });
}

let kase;
let contract;

// The contract signed by the head, awaiting the employer: made once, by the first test (the
// file's server is started by a root hook that runs beside any other).
let made = null;
const signedByCentre = () => (made ??= carry());
async function carry() {
  // Filed from the cabinet, signed over the server's challenge (the cabinet's own request).
  await paidUp();
  const { challenge } = await ok('employer', 'POST', '/api/v1/challenges', {}, 201);
  const request = { process: 'subsidised-jobs', channel: 'portal', office: 'kzo-city', data: APPLICATION, challenge };
  kase = await ok('employer', 'POST', '/api/v1/cases', { ...request, signature: sign('employer', Buffer.from(canonical(request))) }, 201);
  // 2.2-2.5, then the review list decided by the head and recorded (3.1).
  await work(kase.id, 'employers', 'checked');
  await work(kase.id, 'employers', 'entered', { remark: 'Заявка сәйкес' });
  await work(kase.id, 'employers', 'consulted');
  await work(kase.id, 'employers', 'sent');
  const list = (await ok('employers', 'GET', '/api/v1/decision-lists')).items.find((l) => l.status === 'open');
  assert.ok(list, 'an open review list');
  await ok('employers', 'POST', `/api/v1/decision-lists/${list.id}/submit`, {});
  await ok('head', 'POST', `/api/v1/decision-lists/${list.id}/decide`, { items: [{ case_id: kase.id, outcome: 'approved' }] });
  await ok('employers', 'POST', `/api/v1/decision-lists/${list.id}/record`, {});
  // 3.4 and 4.1: returned once, entered again and signed by the head.
  await details();
  await work(kase.id, 'head', 'returned', { remarks: REMARK });
  await details();
  await work(kase.id, 'head', 'signed');
  [contract] = await ok('employer', 'GET', `/api/v1/contracts?case=${kase.id}`);
  assert.equal(contract.status, 'signed_by_centre');
}

test("awaiting the employer: its contract page leads to the case step, the head's does not", async () => {
  await signedByCentre();
  const page = await pageAs(env, 'employer');
  await page.goto(`${env.base}/contracts/${contract.id}`);
  await page.locator('#page-title', { hasText: `Contract No. ${NUMBER}` }).waitFor();
  await page.locator('#contract-status [data-status=signed_by_centre]').waitFor();
  const awaited = page.locator('#contract-signatures > li');
  assert.deepEqual(await awaited.evaluateAll((li) => li.map((l) => [l.dataset.party, l.dataset.signed])), [['customer', 'true'], ['contractor', 'false']]);
  assert.equal(await awaited.nth(1).locator('.awaited').innerText(), 'Signature awaited');
  const action = page.getByRole('link', { name: 'Sign or refuse the contract' });
  assert.equal(await action.getAttribute('href'), `/cases/${kase.id}`);
  await checkPage(page, 'contract-awaiting-employer');
  await checkInKkAndRu(page, 'contract-awaiting-employer', (p) => p.locator('#contract-action a').waitFor());
  await action.click();
  await page.locator('#page-title', { hasText: kase.number }).waitFor();
  await page.getByRole('heading', { name: /The employer \(contractor\) signs or refuses/ }).waitFor();
  // The case page names its contract.
  assert.equal(await page.locator('#case-contract a').getAttribute('href'), `/contracts/${contract.id}`);

  const head = await pageAs(env, 'head');
  await head.goto(`${env.base}/contracts/${contract.id}`);
  await head.locator('#contract-signatures').waitFor();
  assert.equal(await head.locator('#contract-action').count(), 0, 'the head has signed');
  await page.context().close();
  await head.context().close();
});

test('in force: the head and the specialist in the workspace, both signatures in order, the CMS a DER file', async () => {
  await work(kase.id, 'employer', 'signed');
  contract = await ok('head', 'GET', `/api/v1/contracts/${contract.id}`);
  assert.equal(contract.status, 'in_force');
  const proposed = contract.proposed_amount.amount;
  assert.notEqual(proposed, AMOUNT, 'the amount differs from the proposal');

  const page = await pageAs(env, 'head');
  await page.getByRole('navigation').getByRole('link', { name: 'Contracts' }).click();
  await page.locator('#page-title', { hasText: 'Contracts' }).waitFor();
  const row = page.locator(`tr[data-contract="${contract.id}"]`);
  await row.waitFor();
  const cells = await row.locator('th, td').allInnerTexts();
  assert.equal(cells[0], NUMBER);
  assert.match(cells[1], /«Арал Балық» ЖШС/);
  assert.match(cells[1], new RegExp(`BIN ${DEMO_EMPLOYER_BIN}`));
  assert.equal(cells[2], 'Subsidised jobs');
  assert.equal(cells[3], `600${NBSP}000.00${NBSP}₸`);
  assert.equal(cells[4], `${dmy(contract.starts_on)} — 30.06.2027`);
  assert.equal(cells[5], 'in force');
  await checkPage(page, 'contracts-list');
  await checkInKkAndRu(page, 'contracts-list', async (p) => {
    const lang = await p.evaluate(() => document.documentElement.lang);
    // kk and ru write the decimals after a comma, as the printed contract does.
    const amount = p.locator(`tr[data-contract="${contract.id}"] td.num`);
    await amount.waitFor();
    if (lang !== 'en') assert.equal(await amount.innerText(), `600${NBSP}000,00${NBSP}₸`);
    const status = { kk: 'күшінде', ru: 'действует', en: 'in force' }[lang];
    assert.equal(await p.locator(`tr[data-contract="${contract.id}"] [data-status=in_force]`).innerText(), status);
  });

  await row.getByRole('link', { name: NUMBER }).click();
  await page.locator('#page-title', { hasText: `Contract No. ${NUMBER}` }).waitFor();
  const facts = async (id) => Object.fromEntries(await page.locator(`#${id}`).evaluate((dl) => [...dl.querySelectorAll('dt')].map((dt) => [dt.innerText, dt.nextElementSibling.innerText])));
  const parties = await facts('contract-parties');
  assert.equal(parties.Customer, 'Kyzylorda City Employment Centre');
  assert.equal(parties.Contractor, '«Арал Балық» ЖШС / ТОО «Арал Балык»'); // the employer record's name
  assert.equal(parties.BIN, DEMO_EMPLOYER_BIN);
  assert.equal(parties['Signs for the contractor'], 'Серікбаев Нұрлан, Директор');
  const sum = await facts('contract-sum');
  assert.equal(sum.Amount, `600${NBSP}000.00${NBSP}₸`);
  assert.equal(sum['Proposed amount'], `${Math.trunc(proposed / 100).toLocaleString('en-US').replaceAll(',', NBSP)}.${String(proposed % 100).padStart(2, '0')}${NBSP}₸`);
  assert.equal(sum['Why the amount was changed'], REASON);
  assert.equal(sum['Ends on'], '30.06.2027');
  const general = await facts('contract-facts');
  assert.equal(general['Kind of subsidised job'] !== undefined, true, 'the measure from the application');
  assert.equal(general.Case, kase.number);
  // The one return for revision, with its reason and who returned it.
  const returns = await page.getByRole('table').locator('tbody tr').allInnerTexts();
  assert.equal(returns.length, 1);
  assert.match(returns[0], new RegExp(REMARK));
  assert.match(returns[0], /Бауыржан Қайратұлы Оспанов/);
  assert.equal(await page.locator('#contract-refusal').count(), 0);
  assert.equal(await page.locator('#contract-action').count(), 0, 'nobody signs any more');

  // Both signatures in signing order: the centre's head, then the employer.
  const signatures = page.locator('#contract-signatures > li');
  assert.deepEqual(await signatures.evaluateAll((li) => li.map((l) => [l.dataset.party, l.dataset.signed])), [['customer', 'true'], ['contractor', 'true']]);
  assert.match(await signatures.nth(0).innerText(), /Customer — the employment centre \(its head\)[\s\S]*Бауыржан Қайратұлы Оспанов \(head\)/);
  assert.match(await signatures.nth(1).innerText(), /Contractor — the employer[\s\S]*«Арал Балық» ЖШС \(employer\)[\s\S]*BIN\s+080540001238/);
  assert.match(await signatures.nth(1).innerText(), /Certificate holder\s+ӘБІЛОВ МАРАТ/);
  await checkPage(page, 'contract-in-force');
  await checkInKkAndRu(page, 'contract-in-force', (p) => p.locator('#contract-signatures a[data-signature="2"]').waitFor());

  // Signature 1 downloads as a detached CMS in DER that openssl verifies over the PDF.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#contract-signatures a[data-signature="1"]').click()]);
  assert.equal(download.suggestedFilename(), `contract-${contract.id}-customer.p7s`);
  const p7s = path.join(env.tmp, 'signature-1.p7s');
  await download.saveAs(p7s);
  const der = readFileSync(p7s);
  assert.equal(der[0], 0x30, 'DER: an ASN.1 SEQUENCE');
  const pdf = await page.request.get(`${env.base}${contract.pdf_url}`);
  assert.equal(pdf.status(), 200);
  const pdfPath = path.join(env.tmp, 'contract.pdf');
  writeFileSync(pdfPath, await pdf.body());
  execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7s, '-content', pdfPath,
    '-CAfile', path.join(env.tmp, 'dev-ca', 'root-ca.pem'), '-out', '/dev/null'], { stdio: 'pipe' });
  // The case page (staff's view) leads back to its contract.
  await page.locator('#contract-facts').getByRole('link', { name: kase.number }).click();
  await page.locator('#page-title', { hasText: kase.number }).waitFor();
  assert.equal(await page.locator('#case-contract a').getAttribute('href'), `/contracts/${contract.id}`);
  assert.equal(await page.locator('#case-contract [data-status]').innerText(), 'in force');
  await page.context().close();

  // The employer-interaction specialist: the same contract, and the status filter.
  const specialist = await pageAs(env, 'employers');
  await specialist.getByRole('navigation').getByRole('link', { name: 'Contracts' }).click();
  await specialist.locator(`tr[data-contract="${contract.id}"]`).waitFor();
  await specialist.getByLabel('Status').selectOption('refused');
  await specialist.locator('p.empty', { hasText: 'No contracts.' }).waitFor();
  assert.equal(new URL(specialist.url()).search, '?status=refused');
  await specialist.getByLabel('Status').selectOption('in_force');
  await specialist.locator(`tr[data-contract="${contract.id}"]`).getByRole('link', { name: NUMBER }).click();
  await specialist.locator('#contract-signatures li[data-party=contractor][data-signed=true]').waitFor();
  await checkPage(specialist, 'contract-specialist');
  await specialist.context().close();
});

test("the employer's cabinet lists its contracts; another employer's BIN sees none", async () => {
  const page = await pageAs(env, 'employer');
  const mine = page.locator(`.my-contracts li[data-contract="${contract.id}"]`);
  await mine.waitFor();
  assert.match(await mine.innerText(), new RegExp(`Contract No. ${NUMBER} — 600${NBSP}000.00${NBSP}₸ · in force`));
  await checkPage(page, 'cabinet-contracts');
  await checkInKkAndRu(page, 'cabinet-contracts', (p) => p.locator(`.my-contracts li[data-contract="${contract.id}"] [data-status=in_force]`).waitFor());
  assert.equal(await page.getByRole('link', { name: 'All contracts' }).getAttribute('href'), '/contracts');
  await mine.getByRole('link').click();
  await page.locator('#contract-signatures li[data-party=contractor][data-signed=true]').waitFor();
  assert.equal(await page.locator('#contract-action').count(), 0);
  // The centre's acts by role for the employer, not by the staff member's login.
  await page.locator('#lang').selectOption('ru');
  await page.getByRole('table').locator('tbody tr td', { hasText: 'руководитель' }).waitFor();
  await page.goto(`${env.base}/contracts`);
  await page.locator(`tr[data-contract="${contract.id}"]`).waitFor();
  await page.context().close();

  // «Сыр Құрылыс» ЖШС's director: the contract does not exist for it.
  sql(`INSERT INTO users (login, kind, full_name, roles, bin, password_hash, created_at)
       SELECT 'syr-director', 'applicant', '«Сыр Құрылыс» ЖШС', 'employer', '150340004568', password_hash, created_at FROM users WHERE login = 'employer';`);
  for (const route of [`/api/v1/contracts/${contract.id}`, `/api/v1/contracts/${contract.id}/pdf`, `/api/v1/contracts/${contract.id}/signatures/1`]) {
    const r = await demo.api('syr-director', 'GET', route);
    assert.equal(r.status, 404, `${route}: ${r.raw}`);
  }
  assert.deepEqual(await ok('syr-director', 'GET', '/api/v1/contracts'), []);
  assert.deepEqual(await ok('syr-director', 'GET', `/api/v1/contracts?bin=${DEMO_EMPLOYER_BIN}`), []);
  const other = await pageAs(env, 'syr-director');
  await other.goto(`${env.base}/contracts/${contract.id}`);
  await other.locator('div.error[role=alert]').waitFor();
  await other.context().close();
});
