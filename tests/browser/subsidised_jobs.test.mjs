// P2 from the employer's cabinet (docs/SUBSIDISED_JOBS.md): the requisites and the application
// drawn from the definition, a mistyped IBAN caught in the browser, the draft saved on the
// server and filled in again, the check at submission naming each reason (in kk/ru/en, with
// the figures) before any signature, then signed with the employer's key file and sent: the
// case stands at 2.2 and the draft is gone. axe-core and a screenshot at each stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, errorOf, kzDate, pageAs } from './support.mjs';
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
  assert.equal((await demo.ok('employer', 'GET', '/api/v1/cases')).items.length, 0, 'nothing filed');

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
  const cases = (await demo.ok('employer', 'GET', '/api/v1/cases')).items;
  assert.equal(cases.length, 1);
  const kase = await demo.ok('employer', 'GET', `/api/v1/cases/${cases[0].id}`);
  assert.deepEqual(kase.tasks.filter((t) => t.open).map((t) => t.step), ['check_application']);
  assert.equal((await demo.api('employer', 'GET', '/api/v1/drafts/subsidised-jobs')).status, 404, 'the draft went with the filing');
  await page.context().close();
});
