// The vacancy bank in the browser: the employer-interaction specialist's list opens on the stale
// vacancies to confirm; the specialist enters a draft for an employer (a bad code shown beside
// its field), with a must-have requirement, and publishes it; the employer enters its own,
// schedules it and confirms a published one. axe-core on each page, screenshots in kk/ru/en
// under build/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, openPage, signInWithPassword } from './support.mjs';

const env = demoServerAndBrowser('jumys-browser-vacancies-');
const newPage = () => openPage(env.browser);
const signIn = (page, login) => signInWithPassword(page, env.base, login);

async function publicGet(id) {
  return (await fetch(`${env.base}/api/v1/vacancies/${id}`)).status;
}

test('the specialist confirms a stale vacancy, enters one for an employer and publishes it', async () => {
  const page = await newPage();
  await signIn(page, 'employers');
  await page.getByRole('link', { name: 'Vacancies', exact: true }).click();
  await page.locator('#page-title', { hasText: 'Vacancies' }).waitFor();
  // Their work first: the demo's stale city vacancy.
  await page.getByText('Vacancies to confirm with their employers: 1').waitFor();
  assert.equal(await page.getByLabel('Status').inputValue(), 'stale');
  const stale = page.getByRole('row', { name: /Күзетші/ });
  await stale.getByText('to confirm').waitFor();
  await checkPage(page, 'vacancies-specialist');
  await checkInKkAndRu(page, 'vacancies-specialist', (p) => p.getByRole('row', { name: /Күзетші/ }).waitFor());
  await stale.getByRole('button', { name: 'Confirm: Күзетші / Сторож' }).click();
  await page.getByText('Confirmed and published again: Күзетші / Сторож').waitFor();

  await page.getByRole('link', { name: 'New vacancy' }).click();
  await page.locator('#page-title', { hasText: 'New vacancy' }).waitFor();
  await page.getByLabel("Employer's BIN").fill('150340004568');
  await page.getByLabel('Job title').fill('Электрик / Электрик');
  await page.getByLabel('Occupation (NKZ)').fill('7x');
  await page.getByLabel('Place of work (KATO)').fill('431010000');
  await page.getByLabel('Wage a month, tenge').fill('310000');
  await page.getByLabel('Number of workplaces').fill('2');
  await page.getByLabel('Working time').selectOption('shift');
  await page.getByLabel('Suitable for persons with disabilities').check();
  await page.getByRole('button', { name: 'Add a must-have requirement' }).click();
  const req = page.locator('.requirement').last();
  await req.getByLabel('Kind').selectOption('driving_licence');
  await req.getByLabel('Value').fill('B');
  await page.getByRole('button', { name: 'Save draft' }).click();
  // The server's finding beside the field it names.
  const nkz = page.getByLabel('Occupation (NKZ)');
  await page.locator('.field-error', { hasText: 'an occupation code is 1 to 8 digits' }).waitFor();
  assert.equal(await nkz.getAttribute('aria-invalid'), 'true');
  await checkPage(page, 'vacancy-form-errors');
  // The occupation and the place chosen by name from the classifiers' lists.
  await nkz.fill('craft');
  await page.getByRole('option', { name: '7 — Craft and related trades workers' }).click();
  assert.equal(await nkz.inputValue(), '7 — Craft and related trades workers');
  const kato = page.getByLabel('Place of work (KATO)');
  await kato.fill('Kyzylorda c');
  await page.getByRole('option', { name: '431010000 — Kyzylorda city' }).click();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved: Электрик / Электрик').waitFor();
  const id = /\/vacancies\/(\d+)\/edit$/.exec(page.url())[1];
  assert.equal(await publicGet(id), 404, 'a draft is not public');
  assert.equal(await page.locator('.requirement').count(), 1);
  // The saved draft opens on the codes with their names.
  assert.equal(await nkz.inputValue(), '7 — Craft and related trades workers');
  assert.equal(await kato.inputValue(), '431010000 — Kyzylorda city');
  await checkPage(page, 'vacancy-draft');
  await checkInKkAndRu(page, 'vacancy-draft');
  await page.getByRole('button', { name: 'Publish now' }).click();
  await page.getByText('Published: Электрик / Электрик').waitFor();
  assert.equal(await publicGet(id), 200, 'published: public');
  await page.context().close();
});

test('the employer enters its own vacancy, schedules it and confirms a published one', async () => {
  const page = await newPage();
  await signIn(page, 'employer');
  await page.getByRole('link', { name: 'Vacancies', exact: true }).click();
  await page.locator('#page-title', { hasText: 'Our vacancies' }).waitFor();
  assert.equal(await page.getByRole('row', { name: /Сыр|Күзетші/ }).count(), 0, 'only its own');
  await page.getByRole('link', { name: 'New vacancy' }).click();
  await page.locator('#page-title', { hasText: 'New vacancy' }).waitFor();
  assert.equal(await page.getByLabel("Employer's BIN").count(), 0, 'its own BIN counts');
  await page.getByLabel('Job title').fill('Балық аулаушы / Рыбак');
  await page.getByLabel('Occupation (NKZ)').fill('6');
  await page.getByLabel('Place of work (KATO)').fill('433200000');
  await page.getByLabel('Wage a month, tenge').fill('abc');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Enter the wage in tenge, with at most two decimals.').waitFor();
  await page.getByLabel('Wage a month, tenge').fill('275000,50');
  await page.getByRole('button', { name: 'Add a nice-to-have requirement' }).click();
  await page.locator('.requirement').last().getByLabel('Kind').selectOption('language');
  await page.locator('.requirement').last().getByLabel('Value').fill('kk');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved: Балық аулаушы / Рыбак').waitFor();
  // The day and time typed as the app writes them, on the office's clock (Kyzylorda), not the
  // browser's: 09:00 entered is 09:00 shown. A time on a 12-hour clock is refused in words.
  const tomorrow = new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('.');
  await page.getByLabel('Publication date').fill(tomorrow);
  await page.getByLabel('Time of publication').fill('9 PM');
  await page.getByRole('button', { name: 'Schedule publication' }).click();
  await page.getByText('Enter a time as hours:minutes on the 24-hour clock, e.g. 09:00.').waitFor();
  assert.equal(await page.getByLabel('Time of publication').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Time of publication').fill('09:00');
  await page.getByRole('button', { name: 'Schedule publication' }).click();
  await page.getByText('Scheduled for publication: Балық аулаушы / Рыбак').waitFor();
  const row = page.getByRole('row', { name: /Балық аулаушы/ });
  await row.getByText('scheduled').waitFor();
  await row.getByText(`publishes ${tomorrow}\u00a009:00`).waitFor();
  // The wage keeps its sign on its line in a narrow column.
  assert.equal(await row.getByRole('cell').nth(2).textContent(), '275\u00a0000,50\u00a0₸');
  // The codes in words: the occupation with its code, the place by name.
  await row.getByText(/^6 — .+ · Aral District$/).waitFor();
  // ... in plain type under the bold title.
  assert.equal(await row.locator('th .muted').evaluate((e) => getComputedStyle(e).fontWeight), '400');
  await checkPage(page, 'vacancies-employer');
  await checkInKkAndRu(page, 'vacancies-employer', (p) => p.getByRole('row', { name: /Балық аулаушы/ }).waitFor());
  await page.getByRole('button', { name: 'Confirm: Бухгалтер / Бухгалтер' }).click();
  await page.getByText('Confirmed and published again: Бухгалтер / Бухгалтер').waitFor();
  await page.context().close();
});
