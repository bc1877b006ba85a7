// A wrongly issued result annulled or replaced on the case page (docs/ANNULMENT.md): the head of
// the case's office annuls an intake refusal (English), and replaces a signed referral with a
// corrected employer, signing the replacement with the key file (Russian); a clerk sees the
// states but no form. axe-core on each, screenshots under build/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { checkPage, demoServerAndBrowser, openPage } from './support.mjs';
import { demoApi } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-browser-annul-');
const newPage = () => openPage(env.browser);
const CITY_IIN = '851102400347';

async function signIn(page, login, lang = 'en') {
  await page.goto(`${env.base}/login`);
  await page.locator('#lang').selectOption(lang);
  await page.getByLabel(lang === 'en' ? 'Login' : 'Логин').fill(login);
  await page.locator('input[name=password]').fill('demo');
  await page.locator('form button[type=submit]').first().click();
  await page.locator('#sign-out').waitFor();
}

const { ok, work } = demoApi(env);

test('the head annuls an intake refusal with the reason', async () => {
  const kase = await ok('clerk', 'POST', '/api/v1/cases', {
    process: 'job-seeker-registration', channel: 'office', applicant: { iin: CITY_IIN }, documents: [{ type: 'application' }],
  }, 201);
  const page = await newPage();
  await signIn(page, 'head');
  await page.goto(`${env.base}/cases/${kase.id}`);
  const section = page.locator('section.issued');
  await section.locator('.state-valid').waitFor();
  await section.getByText('Annul or replace…').click();
  await checkPage(page, 'case-annul-form-en');
  await section.getByRole('button', { name: 'Annul' }).click();
  await section.getByText('Give the reason.').waitFor();
  await section.getByLabel('Reason').fill('The identity document was in the file after all.');
  await section.getByRole('button', { name: 'Annul' }).click();
  await page.locator('section.issued .state-annulled').waitFor();
  await page.getByText('Reason: The identity document was in the file after all.').waitFor();
  assert.equal(await page.getByText('Annul or replace…').count(), 0, 'nothing left to annul');
  await checkPage(page, 'case-annulled-en');
  await page.context().close();

  // Anyone checking the code reads that it is annulled, and why.
  const listed = await ok('clerk', 'GET', `/api/v1/cases/${kase.id}`);
  const verify = await newPage();
  await verify.goto(`${env.base}/verify/${listed.issued_documents[0].verification_code}`);
  await verify.getByText('Annulled (not valid)').waitFor();
  await verify.getByText('The identity document was in the file after all.').first().waitFor();
  await verify.context().close();
});

test('the head replaces a signed referral with the corrected employer, in Russian', async () => {
  let kase = await ok('clerk', 'POST', '/api/v1/cases', {
    process: 'active-measures-referral', channel: 'office', applicant: { iin: CITY_IIN },
    documents: [{ type: 'application' }, { type: 'identity_document', valid_until: '2031-05-01' }],
  }, 201);
  kase = await work(kase.id, 'clerk', 'accepted');
  kase = await work(kase.id, 'head', 'assigned', { assignee: 'executor' });
  kase = await work(kase.id, 'executor', 'refer_employment', {
    employer_name: '«Қате Атау» ЖШС', position: 'Жұмысшы', valid_until: '2031-12-31',
  });
  const keyFile = path.join(env.tmp, 'dev-ca', 'head.p12');
  const page = await newPage();
  await signIn(page, 'head', 'ru');
  await page.goto(`${env.base}/cases/${kase.id}`);
  const task = page.locator('form.task-form');
  await task.locator('input[name=key-file]').setInputFiles(keyFile);
  await task.locator('input[name=key-password]').fill('demo');
  await task.locator('button[type=submit]').click();
  // Signing in the browser is slow on a loaded machine.
  await page.locator('p.notice[role=status]').waitFor({ timeout: 60_000 });

  const section = page.locator('section.issued');
  await section.locator('.state-valid').first().waitFor();
  await section.getByText('Аннулировать или заменить…').first().click();
  const form = section.locator('form.annul-form').first();
  await form.getByText('Заменить исправленным документом').click();
  await form.getByLabel('Работодатель').fill('«Дұрыс Атау» ЖШС');
  await form.getByLabel('Причина').fill('Наименование работодателя указано с ошибкой.');
  await form.locator('input[name=key-file]').setInputFiles(keyFile);
  await form.locator('input[name=key-password]').fill('demo');
  await form.locator('input[name=key-password]').blur();
  await form.getByText('Владелец ключа:').waitFor();
  await checkPage(page, 'case-replace-form-ru');
  await form.getByRole('button', { name: 'Подписать и заменить' }).click();
  // Signing in the browser is slow on a loaded machine.
  await page.locator('section.issued .state-replaced').waitFor({ timeout: 60_000 });
  await page.getByText('Новый документ:').waitFor();
  await checkPage(page, 'case-replaced-ru');
  await page.context().close();

  const annulments = await ok('clerk', 'GET', `/api/v1/cases/${kase.id}/annulments`);
  assert.equal(annulments.items.length, 1);
  assert.equal(annulments.items[0].action, 'replace');
  const states = annulments.documents.map((d) => d.state).sort();
  assert.deepEqual(states, ['replaced', 'valid']);
  const corrected = annulments.documents.find((d) => d.state === 'valid');
  assert.equal(corrected.signed, true, 'the replacement carries the head\'s EDS');
  assert.equal(corrected.staff_fields.find((f) => f.name === 'employer_name').value, '«Дұрыс Атау» ЖШС');

  // A clerk of the office sees the states, but no form.
  const clerk = await newPage();
  await signIn(clerk, 'clerk');
  await clerk.goto(`${env.base}/cases/${kase.id}`);
  await clerk.locator('section.issued .state-replaced').waitFor();
  assert.equal(await clerk.getByText('Annul or replace…').count(), 0);
  await checkPage(clerk, 'case-issued-clerk-en');
  await clerk.context().close();
});
