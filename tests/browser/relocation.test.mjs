// P1 voluntary relocation, route A (docs/RELOCATION.md), as src/server/relocation_api_suite.h
// drives it, then in the browser: the demo job seeker of Kyzylorda files to move to Petropavl
// with his wife and son; the Kyzylorda centre works 5.1-5.4 (through the API); Petropavl's
// specialist receives the case at 6.1 on its page, found in the work queue. Kyzylorda then reads
// the case only (a notice in kk, ru and en, no form, the hand-off in words in the timeline); the
// Aral centre does not find it. 6.2-7.1 through the API; the tripartite social contract is signed
// on the case pages: Petropavl's head in the workspace, the job seeker and the employer of the
// vacancy in their cabinets («Steps awaiting you»), each with their key file. The contract is
// then in force with the three signatures on one document. axe-core and screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { demoApi } from './demo_api.mjs';
import { checkInKkAndRu, checkPage, demoServerAndBrowser, kzDate, pageAs } from './support.mjs';

const env = demoServerAndBrowser('jumys-p1-');
const { ok, api, work } = demoApi(env);

// services/demo/demo_data.h
const SEEKER = '900515300127';
const SPOUSE = '920308402613';
const CHILD = '160921503849';
const NKO_EMPLOYER_BIN = '120940015272';
const IBAN = 'KZ86125KZT5004100100';
const RENT = 20 * 432_500; // 20 МРП of 2026, within 15-30 МРП
const CONTRACT = 'СК-1';

const sql = (text) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(env.tmp, 'jumys.db')], { input: text, encoding: 'utf8' }).trim();
const keyFile = (login) => path.join(env.tmp, 'dev-ca', `${login}.p12`);
const commission = () => ({ protocol_number: '7', decided_on: kzDate() });

// Route A filed at the Kyzylorda city centre and worked through 5.1-5.4 there: the case then
// waits for Petropavl's 6.1. Made once, by the first test.
let kase;
let made = null;
const awaitingArrival = () => (made ??= fileAndWorkDeparture());
async function fileAndWorkDeparture() {
  const vacancy = Number(sql(`SELECT MIN(id) FROM vacancies WHERE employer_bin = '${NKO_EMPLOYER_BIN}';`));
  assert.ok(vacancy > 0, 'a vacancy of «Петропавл Агро»');
  kase = await ok('clerk', 'POST', '/api/v1/cases', {
    process: 'voluntary-relocation', channel: 'office', office: 'kzo-city', applicant: { iin: SEEKER },
    documents: [{ type: 'application' }, { type: 'identity_document', valid_until: '2031-05-01' }],
    data: {
      route: 'departure', destination_office: 'nko-petropavl', vacancy, iban: IBAN,
      family_members: [{ iin: SPOUSE, relation: 'spouse' }, { iin: CHILD, relation: 'child' }],
    },
  }, 201);
  await work(kase.id, 'employment', 'accepted');
  await work(kase.id, 'employment', 'compliant');
  await work(kase.id, 'employment', 'sent');
  await work(kase.id, 'employment', 'included', commission());
  await work(kase.id, 'employment', 'notified');
  const waiting = (await ok('pet-employment', 'GET', '/api/v1/tasks')).find((t) => t.case_id === kase.id);
  assert.equal(waiting?.step, 'receive_candidates');
}

// The open task's form on a case page completed with its first outcome, signed with the key file.
async function signOnCasePage(page, login) {
  const form = page.locator('form.task-form');
  await form.waitFor();
  await form.locator('fieldset.signing[data-ncalayer=absent]').waitFor();
  await form.locator('input[name=key-file]').setInputFiles(keyFile(login));
  await form.locator('input[name=key-password]').fill('demo');
  await form.locator('input[name=key-password]').blur();
  await form.getByText(/Key holder|Кілт иесі|Владелец ключа/).waitFor();
  await form.locator('button[type=submit]').click();
  await page.locator('p.notice[role=status]').waitFor({ timeout: 60_000 });
}

test("Petropavl receives the case at 6.1 from its work queue; Kyzylorda then reads it only, Aral not at all", async () => {
  await awaitingArrival();
  const pet = await pageAs(env, 'pet-employment');
  await pet.goto(`${env.base}/queue`);
  const link = pet.getByRole('link', { name: kase.number });
  await link.waitFor();
  await checkPage(pet, 'p1-queue-petropavl');
  await link.click();
  await pet.locator('#page-title', { hasText: kase.number }).waitFor();
  assert.equal(await pet.locator('#read-only-notice').count(), 0);
  // The application as filed: the destination, the family.
  const application = await pet.locator('section.application').innerText();
  assert.match(application, /Petropavl/);
  assert.match(application, new RegExp(SPOUSE));
  await pet.locator('form.task-form').waitFor();
  await checkPage(pet, 'p1-case-receive');
  await pet.locator('form.task-form button[type=submit]').click();
  await pet.locator('p.notice[role=status]').waitFor();
  // Petropavl owns it now and writes on it: its notes form is there.
  const mine = await ok('pet-employment', 'GET', `/api/v1/cases/${kase.id}`);
  assert.equal(mine.office, 'nko-petropavl');
  assert.equal(mine.read_only, false);
  await pet.locator('#notes-h').waitFor();
  assert.equal(await pet.locator('form.note-form').count(), 1);
  await pet.context().close();

  // Kyzylorda: the case, read-only, said so; no form changes it; the hand-off in words.
  const theirs = await ok('employment', 'GET', `/api/v1/cases/${kase.id}`);
  assert.equal(theirs.read_only, true);
  assert.equal((await api('employment', 'POST', `/api/v1/cases/${kase.id}/notes`, { text: 'Қосымша құжат' })).status, 403);
  const kzo = await pageAs(env, 'employment');
  await kzo.goto(`${env.base}/cases/${kase.id}`);
  const notice = kzo.getByRole('region', { name: 'Read only' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /handed to Petropavl.* at step 6\.1 and is read-only here/);
  await kzo.locator('#timeline-h').waitFor();
  assert.equal(await kzo.locator('form').count(), 0, 'no form on a read-only case');
  assert.equal(await kzo.locator('form.note-form').count(), 0);
  const handOff = kzo.locator('ol.timeline li', { hasText: 'handed the case from' });
  assert.match(await handOff.innerText(), /handed the case from Kyzylorda.* to Petropavl.* at step 6\.1$/);
  // The open step is listed (6.2 at Petropavl), not offered.
  await kzo.locator('section.task').first().waitFor();
  await checkPage(kzo, 'p1-case-read-only');
  await checkInKkAndRu(kzo, 'p1-case-read-only', (p) => p.locator('#read-only-notice').waitFor());
  await kzo.context().close();

  // Aral: no such case.
  assert.equal((await api('clerk2', 'GET', `/api/v1/cases/${kase.id}`)).status, 404);
  const aral = await pageAs(env, 'clerk2');
  await aral.goto(`${env.base}/cases/${kase.id}`);
  await aral.locator('main .error').first().waitFor();
  assert.equal(await aral.locator('#timeline-h').count(), 0);
  await checkPage(aral, 'p1-case-not-found-aral');
  await aral.context().close();
});

test('the tripartite social contract: the head, the job seeker and the employer sign on their pages', async () => {
  await awaitingArrival();
  if ((await ok('pet-employment', 'GET', `/api/v1/cases/${kase.id}`)).office !== 'nko-petropavl') {
    await work(kase.id, 'pet-employment', 'received'); // 6.1, when run alone
  }
  // 6.2-7.1 through the API.
  await work(kase.id, 'pet-employment', 'notified');
  await work(kase.id, 'pet-employment', 'accepted');
  await work(kase.id, 'pet-employment', 'entered');
  await work(kase.id, 'pet-employment', 'entered', { ...commission(), members: ['Ахметов Серік Болатұлы', 'Иванова Анна Петровна'] });
  await work(kase.id, 'pet-employment', 'drawn_up', {
    contract_number: CONTRACT, ends_on: kzDate(300), monthly_rent: { amount: RENT, currency: 'KZT' },
  });

  // 7.2, the head of Petropavl, on the case page.
  const head = await pageAs(env, 'pet-head');
  await head.goto(`${env.base}/cases/${kase.id}`);
  const draft = head.locator('form.task-form ul.drafts a');
  await draft.waitFor();
  assert.equal(await draft.innerText(), 'Open the document to be signed: Tripartite social contract on voluntary relocation (PDF)');
  await checkPage(head, 'p1-head-signs');
  await signOnCasePage(head, 'pet-head');
  await head.context().close();

  // The job seeker, from the cabinet's steps.
  const seeker = await pageAs(env, 'seeker');
  await seeker.goto(`${env.base}/cabinet`);
  const steps = seeker.getByRole('region', { name: 'Steps awaiting you' });
  const step = steps.getByRole('link').first();
  await step.waitFor();
  assert.equal(await step.getAttribute('href'), `/cases/${kase.id}`);
  await step.click();
  await seeker.locator('#page-title', { hasText: kase.number }).waitFor();
  await seeker.locator('form.task-form fieldset.signing[data-ncalayer=absent]').waitFor();
  await checkPage(seeker, 'p1-seeker-signs');
  await checkInKkAndRu(seeker, 'p1-seeker-signs', (p) => p.locator('form.task-form fieldset.signing[data-ncalayer=absent]').waitFor());
  await signOnCasePage(seeker, 'seeker');
  await seeker.context().close();

  // The employer of the vacancy, not the applicant, from its cabinet.
  const employer = await pageAs(env, 'employer-nko');
  await employer.goto(`${env.base}/cabinet`);
  const its = employer.getByRole('region', { name: 'Steps awaiting you' }).getByRole('link').first();
  await its.waitFor();
  assert.equal(await its.getAttribute('href'), `/cases/${kase.id}`);
  await its.click();
  await employer.locator('#page-title', { hasText: kase.number }).waitFor();
  await employer.locator('form.task-form fieldset.signing[data-ncalayer=absent]').waitFor();
  // The person's application is not the employer's to read, nor a complaint its to file.
  assert.equal(await employer.locator('#status-sentence').innerText(), 'A step of this case waits for you as its party: see below.');
  assert.equal(await employer.locator('section.application').count(), 0);
  assert.equal(await employer.locator('section.complaints form').count(), 0);
  await checkPage(employer, 'p1-employer-signs');
  await signOnCasePage(employer, 'employer-nko');
  await employer.context().close();

  // In force, three signatures on the one document; the case page lists them.
  assert.equal(sql(`SELECT status FROM social_contracts WHERE case_id = ${kase.id};`), 'in_force');
  const page = await pageAs(env, 'pet-employment');
  await page.goto(`${env.base}/cases/${kase.id}`);
  await page.locator('#page-title', { hasText: kase.number }).waitFor();
  // The timeline: each party's EDS on the document, by name, then the contract in force.
  const lines = await page.locator('ol.timeline li').allInnerTexts();
  const signers = lines.filter((l) => l.endsWith(': signed the document with EDS')).map((l) => l.split(' — ')[1].split(':')[0]);
  assert.deepEqual(signers, ['Асхат Мұратұлы Жүсіпов', 'Ерлан Серікұлы Нұрпейісов', '«Петропавл Агро» ЖШС']);
  assert.match(lines.at(-1), /: the social contract is now in force$/);
  const signatures = Number(sql(`SELECT COUNT(*) FROM document_signatures s JOIN social_contracts c ON c.document_id = s.document_id WHERE c.case_id = ${kase.id};`));
  assert.equal(signatures, 3);
  await checkPage(page, 'p1-contract-in-force');
  await page.context().close();
});
