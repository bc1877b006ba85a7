// Who acts for whom in the browser: the employer's director adds a drafter from the cabinet (the
// one-time password shown once), the drafter sees that they prepare and may not send; a head
// makes the executor acting head for today, and the executor sees the delegation. axe-core on
// each new page, screenshots under build/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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
  tmp = mkdtempSync(path.join(os.tmpdir(), 'jumys-browser-acting-'));
  mkdirSync(shots, { recursive: true });
  server = spawn(
    binary,
    ['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${tmp}/jumys.db`, '--demo',
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
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${name}`,
  );
  assert.deepEqual(page.problems, [], `console on ${name}`);
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page, login, password = 'demo') {
  await page.goto(`${base}/login`);
  await page.locator('#lang').selectOption('en');
  await page.getByLabel('Login').fill(login);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').first().click();
  await page.locator('#sign-out').waitFor();
}

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
  await drafter.waitForURL(`${base}/account`);
  await drafter.getByLabel('Current password').fill(password);
  await drafter.getByLabel('New password', { exact: true }).fill('aigul-passphrase-1');
  await drafter.getByLabel('New password again').fill('aigul-passphrase-1');
  await drafter.getByRole('button', { name: 'Change password' }).click();
  await drafter.getByRole('link', { name: 'My cabinet' }).waitFor();
  await drafter.goto(`${base}/cabinet`);
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
  await row.getByText(`${today} — ${today}`).waitFor();
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
