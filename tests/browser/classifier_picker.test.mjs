// The classifier picker (docs/REFERENCE_DATA.md "The picker") in real forms of an S4a
// application, whose occupation (NKZ) and region (KATO) are classifier fields: the oblast
// clerk's intake and the employer's cabinet. Typing searches by name, in another language than
// the page's too; the arrow keys move through the options (aria-activedescendant), Enter
// chooses, Escape closes, a search that finds nothing says so; a form put back after the
// session ended shows each code with its name again; the codes are what is filed, and a code
// the classifier lacks is refused beside its field. axe-core with the list open, in kk, ru and
// en; screenshots build/screenshots/classifier-picker*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, openPage, signInWithPassword } from './support.mjs';

const env = demoServerAndBrowser('jumys-browser-picker-');
const BIN = '080540001238'; // the demo employer

const picker = (page, name) => page.locator(`.combobox:has(input[type=hidden][name=${name}]) input[role=combobox]`);

async function openS4aIntake(page) {
  await page.goto(`${env.base}/intake`);
  await page.locator('select[name=process]').selectOption('foreign-labour-permit');
  await picker(page, 'occupation').waitFor();
}

// The option the combobox names as active, by its text.
async function activeOption(page, box) {
  const id = await box.getAttribute('aria-activedescendant');
  if (!id) return null;
  const option = page.locator(`[id="${id}"]`);
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  return (await option.innerText()).trim();
}

test('an S4a intake: occupation and region chosen with the keyboard, put back with their names', async () => {
  const page = await openPage(env.browser);
  await signInWithPassword(page, env.base, 'oblast-clerk');
  await openS4aIntake(page);
  await page.locator('input[name=applicant]').fill(BIN);
  await page.locator('#find-applicant').click();
  await page.locator('#applicant-found').waitFor();
  for (const box of await page.locator('input[name=doc]').all()) await box.check();
  await page.locator('input[name=category]').fill('3');
  await page.locator('input[name=workers]').fill('2');
  await page.locator('input[name=term_months]').fill('12');

  // The combobox pattern's attributes, before anything is typed.
  const occupation = page.getByRole('combobox', { name: 'Occupation (NKZ code)' });
  assert.equal(await occupation.getAttribute('aria-expanded'), 'false');
  assert.equal(await occupation.getAttribute('aria-autocomplete'), 'list');
  const listId = await occupation.getAttribute('aria-controls');
  const list = page.locator(`[id="${listId}"]`);
  assert.equal(await list.getAttribute('role'), 'listbox');

  // A Russian word on an English page: the search reads every language's names.
  await occupation.pressSequentially('проф');
  await list.getByRole('option').first().waitFor();
  assert.equal(await occupation.getAttribute('aria-expanded'), 'true');
  const options = (await list.getByRole('option').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(options, ['2 — Professionals', '3 — Technicians and associate professionals']);
  await page.locator('.combobox-status', { hasText: '2 found' }).waitFor();
  assert.equal(await activeOption(page, occupation), null, 'typing makes no option active');
  await occupation.press('ArrowDown');
  assert.equal(await activeOption(page, occupation), '2 — Professionals');
  await occupation.press('ArrowDown');
  assert.equal(await activeOption(page, occupation), '3 — Technicians and associate professionals');
  await occupation.press('ArrowDown');
  assert.equal(await activeOption(page, occupation), '2 — Professionals', 'wraps round to the first');
  await occupation.press('ArrowUp');
  assert.equal(await activeOption(page, occupation), '3 — Technicians and associate professionals');
  await occupation.press('ArrowUp');
  await checkPage(page, 'classifier-picker-open');
  await occupation.press('Enter');
  assert.equal(await occupation.inputValue(), '2 — Professionals');
  assert.equal(await occupation.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('input[type=hidden][name=occupation]').inputValue(), '2');

  // Nothing found is said, not shown as an empty list; Escape closes the list, keeping the text.
  const region = page.getByRole('combobox', { name: 'Region of work (KATO)' });
  await region.pressSequentially('zzz');
  await page.locator('.combobox-status', { hasText: 'Nothing matches «zzz»' }).waitFor();
  assert.equal(await region.getAttribute('aria-expanded'), 'false');
  await region.fill('');
  await region.pressSequentially('43');
  const regionList = page.locator(`[id="${await region.getAttribute('aria-controls')}"]`);
  await regionList.getByRole('option').nth(2).waitFor();
  await region.press('Escape');
  assert.equal(await region.getAttribute('aria-expanded'), 'false');
  assert.equal(await region.inputValue(), '43');
  await region.press('ArrowDown'); // opens again, on the first option
  await regionList.getByRole('option').first().waitFor();
  await page.waitForFunction((el) => !!el.getAttribute('aria-activedescendant'), await region.elementHandle());
  assert.equal(await activeOption(page, region), '430000000 — Kyzylorda Region');
  await region.press('ArrowDown');
  assert.equal(await activeOption(page, region), '431010000 — Kyzylorda city');
  await region.press('Enter');
  assert.equal(await region.inputValue(), '431010000 — Kyzylorda city');

  // The session ends mid-entry; signing in again puts the form back, each code with its name.
  await page.context().clearCookies();
  await page.locator('#file-case').click();
  await page.locator('#page-title', { hasText: 'Sign in' }).waitFor();
  await page.getByLabel('Login').fill('oblast-clerk');
  await page.locator('input[name=password]').fill('demo');
  await page.locator('form button[type=submit]').first().click();
  await page.getByText('what you had entered is back').waitFor();
  const again = page.getByRole('combobox', { name: 'Occupation (NKZ code)' });
  await page.waitForFunction((el) => el.value === '2 — Professionals', await again.elementHandle());
  await page.waitForFunction(
    (el) => el.value === '431010000 — Kyzylorda city',
    await page.getByRole('combobox', { name: 'Region of work (KATO)' }).elementHandle(),
  );
  await checkPage(page, 'classifier-picker-restored');
  assert.equal(await page.locator('input[type=hidden][name=occupation]').inputValue(), '2');
  assert.equal(await page.locator('input[type=hidden][name=region]').inputValue(), '431010000');
  await page.context().close();
});

// The employer's application in the cabinet, signed with its EDS key.
async function cabinetApplication() {
  const page = await openPage(env.browser);
  await signInWithPassword(page, env.base, 'employer');
  await page.getByRole('link', { name: 'Permit for employers to attract foreign labour' }).click();
  await page.locator('#page-title', { hasText: 'Application' }).waitFor();
  // Two oblast departments in the demo (Kyzylorda, North Kazakhstan): the applicant chooses.
  await page.getByLabel('Office to apply to').selectOption('kzo-oblast');
  await page.getByLabel('Worker category (1-4)').fill('3');
  await page.getByLabel('Number of workers').fill('2');
  await page.getByLabel('Term, months').fill('12');
  return page;
}

// Consent and the EDS key, once the fields are filled (as app.test.mjs does).
async function signWithKey(page) {
  await page.getByLabel(/I consent/).check();
  await page.locator('input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'employer.p12'));
  await page.locator('input[name=key-password]').fill('demo');
}

test('the cabinet files the codes chosen, not the words shown', async () => {
  const page = await cabinetApplication();
  const occupation = page.getByRole('combobox', { name: 'Occupation (NKZ code)' });
  await occupation.pressSequentially('professionals');
  const list = page.locator(`[id="${await occupation.getAttribute('aria-controls')}"]`);
  await list.getByRole('option').nth(1).waitFor();
  await occupation.press('ArrowDown');
  assert.equal(await activeOption(page, occupation), '2 — Professionals');
  await occupation.press('Enter');
  const region = page.getByRole('combobox', { name: 'Region of work (KATO)' });
  await region.pressSequentially('city');
  const regionList = page.locator(`[id="${await region.getAttribute('aria-controls')}"]`);
  await regionList.getByRole('option').first().waitFor();
  assert.deepEqual((await regionList.getByRole('option').allInnerTexts()).map((x) => x.trim()), [
    '431010000 — Kyzylorda city',
    '591010000 — Petropavl city',
  ]);
  await region.press('ArrowDown');
  await region.press('Enter');
  assert.equal(await region.inputValue(), '431010000 — Kyzylorda city');
  await signWithKey(page);
  await page.getByRole('button', { name: 'Sign and send' }).click();
  await page.locator('#page-title', { hasText: /Case KZO-OBLAST-/ }).waitFor();
  const id = new URL(page.url()).pathname.split('/').pop();
  const kase = await (await page.request.get(`${env.base}/api/v1/cases/${id}`)).json();
  assert.equal(kase.data.occupation, '2');
  assert.equal(kase.data.region, '431010000');
  await page.context().close();
});

test('a code the classifier does not hold is refused beside its field', async () => {
  const page = await cabinetApplication();
  // Typed outright, not chosen: the server looks the code up.
  const occupation = page.getByRole('combobox', { name: 'Occupation (NKZ code)' });
  await occupation.fill('2142');
  await page.locator('.combobox-status', { hasText: 'Nothing matches «2142»' }).waitFor();
  await page.getByRole('combobox', { name: 'Region of work (KATO)' }).fill('431010000');
  await signWithKey(page);
  await page.getByRole('button', { name: 'Sign and send' }).click();
  const error = page.locator(`[id="${await occupation.getAttribute('id')}-error"]`);
  await error.filter({ hasText: "'2142' is not a code of nkz" }).waitFor();
  assert.equal(await occupation.getAttribute('aria-invalid'), 'true');
  await page.waitForFunction((el) => document.activeElement === el, await occupation.elementHandle());
  await checkPage(page, 'classifier-picker-unknown');
  await page.context().close();
});

test('the picker in Kazakh and Russian: names in the page\'s language, axe-core clean', async () => {
  const page = await openPage(env.browser);
  await signInWithPassword(page, env.base, 'oblast-clerk');
  await openS4aIntake(page);
  const names = { kk: '2 — Кәсіпқой мамандар', ru: '2 — Специалисты-профессионалы', en: '2 — Professionals' };
  await checkInKkAndRu(page, 'classifier-picker', async (p) => {
    const lang = await p.evaluate(() => document.documentElement.lang);
    await p.locator('select[name=process]').selectOption('foreign-labour-permit');
    const box = picker(p, 'occupation');
    await box.pressSequentially('2');
    const list = p.locator(`[id="${await box.getAttribute('aria-controls')}"]`);
    await list.getByRole('option').first().waitFor();
    await box.press('ArrowDown');
    assert.equal(await activeOption(p, box), names[lang]);
  });
  await page.context().close();
});
