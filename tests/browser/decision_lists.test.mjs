// Decision lists in the browser (docs/DECISION_LISTS.md), on a definition of the test's own
// (a listing step 2.5, then 3.1 decided over the list by the head): three applications listed
// through the API; the specialist sends the list from /lists; the head's one form refuses an
// application without grounds (the error beside that row, nothing decided, nothing of the
// head's choices lost), then approves two and refuses one with a ground in one action; the
// specialist records; the cases went on or were refused with the ground. axe-core and
// screenshots in kk, ru and en of the index and of the head's form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEMO_EMPLOYER_BIN, demoApi } from './demo_api.mjs';
import { checkInKkAndRu, checkPage, demoServerAndBrowser, pageAs, root } from './support.mjs';

const CODE = 'decision-list-test';

const DEFINITION = `
code: ${CODE}
version: browser-test-1
status: active
title: {kk: Тізіммен шешілетін өтінімдер, ru: "Заявки, решаемые списком", en: Applications decided as a list}
source: written by tests/browser/decision_lists.test.mjs, not a regulation
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 20wd}
effective: {from: 2020-01-01}
provider: centre
applicant: employer
channels:
  office: {ref: "1", start: send_for_review}
steps:
  - id: send_for_review
    ref: "2.5"
    role: employer_specialist
    limit: 2wd
    list: applications_review
    title: {kk: Өтінімді қарауға жіберу, ru: Направить заявку на рассмотрение, en: Send the application for review}
    fields:
      - {name: remark, type: text, max_length: 200, label: {kk: Ескертпе, ru: Замечание, en: Remark}}
    outcomes:
      - {id: sent, next: enter_decision}
  - id: enter_decision
    ref: "3.1"
    role: employer_specialist
    limit: 8wd
    decided_on_list: {list: applications_review, by: head}
    title: {kk: Өтінім бойынша шешімді енгізу, ru: Внести решение по заявке, en: Enter the decision on the application}
    outcomes:
      - {id: approved, next: follow_up}
      - {id: rejected, end: refusal, requires_grounds: true}
      - {id: withdrawn, end: withdrawn, status: cancelled}
  - id: follow_up
    ref: "3.2"
    role: employer_specialist
    limit: 1wd
    title: {kk: Шартты дайындау, ru: Подготовить договор, en: Prepare the contract}
    outcomes:
      - {id: done, end: participant_inclusion}
`;

const GROUNDS = `
process: ${CODE}
grounds:
  - code: requirements_not_met
    result: refusal
    item: "10"
    text: {kk: Талаптарға сәйкес келмеу, ru: Несоответствие требованиям, en: The requirements are not met}
  - code: unreliable_documents
    result: refusal
    item: "10"
    text: {kk: Құжаттардың анық еместігі, ru: Недостоверность документов, en: The documents are unreliable}
`;

// The shipped definitions and reference data, with this definition and its grounds added.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'jumys-lists-defs-'));
const definitions = path.join(scratch, 'processes');
const reference = path.join(scratch, 'reference');
cpSync(path.join(root, 'processes'), definitions, { recursive: true });
cpSync(path.join(root, 'reference'), reference, { recursive: true });
mkdirSync(path.join(definitions, CODE));
writeFileSync(path.join(definitions, CODE, 'browser-test-1.yaml'), DEFINITION);
writeFileSync(path.join(reference, 'refusal-grounds', `${CODE}.yaml`), GROUNDS);

const env = demoServerAndBrowser('jumys-lists-', ['--processes', definitions, '--reference', reference]);
const { ok, work } = demoApi(env);

// Three demo employers, each with the specialist's remark (the second with none).
const APPLICANTS = [
  { bin: DEMO_EMPLOYER_BIN, remark: 'Good employer' },
  { bin: '150340004568', remark: '' },
  { bin: '111240007891', remark: 'Arrears last year' },
];

test('the specialist sends the list, the head decides it in one form, the specialist records it on every case', async () => {
  const cases = [];
  for (const a of APPLICANTS) {
    const filed = await ok('clerk', 'POST', '/api/v1/cases', {
      process: CODE, channel: 'office', applicant: { bin: a.bin }, documents: [],
    }, 201);
    await work(filed.id, 'employers', 'sent', a.remark ? { remark: a.remark } : {});
    cases.push(await ok('employers', 'GET', `/api/v1/cases/${filed.id}`));
  }
  const open = (await ok('employers', 'GET', '/api/v1/decision-lists?status=open')).items.filter((l) => l.process === CODE);
  assert.equal(open.length, 1);
  const list = open[0];
  assert.match(list.number, /^KZO-CITY-\d{4}-L\d{6}$/);

  // The specialist: the index through the menu, the list's items, then "send for decision".
  const specialist = await pageAs(env, 'employers');
  await specialist.getByRole('navigation').getByRole('link', { name: 'Decision lists' }).click();
  const indexRow = specialist.locator('tbody tr', { hasText: list.number });
  await indexRow.waitFor();
  assert.deepEqual(
    (await indexRow.locator('th, td').allInnerTexts()).slice(0, 4),
    [list.number, 'Applications decided as a list', '3', 'Open'],
  );
  await checkPage(specialist, 'lists-index-en');
  await checkInKkAndRu(specialist, 'lists-index', (p) => p.locator('tbody tr').first().waitFor());

  await indexRow.getByRole('link', { name: list.number }).click();
  await specialist.locator('#page-title', { hasText: list.number }).waitFor();
  const rows = specialist.locator('tbody tr');
  assert.equal(await rows.count(), 3);
  for (const [i, kase] of cases.entries()) {
    const cells = await rows.nth(i).locator('td').allInnerTexts();
    assert.equal(cells[0], String(i + 1));
    assert.equal(cells[1], kase.number);
    assert.match(cells[2], new RegExp(`BIN ${APPLICANTS[i].bin}$`));
    assert.equal(cells[3], APPLICANTS[i].remark || '—');
  }
  // The registry's name where the office may read it (the third employer is the Aral office's).
  assert.match(await rows.nth(0).locator('td').nth(2).innerText(), /^«Арал Балық» ЖШС.*\nBIN 080540001238$/s);
  assert.match(await rows.nth(1).locator('td').nth(2).innerText(), /^«Сыр Құрылыс» ЖШС/);
  assert.equal(await rows.nth(0).getByRole('link', { name: cases[0].number }).getAttribute('href'), `/cases/${cases[0].id}`);
  // Not decided yet: no PDF to download.
  assert.equal(await specialist.locator('#list-pdf').count(), 0);
  await checkPage(specialist, 'list-open-en');
  await specialist.getByRole('button', { name: 'Send for decision (head)' }).click();
  await specialist.getByText('The list was sent for decision.').waitFor();
  assert.equal(await specialist.locator('#list-status').innerText(), 'Awaiting decision');
  assert.equal((await ok('head', 'GET', `/api/v1/decision-lists/${list.id}`)).status, 'submitted');
  // The specialist does not decide: no form for them.
  assert.equal(await specialist.locator('form.list-decision').count(), 0);

  // The head: one form over the three applications, in each language.
  const head = await pageAs(env, 'head', { viaApi: true, lang: 'en' });
  await head.goto(`${env.base}/lists/${list.id}`);
  const form = head.locator('form.list-decision');
  await form.waitFor();
  await checkPage(head, 'list-decide-en');
  await checkInKkAndRu(head, 'list-decide', (p) => p.locator('form.list-decision').waitFor());
  const group = (kase) => form.getByRole('group', { name: `Decision on ${kase.number}` });
  const groundsOf = (kase) => form.getByRole('group', { name: `Grounds for refusing ${kase.number}` });
  const rowOf = (kase) => form.locator(`tr[data-case="${kase.number}"]`);

  // Two approved, the third refused without a ground; the grounds show once refusal is chosen.
  await group(cases[0]).getByRole('radio', { name: 'Approved' }).check();
  await group(cases[1]).getByRole('radio', { name: 'Approved' }).check();
  assert.equal(await groundsOf(cases[2]).isVisible(), false);
  // By keyboard: into the third row's choices, arrow to the refusal.
  await group(cases[2]).getByRole('radio', { name: 'Approved' }).focus();
  await head.keyboard.press('ArrowDown');
  assert.equal(await group(cases[2]).getByRole('radio', { name: 'Rejected' }).isChecked(), true);
  await groundsOf(cases[2]).waitFor();
  await form.getByRole('button', { name: 'Take the decision on the whole list' }).click();

  const rowError = rowOf(cases[2]).locator('.field-error');
  await rowError.waitFor();
  assert.ok((await rowError.innerText()).length > 0);
  assert.equal(await rowOf(cases[0]).locator('.field-error').isVisible(), false);
  assert.equal(await rowOf(cases[1]).locator('.field-error').isVisible(), false);
  // The error is tied to the row's groups and marks the grounds to tick.
  const describedBy = await groundsOf(cases[2]).getAttribute('aria-describedby');
  assert.equal(describedBy, await rowError.getAttribute('id'));
  assert.equal(await groundsOf(cases[2]).getByRole('checkbox').first().getAttribute('aria-invalid'), 'true');
  const summary = head.locator('#decision-summary');
  assert.match(await summary.innerText(), /Nothing was decided\. Applications to correct: 1/);
  assert.match(await summary.innerText(), new RegExp(`3\\. case ${cases[2].number}: a refusal cites at least one ground`));
  assert.equal(await rowError.innerText(), `Case ${cases[2].number}: a refusal cites at least one ground`);
  // Nothing decided on the server, nothing lost in the form.
  const still = await ok('head', 'GET', `/api/v1/decision-lists/${list.id}`);
  assert.equal(still.status, 'submitted');
  assert.deepEqual(still.items.map((i) => i.outcome), [null, null, null]);
  assert.equal(await group(cases[0]).getByRole('radio', { name: 'Approved' }).isChecked(), true);
  assert.equal(await group(cases[1]).getByRole('radio', { name: 'Approved' }).isChecked(), true);
  assert.equal(await group(cases[2]).getByRole('radio', { name: 'Rejected' }).isChecked(), true);
  await checkPage(head, 'list-decide-error-en');

  // The ground ticked by keyboard (the focus went to the grounds), then the whole list decided.
  const ground = groundsOf(cases[2]).getByRole('checkbox', { name: /The requirements are not met/ });
  await ground.focus();
  await head.keyboard.press('Space');
  assert.equal(await ground.isChecked(), true);
  await form.getByRole('button', { name: 'Take the decision on the whole list' }).click();
  await head.getByText('The decision on the list was taken.').waitFor();
  assert.equal(await head.locator('#list-status').innerText(), 'Decided');
  assert.equal(await head.locator('#list-pdf').getAttribute('href'), `/api/v1/decision-lists/${list.id}/pdf`);
  // The link downloads the printed list with the head's session.
  const printed = await head.request.get(`${env.base}/api/v1/decision-lists/${list.id}/pdf`);
  assert.equal(printed.status(), 200, await printed.text());
  assert.equal(printed.headers()['content-type'], 'application/pdf');
  assert.equal((await printed.body()).subarray(0, 5).toString(), '%PDF-');
  const decidedRows = head.locator('tbody tr');
  assert.equal(await decidedRows.nth(0).locator('td.outcome').innerText(), 'Approved');
  assert.equal(await decidedRows.nth(2).locator('td.outcome').innerText(), 'Rejected');
  assert.match(await decidedRows.nth(2).locator('td').nth(5).innerText(), /The requirements are not met \(10\)/);
  // The head does not record.
  assert.equal(await head.getByRole('button', { name: 'Record the decisions on every case' }).count(), 0);
  await checkPage(head, 'list-decided-en');

  // The specialist records the decisions on every case.
  await specialist.reload();
  await specialist.getByRole('button', { name: 'Record the decisions on every case' }).click();
  await specialist.getByText('The decisions were recorded on every case.').waitFor();
  assert.equal(await specialist.locator('#list-status').innerText(), 'Recorded');
  assert.match(await specialist.locator('dl.facts').innerText(), /Recorded on the cases\s+Гүлнар Асанқызы Бекова, /);
  await checkPage(specialist, 'list-recorded-en');

  // The index filtered by status finds it among the recorded.
  await specialist.goto(`${env.base}/lists`);
  await specialist.getByLabel('Status').selectOption('recorded');
  await specialist.locator('tbody tr', { hasText: list.number }).locator('td', { hasText: 'Recorded' }).waitFor();
  await specialist.getByLabel('Status').selectOption('open');
  await specialist.getByText('No list has this status.').waitFor();

  // The cases went on, or ended refused with the ground the head cited.
  for (const kase of cases.slice(0, 2)) {
    const now = await ok('employers', 'GET', `/api/v1/cases/${kase.id}`);
    assert.equal(now.status, 'open');
    assert.equal(now.tasks.find((x) => x.step === 'enter_decision').outcome, 'approved');
    assert.ok(now.tasks.some((x) => x.step === 'follow_up' && x.open), `case ${kase.number} at 3.2`);
  }
  const refused = await ok('employers', 'GET', `/api/v1/cases/${cases[2].id}`);
  assert.equal(refused.status, 'refused');
  assert.equal(refused.result.kind, 'refusal');
  assert.deepEqual(refused.result.grounds.map((g) => g.code), ['requirements_not_met']);
  assert.equal(refused.tasks.find((x) => x.step === 'enter_decision').completed_by, 'employers');
});

test('an application left undecided, and one withdrawn after listing, are named beside their rows', async () => {
  const cases = [];
  for (const a of APPLICANTS.slice(0, 2)) {
    const filed = await ok('clerk', 'POST', '/api/v1/cases', {
      process: CODE, channel: 'office', applicant: { bin: a.bin }, documents: [],
    }, 201);
    await work(filed.id, 'employers', 'sent');
    cases.push(await ok('employers', 'GET', `/api/v1/cases/${filed.id}`));
  }
  const list = (await ok('employers', 'GET', '/api/v1/decision-lists?status=open')).items.find((l) => l.process === CODE);
  await ok('employers', 'POST', `/api/v1/decision-lists/${list.id}/submit`);
  // The employer withdraws the second application: the case's own outcome, not the list's.
  await work(cases[1].id, 'employers', 'withdrawn');

  const head = await pageAs(env, 'head', { viaApi: true, lang: 'en' });
  await head.goto(`${env.base}/lists/${list.id}`);
  const form = head.locator('form.list-decision');
  await form.waitFor();
  const rowOf = (kase) => form.locator(`tr[data-case="${kase.number}"]`);
  assert.match(await rowOf(cases[1]).locator('td').nth(1).innerText(), /No longer awaits the decision/);

  // Nothing chosen for the first: "no decision" beside it, and the focus on its choices.
  await form.getByRole('group', { name: `Decision on ${cases[1].number}` }).getByRole('radio', { name: 'Approved' }).check();
  await form.getByRole('button', { name: 'Take the decision on the whole list' }).click();
  const first = rowOf(cases[0]).locator('.field-error');
  await first.waitFor();
  assert.equal(await first.innerText(), `Case ${cases[0].number} has no decision`);
  assert.equal(await rowOf(cases[1]).locator('.field-error').isVisible(), false);
  assert.equal(await head.evaluate(() => document.activeElement?.getAttribute('type')), 'radio');
  assert.equal(await rowOf(cases[0]).getByRole('radio', { name: 'Approved' }).getAttribute('aria-invalid'), 'true');

  // Both chosen: the withdrawn case stops the decision (409), named beside its row; the first
  // row's error is gone and nothing is decided.
  await rowOf(cases[0]).getByRole('radio', { name: 'Approved' }).check();
  await form.getByRole('button', { name: 'Take the decision on the whole list' }).click();
  const second = rowOf(cases[1]).locator('.field-error');
  await second.waitFor();
  assert.equal(await second.innerText(), `Case ${cases[1].number} is no longer at step 3.1`);
  assert.equal(await first.isVisible(), false);
  assert.match(await head.locator('#decision-summary').innerText(), /Applications to correct: 1/);
  assert.equal((await ok('head', 'GET', `/api/v1/decision-lists/${list.id}`)).status, 'submitted');
  await checkPage(head, 'list-decide-stale-en');

  // The withdrawn application taken off, the rest of the list is decided.
  await head.getByRole('button', { name: 'Take off the applications that no longer await the decision' }).click();
  await head.getByText('The applications that no longer await the decision were taken off the list.').waitFor();
  const rest = head.locator('form.list-decision');
  assert.equal(await rest.locator(`tr[data-case="${cases[1].number}"]`).count(), 0);
  await rest.locator(`tr[data-case="${cases[0].number}"]`).getByRole('radio', { name: 'Approved' }).check();
  await rest.getByRole('button', { name: 'Take the decision on the whole list' }).click();
  await head.locator('#list-status', { hasText: 'Decided' }).waitFor();
  const decided = await ok('head', 'GET', `/api/v1/decision-lists/${list.id}`);
  assert.deepEqual(decided.items.map((i) => [i.case_id, i.outcome]), [[cases[0].id, 'approved']]);
});
