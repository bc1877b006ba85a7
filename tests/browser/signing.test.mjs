// Batch signing (issue 16, item 6): the head ticks three drafts on /signing, opens the key file
// once, and each draft is signed and verified on its own; one that was meanwhile signed
// elsewhere fails in its row while the other two are signed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { demoApi } from './demo_api.mjs';
import { checkInKkAndRu, checkPage, demoServerAndBrowser, pageAs } from './support.mjs';

// No NCALayer answers here (the default socket): the key file signs.
const env = demoServerAndBrowser('jumys-signing-');
const { ok, work, atOffice } = demoApi(env);

// An S1 case of a city person worked up to the head's signing step.
const awaitingSignature = (iin) => atOffice('job-seeker-registration', iin, 'approve');

async function signTask(caseId) {
  const detail = await ok('head', 'GET', `/api/v1/cases/${caseId}`);
  return detail.tasks.find((t) => t.step === 'sign');
}

test('the signing page is offered to the head, not to the clerk', async () => {
  const head = await pageAs(env, 'head');
  await head.getByRole('navigation').getByRole('link', { name: 'Signing' }).waitFor();
  const clerk = await pageAs(env, 'clerk');
  assert.equal(await clerk.getByRole('navigation').getByRole('link', { name: 'Signing' }).count(), 0);
  await head.context().close();
  await clerk.context().close();
});

test('three drafts in one sitting: one key-file unlock, each verified, a failure stays in its row', async () => {
  const cases = [];
  for (const iin of ['851102400347', '951203400783', '780611300895']) cases.push(await awaitingSignature(iin));
  const page = await pageAs(env, 'head');
  await page.getByRole('navigation').getByRole('link', { name: 'Signing' }).click();
  await page.locator('#page-title', { hasText: 'Drafts awaiting your signature' }).waitFor();
  await page.locator('fieldset.signing[data-ncalayer=absent]').waitFor();
  const rows = page.locator('tr[data-task]');
  assert.equal(await rows.count(), 3);
  for (const kase of cases) await page.getByRole('link', { name: kase.number }).waitFor();
  await checkPage(page, 'signing-batch');
  await checkInKkAndRu(page, 'signing-batch', (p) => p.locator('fieldset.signing[data-ncalayer=absent]').waitFor());

  // The middle one is signed elsewhere meanwhile: its task is no longer open here.
  await work(cases[1].id, 'head', 'signed');
  await page.locator('input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'head.p12'));
  await page.locator('input[name=key-password]').fill('demo');
  await page.getByRole('button', { name: 'Sign the selected drafts' }).click();
  await page.locator('#signing-summary', { hasText: '2 of 3 signed.' }).waitFor();

  const stateOf = async (kase) => {
    const row = page.locator('tr[data-task]').filter({ has: page.getByRole('link', { name: kase.number }) });
    return { state: await row.locator('td.state').getAttribute('data-state'), text: await row.locator('td.state').innerText() };
  };
  assert.deepEqual((await stateOf(cases[0])).state, 'signed');
  assert.deepEqual((await stateOf(cases[2])).state, 'signed');
  const failed = await stateOf(cases[1]);
  assert.equal(failed.state, 'failed');
  assert.match(failed.text, /^Not signed: ./);
  await checkPage(page, 'signing-batch-done');

  // The server took each signature on its own, from the head.
  for (const kase of [cases[0], cases[2]]) {
    const task = await signTask(kase.id);
    assert.equal(task.outcome, 'signed');
    assert.equal(task.completed_by, 'head');
  }
  assert.deepEqual((await ok('head', 'GET', '/api/v1/signing')).items, []);
  await page.context().close();
});

test('a wrong password stops the batch before anything is sent', async () => {
  const kase = await awaitingSignature('900515300127');
  const page = await pageAs(env, 'head');
  await page.goto(`${env.base}/signing`);
  await page.locator('fieldset.signing[data-ncalayer=absent]').waitFor();
  await page.locator('input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'head.p12'));
  await page.locator('input[name=key-password]').fill('wrong');
  await page.getByRole('button', { name: 'Sign the selected drafts' }).click();
  await page.getByText('The key password is wrong.').waitFor();
  assert.equal(await page.locator('input[name=key-password]').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('td.state').getAttribute('data-state'), 'waiting');
  assert.equal((await signTask(kase.id)).open, true);
  await page.context().close();
});
