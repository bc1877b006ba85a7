// Signing through NCALayer (issue 16, item 7): a stand-in speaking NCALayer's JSON protocol
// over a WebSocket signs with the dev CA's key of the head; the page offers it when it answers,
// the server verifies what it made; an older NCALayer is spoken to through commonUtils; with
// the stand-in stopped the form falls back to the key file. The page's policy allows exactly
// the configured socket.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { demoApi } from './demo_api.mjs';
import { startNcalayerStandin } from './ncalayer_standin.mjs';
import { checkInKkAndRu, checkPage, demoServerAndBrowser, pageAs } from './support.mjs';

// Started first: the server is told its socket. It signs with the key of the server's dev CA.
// Its key is the city head's unless a test signs as another (signer).
let signer = 'head';
const standin = await startNcalayerStandin({ keyFile: () => path.join(env.tmp, 'dev-ca', `${signer}.p12`) });
const env = demoServerAndBrowser('jumys-ncalayer-', ['--ncalayer-url', standin.url]);
after(async () => standin.stop());
const { ok, work, atOffice, atOblast } = demoApi(env);

// Waits for `locator`; a timeout names what the page says instead.
async function shown(page, locator) {
  try {
    await locator.waitFor();
  } catch (e) {
    throw new Error(`${e.message}\npage says: ${await page.locator('main').innerText()}`);
  }
}

// An S1 case of a city person worked up to the head's signing step.
const awaitingSignature = (iin) => atOffice('job-seeker-registration', iin, 'approve');

async function openSigningForm(kase) {
  const page = await pageAs(env, 'head');
  await page.goto(`${env.base}/cases/${kase.id}`);
  const form = page.locator('form.task-form');
  await form.waitFor();
  // The probe has answered one way or the other.
  await form.locator('fieldset.signing:not([data-ncalayer=probing])').waitFor();
  return { page, form };
}

// The sign step is done (the server verified the signature) and the clerk hands over next.
async function expectSigned(kase) {
  const detail = await ok('head', 'GET', `/api/v1/cases/${kase.id}`);
  const sign = detail.tasks.find((t) => t.step === 'sign');
  assert.equal(sign.outcome, 'signed', JSON.stringify(detail.tasks));
  assert.ok(detail.tasks.some((t) => t.step === 'hand_over' && t.open));
  // Handed over, so that the person may be the applicant of another case here.
  await work(kase.id, 'clerk', 'handed_over');
}

test('the page may open exactly the configured NCALayer socket, and is told which', async () => {
  const res = await fetch(`${env.base}/queue`);
  const policy = res.headers.get('content-security-policy');
  assert.match(policy, new RegExp(`connect-src 'self' ${standin.url};`));
  assert.match(await res.text(), new RegExp(`<meta name="jumys-ncalayer" content="${standin.url}">`));
});

test('NCALayer 1.4 answers: the head signs through it and the server verifies the signature', async () => {
  const kase = await awaitingSignature('851102400347');
  const { page, form } = await openSigningForm(kase);
  const signing = form.locator('fieldset.signing');
  assert.equal(await signing.getAttribute('data-ncalayer'), 'present');
  const via = form.getByRole('radio', { name: /Through NCALayer/ });
  assert.ok(await via.isChecked());
  await form.getByText('(version 1.4)').waitFor();
  // The key file's fields step aside while NCALayer signs.
  assert.equal(await form.locator('input[name=key-file]').isVisible(), false);
  await checkPage(page, 'ncalayer-case-form');
  await checkInKkAndRu(page, 'ncalayer-case-form', (p) => p.locator('form.task-form fieldset.signing[data-ncalayer=present]').waitFor());

  const before = standin.requests.length;
  await form.locator('button[type=submit]').click();
  await shown(page, page.locator('p.notice[role=status]'));
  const request = standin.requests[before];
  assert.equal(request.module, 'kz.gov.pki.knca.basics');
  assert.equal(request.method, 'sign');
  assert.equal(request.args.format, 'cms');
  assert.equal(request.args.signingParams.encapsulate, false);
  // What NCALayer signed is the draft itself.
  assert.equal(Buffer.from(request.args.data, 'base64').subarray(0, 5).toString(), '%PDF-');
  await expectSigned(kase);
  await page.context().close();
});

test('an older NCALayer is asked through commonUtils createCAdESFromBase64', async () => {
  standin.setVersion('1.3');
  try {
    const kase = await awaitingSignature('951203400783');
    const { page, form } = await openSigningForm(kase);
    await form.getByText('(version 1.3)').waitFor();
    const before = standin.requests.length;
    await form.locator('button[type=submit]').click();
    await shown(page, page.locator('p.notice[role=status]'));
    const request = standin.requests[before];
    assert.equal(request.module, 'kz.gov.pki.knca.commonUtils');
    assert.equal(request.method, 'createCAdESFromBase64');
    assert.deepEqual([request.args[0], request.args[1], request.args[3]], ['PKCS12', 'SIGNATURE', false]);
    await expectSigned(kase);
    await page.context().close();
  } finally {
    standin.setVersion('1.4');
  }
});

test('the batch page asks NCALayer once for several drafts', async () => {
  const first = await awaitingSignature('780611300895');
  const second = await awaitingSignature('900515300127');
  const page = await pageAs(env, 'head');
  await page.goto(`${env.base}/signing`);
  await page.locator('fieldset.signing[data-ncalayer=present]').waitFor();
  const rows = page.locator('tr[data-task]');
  assert.equal(await rows.count(), 2);
  const before = standin.requests.length;
  await page.getByRole('button', { name: 'Sign the selected drafts' }).click();
  await shown(page, page.locator('#signing-summary', { hasText: '2 of 2 signed.' }));
  assert.equal(standin.requests.length, before + 1, 'one prompt');
  assert.equal(standin.requests[before].args.data.length, 2);
  await checkPage(page, 'ncalayer-signing-batch');
  await expectSigned(first);
  await expectSigned(second);
  await page.context().close();
});

// S4c for the demo employer's valid demo permit, at the oblast office up to the head's 6.5,
// which signs the decision notice and the permit.
async function s4cAwaitingSignature() {
  const kase = await atOblast('foreign-labour-permit-extension', { permit_number: 'KZO-OBLAST-DEMO-P1', term_months: 6 });
  await work(kase.id, 'oblast-clerk', 'accepted');
  await work(kase.id, 'oblast-head', 'extend');
  await work(kase.id, 'oblast-executor', 'prepared');
  return kase;
}

test('the case page asks NCALayer once for a step that signs two documents (S4c 6.5)', async () => {
  const kase = await s4cAwaitingSignature();
  signer = 'oblast-head';
  try {
    const page = await pageAs(env, 'oblast-head');
    await page.goto(`${env.base}/cases/${kase.id}`);
    const form = page.locator('form.task-form');
    await form.locator('fieldset.signing[data-ncalayer=present]').waitFor();
    await form.locator('ul.drafts a[data-kind=permit]').waitFor();
    assert.equal(await form.locator('ul.drafts a').count(), 2);
    const before = standin.requests.length;
    await form.locator('button[type=submit]').click();
    await shown(page, page.locator('p.notice[role=status]'));
    assert.equal(standin.requests.length, before + 1, 'one NCALayer request (one prompt) for both documents');
    const { data } = standin.requests[before].args;
    assert.equal(data.length, 2);
    for (const d of data) assert.equal(Buffer.from(d, 'base64').subarray(0, 5).toString(), '%PDF-');
    // The server verified both signatures: the step is done and the notice goes out next.
    const detail = await ok('oblast-head', 'GET', `/api/v1/cases/${kase.id}`);
    assert.equal(detail.tasks.find((t) => t.step === 'sign').outcome, 'signed');
    assert.ok(detail.tasks.some((t) => t.step === 'send_notice' && t.open));
    await page.context().close();
  } finally {
    signer = 'head';
  }
});

test('with NCALayer stopped the form falls back to the key file', async () => {
  const kase = await awaitingSignature('851102400347');
  await standin.stop();
  const { page, form } = await openSigningForm(kase);
  assert.equal(await form.locator('fieldset.signing').getAttribute('data-ncalayer'), 'absent');
  assert.equal(await form.locator('fieldset.signing').getByRole('radio').count(), 0);
  await form.locator('input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'head.p12'));
  await form.locator('input[name=key-password]').fill('demo');
  await checkPage(page, 'ncalayer-fallback-key-file');
  await form.locator('button[type=submit]').click();
  await shown(page, page.locator('p.notice[role=status]'));
  await expectSigned(kase);
  await page.context().close();
});
