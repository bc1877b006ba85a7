// My account in Debian's Chromium: a password change, a TOTP second factor set up with a code
// computed here, sign out everywhere, and the forced change after an administrator's reset
// (no other page opens until it is done). axe-core on each page; screenshots under
// build/screenshots/account*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const requireWeb = createRequire(path.join(root, 'web/package.json'));
const { chromium } = requireWeb('playwright-core');
const axeSource = readFileSync(requireWeb.resolve('axe-core/axe.min.js'), 'utf8');
const binary = process.env.JUMYS_BIN ?? path.join(root, 'build', 'jumys');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = path.join(root, 'build', 'screenshots');

let tmp;
let server;
let base;
let browser;

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'jumys-account-'));
  mkdirSync(shots, { recursive: true });
  server = spawn(
    binary,
    ['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${tmp}/jumys.db`, '--demo', '--dev-ca', `${tmp}/dev-ca`,
     '--web-root', path.join(root, 'web/dist'), '--no-access-log'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  base = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`no listening line: ${buffered}`)), 30_000);
    const onData = (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.includes('"listening"'));
      if (!line) return;
      clearTimeout(timer);
      resolve(`http://${JSON.parse(line).event.address}`);
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${buffered}`)));
  });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function newPage() {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) page.problems.push(m.text());
  });
  return page;
}

async function checkPage(page, name) {
  await page.locator('#page-title').waitFor();
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${name}`);
  assert.deepEqual(page.problems, [], `console on ${name}`);
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page, login, password) {
  await page.goto(`${base}/login`);
  await page.locator('#lang').selectOption('en');
  await page.getByLabel('Login').fill(login);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').first().click();
  await page.locator('#sign-out').waitFor();
}

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
  const res = await fetch(`${base}${route}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
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
  await other.goto(`${base}/login`);
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
  await page.waitForURL(`${base}/account`);
  await page.getByText('Your password was reset by an administrator').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Intake' }).count(), 0);
  await checkPage(page, 'account-forced-change');
  await page.goto(`${base}/intake`);
  await page.waitForURL(`${base}/account`);
  await page.getByLabel('Current password').fill(reset.body.one_time_password);
  await page.getByLabel('New password', { exact: true }).fill('clerk-passphrase-1');
  await page.getByLabel('New password again').fill('clerk-passphrase-1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('link', { name: 'Intake' }).waitFor();
  await page.context().close();
});
