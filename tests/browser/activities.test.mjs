// Programme activities in the browser (docs/ACTIVITIES.md): the employment-assistance specialist
// records a P1 consultation on /activities (a day after today and a bad IIN are refused beside
// their fields, in the page's language), the row appears and filters by kind; another centre's
// staff see none, the oblast department sees the city's with its office. axe-core on each page,
// screenshots build/screenshots/activities-*.png, the specialist's page in kk, ru and en.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, errorOf, kzDate, pageAs } from './support.mjs';
import { demoApi } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-browser-activities-');
const { ok } = demoApi(env);
const signedIn = (login) => pageAs(env, login, { viaApi: true });
const day = (iso) => iso.split('-').reverse().join('.');

test('the specialist records a consultation; refusals show beside their fields', async () => {
  // An outreach among employers the city recorded earlier, for the filter.
  await ok('employers', 'POST', '/api/v1/activities', {
    programme: 'voluntary-relocation', kind: 'outreach', ref: '1.1', audience: 'employers',
    held_on: kzDate(-3), place: 'Кәсіпкерлер палатасы / Палата предпринимателей', participants: 14,
    employers: ['080540001238'],
  }, 201);

  const page = await signedIn('employment');
  await page.goto(`${env.base}/`);
  await page.getByRole('link', { name: 'Activities' }).click();
  await page.locator('#page-title', { hasText: 'Programme activities' }).waitFor();
  await page.getByRole('row', { name: /Outreach/ }).waitFor();

  const form = page.getByRole('form', { name: 'Record an activity' });
  await form.getByLabel('Item of the regulation').selectOption('4.2');
  await form.getByText('Kind of activity: Consultation').waitFor();
  // Only the audiences item 4.2 is held for.
  assert.deepEqual(await form.getByLabel('Audience').locator('option').allTextContents(), ['Job seekers']);
  const heldOn = form.getByLabel('Held on');
  await heldOn.fill(day(kzDate(1)));
  await form.getByLabel('Place').fill('Қызылорда, Әйтеке би к-сі, 27');
  await form.getByLabel('Participants').fill('9');
  const persons = form.getByLabel('IINs of the people who took part');
  await persons.fill('851102400347\n851102400348');
  await checkPage(page, 'activities-form');
  await form.getByRole('button', { name: 'Record' }).click();
  await (await errorOf(page, heldOn)).getByText('must not be in the future').waitFor();
  await (await errorOf(page, persons)).waitFor();
  assert.equal(await heldOn.getAttribute('aria-invalid'), 'true');
  assert.equal(await persons.getAttribute('aria-invalid'), 'true');
  await checkPage(page, 'activities-refused');

  await heldOn.fill(day(kzDate(0)));
  await persons.fill('851102400347');
  await form.getByRole('button', { name: 'Record' }).click();
  await page.getByText(/The activity is recorded: 4\.2/).waitFor();
  const row = page.getByRole('row', { name: /Consultation/ });
  await row.getByRole('cell', { name: 'Job seekers', exact: true }).waitFor();
  await row.getByRole('cell', { name: '9', exact: true }).waitFor();
  await checkPage(page, 'activities');
  await checkInKkAndRu(page, 'activities', (p) => p.locator('table.grid').waitFor());

  // The filter by kind keeps the outreach only.
  const filters = page.getByRole('search', { name: 'Filter the activities' });
  await filters.getByLabel('Kind').selectOption('outreach');
  await filters.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/kind=outreach/);
  await page.getByRole('row', { name: /Outreach/ }).waitFor();
  assert.equal(await page.getByRole('row', { name: /Consultation/ }).count(), 0);
  await page.context().close();
});

test('another centre sees none of them; the oblast department sees the city centre\'s', async () => {
  const aral = await signedIn('head2');
  await aral.goto(`${env.base}/activities`);
  await aral.locator('#page-title', { hasText: 'Programme activities' }).waitFor();
  await aral.getByText('No activities.').waitFor();
  await aral.context().close();

  const oblast = await signedIn('oblast-head');
  await oblast.goto(`${env.base}/activities`);
  await oblast.locator('#page-title', { hasText: 'Programme activities' }).waitFor();
  const row = oblast.getByRole('row', { name: /Outreach/ });
  await row.getByText('kzo-city').waitFor();
  await checkPage(oblast, 'activities-oblast');
  await oblast.context().close();
});
