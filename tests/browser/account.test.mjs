// My account in Debian's Chromium: a password change, a TOTP second factor set up with a code
// computed here, sign out everywhere, and the forced change after an administrator's reset
// (no other page opens until it is done). axe-core on each page; screenshots under
// build/screenshots/account*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import {
  checkPage, demoServerAndBrowser, openPage, signInWithPassword,
} from './support.mjs';

const env = demoServerAndBrowser('jumys-account-');
const newPage = () => openPage(env.browser);

const signIn = (page, login, password = 'demo') => signInWithPassword(page, env.base, login, password);

// RFC 6238 with SHA-1, 30 s, 6 digits, as an authenticator app computes it.
function totp(secret, at = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/\s/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function api(method, route, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${env.base}${route}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: await res.json() };
}

test('my account: change the password, set up a second factor, sign out everywhere', async () => {
  const page = await newPage();
  await signIn(page, 'executor', 'demo');
  await page.getByRole('link', { name: 'My account' }).click();
  await checkPage(page, 'account');
  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password', { exact: true }).fill('executor-passphrase');
  await page.getByLabel('New password again').fill('executor-passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('is not your current password').waitFor();
  await page.getByLabel('Current password').fill('demo');
  await page.getByLabel('New password', { exact: true }).fill('executor-passphrase');
  await page.getByLabel('New password again').fill('executor-passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Password changed.').waitFor();

  await page.getByRole('button', { name: 'Set up a second factor' }).click();
  const secret = (await page.locator('#totp-secret').textContent()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await checkPage(page, 'account-totp');
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByText('The second factor is on').waitFor();

  // The next sign-in needs a code: without one it is refused like a wrong password.
  const other = await newPage();
  await other.goto(`${env.base}/login`);
  await other.locator('#lang').selectOption('en');
  await other.getByLabel('Login').fill('executor');
  await other.locator('input[name=password]').fill('executor-passphrase');
  await other.locator('form button[type=submit]').first().click();
  await other.getByText('Wrong login or password.').waitFor();
  await other.locator('input[name=password]').fill('executor-passphrase');
  await other.getByLabel('Authenticator code').fill(totp(secret, Date.now() / 1000 + 30));
  await other.locator('form button[type=submit]').first().click();
  await other.locator('#sign-out').waitFor();

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  await other.reload();
  await other.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  await page.context().close();
  await other.context().close();
});

test('a reset password opens only My account until it is changed', async () => {
  const admin = (await api('POST', '/api/v1/auth/login', { login: 'admin', password: 'demo' })).body.token;
  const reset = await api('POST', '/api/v1/users/clerk/password-reset', null, admin);
  assert.equal(reset.status, 200);
  const page = await newPage();
  await signIn(page, 'clerk', reset.body.one_time_password);
  await page.waitForURL(`${env.base}/account`);
  await page.getByText('Your password was reset by an administrator').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Intake' }).count(), 0);
  await checkPage(page, 'account-forced-change');
  await page.goto(`${env.base}/intake`);
  await page.waitForURL(`${env.base}/account`);
  await page.getByLabel('Current password').fill(reset.body.one_time_password);
  await page.getByLabel('New password', { exact: true }).fill('clerk-passphrase-1');
  await page.getByLabel('New password again').fill('clerk-passphrase-1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('link', { name: 'Intake' }).waitFor();
  await page.context().close();
});
