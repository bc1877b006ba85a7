// Who acts for whom in the browser: the employer's director adds a drafter from the cabinet (the
// one-time password shown once), the drafter sees that they prepare and may not send; a head
// makes the executor acting head for today, and the executor sees the delegation. axe-core on
// each new page, screenshots under build/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  checkPage, demoServerAndBrowser, openPage, signInWithPassword,
} from './support.mjs';

const env = demoServerAndBrowser('jumys-browser-acting-');
const newPage = () => openPage(env.browser);

const signIn = (page, login, password = 'demo') => signInWithPassword(page, env.base, login, password);

// The office's calendar date in Kyzylorda (UTC+5).
function kyzylordaToday() {
  return new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
}

test('the director adds a drafter, who prepares but may not send', async () => {
  const page = await newPage();
  await signIn(page, 'employer');
  await page.locator('#page-title', { hasText: 'My cabinet' }).waitFor();
  await page.getByText('You act for the employer as: director.').waitFor();
  await page.getByRole('link', { name: 'Users of the employer' }).click();
  await page.locator('#page-title', { hasText: 'Users of the employer' }).waitFor();
  await page.getByLabel('Login').fill('aigul');
  await page.getByLabel('Full name').fill('Айгүл Серікқызы Омарова');
  await page.getByLabel('IIN of the person').fill('851102400347');
  await page.getByLabel('Capacity').selectOption('drafter');
  await page.getByRole('button', { name: 'Create the account' }).click();
  const password = (await page.locator('.one-time-password code').textContent()).trim();
  assert.match(password, /^[0-9a-f]{16}$/);
  const row = page.getByRole('row', { name: /aigul/ });
  await row.getByText('drafter').waitFor();
  assert.equal(await row.getByText('851102400347').count(), 0, 'the IIN is masked');
  await checkPage(page, 'employer-users');
  await page.context().close();

  const drafter = await newPage();
  await signIn(drafter, 'aigul', password);
  // The one-time password opens only My account until the drafter chooses their own.
  await drafter.waitForURL(`${env.base}/account`);
  await drafter.getByLabel('Current password').fill(password);
  await drafter.getByLabel('New password', { exact: true }).fill('aigul-passphrase-1');
  await drafter.getByLabel('New password again').fill('aigul-passphrase-1');
  await drafter.getByRole('button', { name: 'Change password' }).click();
  await drafter.getByRole('link', { name: 'My cabinet' }).waitFor();
  await drafter.goto(`${env.base}/cabinet`);
  await drafter.getByText('You act for the employer as: drafter.').waitFor();
  await drafter.getByText('You prepare applications; the director or a signatory signs and sends them.').waitFor();
  assert.equal(await drafter.getByRole('link', { name: 'Users of the employer' }).count(), 0);
  await checkPage(drafter, 'cabinet-drafter');
  await drafter.context().close();
});

test('a head makes the executor acting head for today', async () => {
  const page = await newPage();
  await signIn(page, 'head');
  await page.getByRole('link', { name: 'Acting heads' }).click();
  await page.locator('#page-title', { hasText: 'Acting heads' }).waitFor();
  await page.getByText('No delegations.').waitFor();
  const today = kyzylordaToday();
  await page.getByLabel('Acting', { exact: true }).selectOption('executor');
  await page.getByLabel('From').fill(today);
  await page.getByLabel('To (included)').fill(today);
  await page.getByRole('button', { name: 'Delegate', exact: true }).click();
  await page.locator('p.notice[role=status]').waitFor();
  const row = page.getByRole('row', { name: /Динара/ });
  await row.getByText('in force').waitFor();
  // The period as every date reads (docs/CASE_VIEWS.md "Dates").
  const day = today.split('-').reverse().join('.');
  await row.getByText(`${day} — ${day}`).waitFor();
  await checkPage(page, 'delegations-head');
  await page.context().close();

  const executor = await newPage();
  await signIn(executor, 'executor');
  await executor.getByRole('link', { name: 'Acting heads' }).click();
  await executor.getByRole('row', { name: /Динара/ }).getByText('in force').waitFor();
  assert.equal(await executor.getByRole('button', { name: 'Delegate', exact: true }).count(), 0);
  await checkPage(executor, 'delegations-executor');
  await executor.context().close();
});
