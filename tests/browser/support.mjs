// What every browser test file shares: the built binary started on a free port with the demo
// data, Debian's Chromium with the flags this offline machine needs, a fresh context per page
// that fails on any CSP violation or script error, and the axe-core check with its screenshot.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const requireWeb = createRequire(path.join(root, 'web/package.json'));
const { chromium } = requireWeb('playwright-core');
const axeSource = readFileSync(requireWeb.resolve('axe-core/axe.min.js'), 'utf8');
const binary = process.env.JUMYS_BIN ?? path.join(root, 'build', 'jumys');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const shots = path.join(root, 'build', 'screenshots');

// Starts the binary on a free port; resolves with the process and its base URL.
export async function startServer(dir, extraArgs = []) {
  const child = spawn(
    binary,
    ['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${dir}/jumys.db`, '--demo',
     '--dev-ca', `${dir}/dev-ca`, '--web-root', path.join(root, 'web/dist'), '--no-access-log', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`no listening line: ${buffered}`)), 30_000);
    const onData = (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.includes('"listening"'));
      if (!line) return;
      clearTimeout(timer);
      resolve(`http://${JSON.parse(line).event.address}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${buffered}`)));
  });
  return { child, url };
}

export async function stopServer(child) {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function launchBrowser() {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// A fresh browser context (its own cookies and storage), failing on any CSP violation or
// script error.
export async function openPage(browser) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) page.problems.push(m.text());
  });
  return page;
}

export async function checkPage(page, name) {
  await page.locator('#page-title').waitFor();
  await page.evaluate(axeSource); // evaluated through DevTools: the page's CSP stays intact
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

// Signs in through the login page's password form, in English or `lang`.
export async function signInWithPassword(page, base, login, password = 'demo', lang = 'en') {
  await page.goto(`${base}/login`);
  await page.locator('#lang').selectOption(lang);
  await page.getByLabel(lang === 'en' ? 'Login' : 'Логин').fill(login);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').first().click(); // not the EDS form
  await page.locator('#sign-out').waitFor();
}

// A fresh page signed in as `login`: through the login page's form, or (`viaApi`) by the API's
// sign-in setting the session cookie, the app then opening in `lang`.
export async function pageAs(env, login, { viaApi = false, lang = 'en' } = {}) {
  const page = await openPage(env.browser);
  if (!viaApi) {
    await signInWithPassword(page, env.base, login);
    return page;
  }
  const res = await page.request.post(`${env.base}/api/v1/auth/login`, { data: { login, password: 'demo' } });
  assert.equal(res.status(), 200, `sign-in of ${login}`);
  await page.addInitScript((l) => localStorage.setItem('jumys.lang', l), lang);
  return page;
}

// The page as it is now, again in Kazakh and Russian (the header's switch draws it anew):
// axe-core and a screenshot `${name}-kk`, `${name}-ru` each; `ready` waits for what the page
// shows once drawn. Back in English after.
export async function checkInKkAndRu(page, name, ready = async () => {}) {
  for (const lang of ['kk', 'ru', 'en']) {
    const before = await page.locator('#page-title').innerText();
    await page.locator('#lang').selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.waitForFunction((t) => document.getElementById('page-title')?.innerText !== t, before);
    await ready(page);
    if (lang !== 'en') await checkPage(page, `${name}-${lang}`);
  }
}

// The file's demo server and browser: started before its tests, stopped after them. Its fields
// (tmp, base, browser) are set once `before` has run.
export function demoServerAndBrowser(prefix, extraArgs = []) {
  const env = { tmp: '', base: '', browser: null, server: null };
  before(async () => {
    env.tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
    ({ child: env.server, url: env.base } = await startServer(env.tmp, extraArgs));
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await stopServer(env.server);
    if (env.tmp) rmSync(env.tmp, { recursive: true, force: true });
  });
  return env;
}

// Kazakhstan's date, as the server counts not_past.
export function kzDate(offsetDays = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Qyzylorda' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

// The error tied to a control by aria-describedby (its last id).
export function errorOf(page, control) {
  return control.getAttribute('aria-describedby').then((ids) => page.locator(`[id="${ids.split(' ').pop()}"]`));
}
