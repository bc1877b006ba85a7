// Case views (issue 16 items 3 and 4) in Debian's Chromium against the real server: staff see
// what the applicant asked for (the S4a application's fields in words), the queue names the
// applicant, steps and timeline name staff by full name; the applicant's own case page in the
// cabinet shows status in words, the day the result is due, what was asked, the documents and
// what to collect, and nothing internal; the cabinet preselects the applicant's own office; a
// second open S1 is refused with a link to the first; the queue finds cases by the applicant's
// name in any case. No code-like text (`document.read`, `carried_holiday`) is visible on any of
// these pages. axe-core on each page; screenshots build/screenshots/case-views-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { checkPage, demoServerAndBrowser, openPage, signInWithPassword } from './support.mjs';
import { S4A_DATA, demoApi } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-browser-case-views-');
const { ok, api, work, atOblast } = demoApi(env);
const signIn = (page, login) => signInWithPassword(page, env.base, login);

// Visible text that looks like a code rather than words: dotted or underscored lower-case
// identifiers (`document.read`, `carried_holiday`, `office_clerk`).
async function codeLike(page) {
  const text = await page.locator('main').innerText();
  return [...text.matchAll(/(?<![\w@/.-])[a-z]{2,}(?:[._][a-z]{2,})+(?![\w@/-])/g)].map((m) => m[0]);
}

async function setLang(page, lang) {
  await page.locator('#lang').selectOption(lang);
  await page.locator('html').and(page.locator(`[lang=${lang}]`)).waitFor();
}

let s4a = null;
// S4a for the demo employer at the oblast office, registered by the oblast clerk.
const fileS4a = () => atOblast('foreign-labour-permit', S4A_DATA);

test('staff see the application in words, the applicant by name and staff by full name', async () => {
  s4a = await fileS4a();
  const page = await openPage(env.browser);
  await signIn(page, 'oblast-clerk');
  // The queue: the applicant's name beside the case number.
  const row = page.locator('tr', { hasText: s4a.number });
  await row.waitFor();
  assert.match(await row.locator('td.applicant').innerText(), /Арал Балық/);
  assert.deepEqual(await codeLike(page), [], 'code-like text on the queue');
  await checkPage(page, 'case-views-queue');

  await row.getByRole('link', { name: s4a.number }).click();
  const application = page.locator('section.application');
  await application.waitFor();
  const facts = await application.innerText();
  for (const [label, value] of [
    ['Worker category (1-4)', '3'],
    ['Number of workers', '2'],
    ['Occupation (NKZ code)', '2'],
    ['Region of work (KATO)', '431010000'],
    ['Term, months', '12'],
  ]) {
    assert.match(facts, new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s+${value}`), `${label}: ${facts}`);
  }
  assert.doesNotMatch(facts, /consent/i);
  // Registered by the clerk: the steps and the timeline name her, not her login.
  await work(s4a.id, 'oblast-clerk', 'accepted');
  await page.reload();
  await page.locator('section.application').waitFor();
  const steps = await page.locator('section[aria-labelledby=steps-h]').innerText();
  assert.match(steps, /Жанар Бекқызы Сәрсенова/);
  const timeline = await page.locator('ol.timeline').innerText();
  assert.match(timeline, /Жанар Бекқызы Сәрсенова/);
  assert.doesNotMatch(`${steps}\n${timeline}`, /oblast-clerk/);
  assert.deepEqual(await codeLike(page), [], 'code-like text on the staff case page');
  await checkPage(page, 'case-views-staff-case');
  await page.context().close();
});

test('the applicant sees their case in plain words, without staff, steps or timeline', async () => {
  assert.ok(s4a, 'the S4a case of the first test');
  // What the API gives the applicant: no staff logins, no one else's event data.
  const seen = await ok('employer', 'GET', `/api/v1/cases/${s4a.id}`);
  assert.equal(seen.created_by, undefined);
  assert.equal(seen.assignees, undefined);
  assert.equal(seen.names, undefined);
  for (const t of seen.tasks) assert.equal(t.completed_by, undefined);
  assert.ok(seen.events.length > 0);
  for (const e of seen.events) {
    assert.equal(e.actor, '', `${e.action} names its actor`);
    assert.deepEqual(e.data, {});
  }
  assert.doesNotMatch(JSON.stringify(seen), /oblast-clerk|oblast-head|oblast-executor/);

  const page = await openPage(env.browser);
  await signIn(page, 'employer');
  await setLang(page, 'kk');
  await page.goto(`${env.base}/cases/${s4a.id}`);
  const sentence = page.locator('#status-sentence');
  await sentence.waitFor();
  const due = (await page.locator('#result-due').innerText()).trim();
  assert.match(due, /^\d{2}\.\d{2}\.\d{4}$/);
  assert.match(await sentence.innerText(), new RegExp(due.replace(/\./g, '\\.')));
  const application = await page.locator('section.application').innerText();
  assert.match(application, /431010000/);
  await page.getByRole('heading', { name: 'Алынатын құжаттар' }).waitFor();
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /Жанар|oblast-clerk|6\.2|9\.\d/);
  assert.equal(await page.locator('ol.timeline').count(), 0);
  assert.equal(await page.locator('section[aria-labelledby=steps-h]').count(), 0);
  assert.deepEqual(await codeLike(page), [], 'code-like text on the cabinet case page');
  await checkPage(page, 'case-views-cabinet-case-kk');
  // The cabinet itself in words too.
  await page.goto(`${env.base}/cabinet`);
  await page.locator('ul.my-cases').waitFor();
  assert.deepEqual(await codeLike(page), [], 'code-like text on the cabinet');
  await page.context().close();
});

test('the office is the applicant\'s own, and a second open S1 is refused with a link to the first', async () => {
  const page = await openPage(env.browser);
  await signIn(page, 'seeker');
  await page.goto(`${env.base}/cabinet/apply/job-seeker-registration`);
  const office = page.getByLabel('Office to apply to');
  await office.waitFor();
  // Aral comes first by name; the seeker is registered with the Kyzylorda city centre.
  const names = await office.locator('option').allInnerTexts();
  assert.match(names[0], /choose/);
  assert.ok(names.some((n) => /Aral/.test(n)), names.join(', '));
  assert.equal(await office.inputValue(), 'kzo-city');

  const send = async () => {
    await page.locator('input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'seeker.p12'));
    await page.locator('input[name=key-password]').fill('demo');
    await page.locator('input[name=key-password]').blur();
    // The key is read before it signs: wait for its holder, as the user would.
    await page.getByText('Key holder: НҰРПЕЙІСОВ ЕРЛАН (IIN900515300127)').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Sign and send' }).click();
  };
  await send();
  await page.locator('#page-title', { hasText: /Case KZO-CITY-/ }).waitFor({ timeout: 60_000 });
  const first = (await page.locator('#page-title').innerText()).replace('Case ', '').trim();
  const firstUrl = page.url();

  await page.goto(`${env.base}/cabinet/apply/job-seeker-registration`);
  await page.getByLabel('Office to apply to').waitFor();
  await send();
  const refusal = page.locator('.error[role=alert]', { hasText: first });
  await refusal.waitFor({ timeout: 60_000 }); // signing in the browser is slow on a busy machine
  assert.match(await refusal.innerText(), /already has an open case/);
  await checkPage(page, 'case-views-one-open-case');
  await refusal.getByRole('link', { name: `Open case ${first}` }).click();
  await page.locator('#page-title', { hasText: first }).waitFor();
  assert.equal(page.url(), firstUrl);
  await page.context().close();
});

test('the queue finds cases by the applicant\'s name, Kazakh letters in any case', async () => {
  const kase = await ok('clerk', 'POST', '/api/v1/cases', {
    process: 'active-measures-referral', channel: 'office', applicant: { iin: '780611300895' },
    documents: [{ type: 'application' }, { type: 'identity_document', valid_until: '2031-01-01' }],
  }, 201);
  // The API: upper-case Kazakh letters find the lower-case ones, the words in any order.
  const found = await ok('clerk', 'GET', `/api/v1/cases?name=${encodeURIComponent('БАҚЫТ тұрсынов')}`);
  assert.deepEqual(found.items.map((c) => c.number), [kase.number]);
  const none = await ok('clerk', 'GET', `/api/v1/cases?name=${encodeURIComponent('Тұрсынова')}`);
  assert.equal(none.items.length, 0);
  // Another office's clerk does not see the city's case by name either.
  assert.equal((await ok('clerk2', 'GET', `/api/v1/cases?name=${encodeURIComponent('тұрсынов')}`)).items.length, 0);
  assert.equal((await api('clerk', 'GET', `/api/v1/cases?name=${'x'.repeat(101)}`)).status, 400);

  const page = await openPage(env.browser);
  await signIn(page, 'clerk');
  await page.getByLabel('Case number, IIN, BIN or name').fill('тұрсынов бақыт');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('search').getByRole('link', { name: kase.number }).waitFor();
  assert.deepEqual(await codeLike(page), [], 'code-like text on the queue with results');
  await checkPage(page, 'case-views-queue-search');
  await page.context().close();
});
