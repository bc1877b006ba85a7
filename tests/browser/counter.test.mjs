// The counter as a clerk lives it (docs/COUNTER.md): Enter in a field never files (checked
// through the API: no case exists), an incomplete set is shown with the refusal it brings
// before anything is filed, a person's open case of the service is shown before filing, the
// coupon says what the applicant needs and prints on one A4 page, an ended session gives the
// entries back, and the clicks of an S1 case at the counter stay under their ceiling.
// Each test registers its own people (fresh IINs): S1 allows one open case per person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { checkPage, demoServerAndBrowser, openPage, pageAs, shots } from './support.mjs';
import { demoApi } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-counter-');
const { ok, work } = demoApi(env);
const S1 = 'job-seeker-registration';
const clerkName = 'Әлия Серікқызы Жұмабаева'; // the demo clerk (src/services/demo/demo_data.cpp)

// A valid IIN from its first 11 digits (src/core/identifiers.h AppendCheckDigit): the
// weighted sum mod 11, with the second weights when the first give 10.
function withCheckDigit(first11) {
  const digits = [...first11].map(Number);
  let c = digits.reduce((s, d, i) => s + d * (i + 1), 0) % 11;
  if (c === 10) c = digits.reduce((s, d, i) => s + d * (((i + 2) % 11) + 1), 0) % 11;
  return c === 10 ? null : first11 + c;
}
let serial = 0;
// A fresh IIN of a man born 12.03.1995 (century digit 3), each one new.
function freshIin() {
  for (;;) {
    serial += 1;
    const iin = withCheckDigit(`9503123${String(4000 + serial).padStart(4, '0')}`);
    if (iin) return iin;
  }
}
async function registeredPerson(surname = 'Сейітов', given = 'Нұрлан') {
  const iin = freshIin();
  await ok('clerk', 'POST', '/api/v1/people', { iin, surname, given_name: given }, 201);
  return iin;
}
const casesOf = async (iin) => (await ok('clerk', 'GET', `/api/v1/cases?iin=${iin}`)).items;

// Counts what the clerk does, by the rules of docs/COUNTER.md: a click on a button, link,
// checkbox or into a field is one click; a choice from a list is two (open it, pick); a key
// pressed is a key press; a value typed is a typed entry (and a click, unless the focus is
// already in the field).
function counter(page) {
  const c = { clicks: 0, keys: 0, entries: 0 };
  const focused = (loc) => loc.evaluate((el) => el === document.activeElement);
  return {
    c,
    click: async (loc) => { c.clicks += 1; await loc.click(); },
    check: async (loc) => { c.clicks += 1; await loc.check(); },
    choose: async (loc, value) => { c.clicks += 2; await loc.selectOption(value); },
    type: async (loc, text) => {
      if (!(await focused(loc))) c.clicks += 1;
      c.entries += 1;
      await loc.fill(text);
    },
    press: async (loc, key) => { c.keys += 1; await loc.press(key); },
    page,
  };
}

async function signIn(page, login = 'clerk') {
  await page.goto(`${env.base}/login`);
  await page.locator('#lang').selectOption('en');
  await page.getByLabel('Login').fill(login);
  await page.locator('input[name=password]').fill('demo');
  await page.locator('form button[type=submit]').first().click();
  await page.locator('#sign-out').waitFor();
}
async function openIntake(page) {
  await page.goto(`${env.base}/intake`);
  await page.locator('#page-title', { hasText: 'Intake' }).waitFor();
  await page.getByLabel('Service').selectOption(S1);
}
const activeName = (page) => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.id ?? '');
// A moment for anything Enter might have sent to reach the server.
const settle = (page) => page.waitForTimeout(400);

test('Enter in a field files nothing; an incomplete set is confirmed before its refusal', async () => {
  const page = await openPage(env.browser);
  await signIn(page);
  await openIntake(page);
  const iin = freshIin();
  const iinField = page.getByLabel("Applicant's IIN");

  // Enter in the IIN looks the person up: new here, so the registration opens, focused.
  await iinField.fill(iin);
  await iinField.press('Enter');
  await page.locator('fieldset.register').waitFor();
  assert.equal(await activeName(page), 'surname', 'the focus is on the new person\'s first field');
  await settle(page);
  assert.deepEqual(await casesOf(iin), [], 'Enter in the IIN');

  // Enter in a name field registers the person (once both names are there), nothing more.
  await page.getByLabel('Surname').fill('Әбенов');
  await page.getByLabel('Surname').press('Enter');
  await page.getByText('Enter the surname and the given name.').waitFor();
  await page.getByLabel('Given name').fill('Ерлан');
  await page.getByLabel('Given name').press('Enter');
  await page.locator('#applicant-found', { hasText: 'Registered: Әбенов Ерлан' }).waitFor();
  assert.equal(await activeName(page), 'applicant-found', 'the focus is on the registered name');
  await settle(page);
  assert.deepEqual(await casesOf(iin), [], 'Enter in a name field');
  await ok('clerk', 'GET', `/api/v1/people/${iin}`);

  // Enter on a checkbox and in a date field does nothing.
  const application = page.getByLabel(/^Application/);
  await application.check();
  await application.press('Enter');
  const until = page.locator('input[data-doc=identity_document]');
  await until.fill('2031-05-01');
  await until.press('Enter');
  await iinField.press('Enter'); // looks up again: found now
  await page.locator('#applicant-found', { hasText: 'Found: Әбенов Ерлан' }).waitFor();
  await settle(page);
  assert.deepEqual(await casesOf(iin), [], 'Enter in a checkbox and a date field');

  // The identity document is not ticked: filing shows what is missing and asks.
  await page.getByRole('button', { name: 'Register the application' }).click();
  const warning = page.locator('#incomplete');
  await warning.waitFor();
  assert.match(await warning.textContent(), /Identity document: not received/);
  assert.match(await warning.textContent(), /refused at once and a numbered refusal/);
  await checkPage(page, 'counter-incomplete-warning');
  await settle(page);
  assert.deepEqual(await casesOf(iin), [], 'while the warning shows');

  // Cancel: nothing filed, the focus on the document to fix.
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await warning.count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.value), 'identity_document');
  assert.deepEqual(await casesOf(iin), [], 'after Cancel');

  // Ticked but out of date: the warning names the date.
  await page.getByLabel(/Identity document/).check();
  await until.fill('2020-01-31');
  await page.getByRole('button', { name: 'Register the application' }).click();
  await warning.waitFor();
  assert.match(await warning.textContent(), /Identity document: expired on 31\.01\.2020/);
  assert.deepEqual(await casesOf(iin), [], 'the expired document, before confirming');

  // Confirmed: the case is filed and refused, with its numbered refusal to accept.
  await page.getByRole('button', { name: 'File anyway — a refusal will be issued' }).click();
  await page.locator('#coupon-number').waitFor();
  const cases = await casesOf(iin);
  assert.equal(cases.length, 1);
  assert.equal(cases[0].status, 'refused');
  const kase = await ok('clerk', 'GET', `/api/v1/cases/${cases[0].id}`);
  assert.equal(kase.result.kind, 'acceptance_refusal');
  assert.ok(kase.result.number, 'the refusal has its number');
  assert.deepEqual(kase.result.expired, ['identity_document']);
  await page.getByText('The application was not accepted').waitFor();
  assert.equal(await page.locator('#coupon-refusal').textContent(), kase.result.number);
  assert.equal(await page.locator('#coupon-due').count(), 0, 'no result to wait for');
  await checkPage(page, 'counter-refused-coupon');
  await page.context().close();
});

test('a person with an open case of the service is shown it, with its link, before filing', async () => {
  const iin = await registeredPerson('Омаров', 'Бауыржан');
  const first = await ok('clerk', 'POST', '/api/v1/cases', {
    process: S1, channel: 'office', applicant: { iin },
    documents: [{ type: 'application' }, { type: 'identity_document', valid_until: '2031-01-01' }],
  }, 201);
  const page = await openPage(env.browser);
  await signIn(page);
  await openIntake(page);
  await page.getByLabel("Applicant's IIN").fill(iin);
  await page.getByRole('button', { name: 'Find the applicant' }).click();
  const warning = page.locator('#open-cases');
  await warning.waitFor();
  assert.match(await warning.textContent(), /already has an open case of “Registration of job seekers”/);
  const caseLink = warning.getByRole('link', { name: first.number });
  assert.equal(await caseLink.getAttribute('href'), `/cases/${first.id}`);
  await checkPage(page, 'counter-open-case-warning');
  assert.equal((await casesOf(iin)).length, 1, 'nothing filed by finding the person');
  // Another service: no such warning.
  await page.getByLabel('Service').selectOption('unemployed-registration');
  await page.getByLabel("Applicant's IIN").fill(iin);
  await page.getByRole('button', { name: 'Find the applicant' }).click();
  await page.locator('#applicant-found').waitFor();
  await settle(page);
  assert.equal(await warning.count(), 0);
  await page.context().close();
});

test('an S1 case at the counter: its clicks, and a coupon that prints on one A4 page', async () => {
  const iin = await registeredPerson('Тұрсынов', 'Бақыт');
  const page = await openPage(env.browser);
  await signIn(page);
  await page.goto(`${env.base}/queue`);
  await page.locator('#page-title').waitFor();
  const u = counter(page);
  await u.click(page.getByRole('link', { name: 'Intake' }));
  await page.locator('#page-title', { hasText: 'Intake' }).waitFor();
  await u.choose(page.getByLabel('Service'), S1);
  await u.type(page.getByLabel("Applicant's IIN"), iin);
  await u.click(page.getByRole('button', { name: 'Find the applicant' }));
  await page.locator('#applicant-found', { hasText: 'Found: Тұрсынов Бақыт' }).waitFor();
  assert.equal(await activeName(page), 'applicant-found', 'the focus is on the found name');
  await u.check(page.getByLabel(/^Application/));
  await u.check(page.getByLabel(/Identity document/));
  await u.type(page.locator('input[data-doc=identity_document]'), '2031-05-01');
  await u.click(page.getByRole('button', { name: 'Register the application' }));
  await page.locator('#coupon-number').waitFor();
  console.log(`S1 at the counter: ${u.c.clicks} clicks, ${u.c.keys} key presses, ${u.c.entries} typed entries`);
  // Goal of issue 16: at most 18; the counter's walk takes 9 (docs/COUNTER.md).
  assert.ok(u.c.clicks <= 9, `clicks ${u.c.clicks}`);
  assert.equal(u.c.keys, 0);
  assert.ok(u.c.entries <= 2, `entries ${u.c.entries}`);

  // The coupon: everything the applicant needs to come back for the result.
  const number = (await page.locator('#coupon-number').textContent()).trim();
  assert.match(number, /^KZO-CITY-\d{4}-\d+$/);
  const kase = (await casesOf(iin))[0];
  assert.equal(kase.number, number);
  assert.equal(await page.locator('#coupon-office').textContent(), await officeName('kzo-city'));
  assert.equal(await page.locator('#coupon-applicant').textContent(), `Тұрсынов Бақыт, IIN ${iin}`);
  assert.deepEqual(
    await page.locator('#coupon-documents li').allTextContents(),
    ['Application', 'Identity document, valid until 01.05.2031'],
  );
  const [y, m, d] = kase.result_due_on.split('-');
  assert.equal(await page.locator('#coupon-due').textContent(), `${d}.${m}.${y}`);
  // The same date format as the due day beside it (docs/CASE_VIEWS.md "Dates").
  assert.match(await page.locator('#coupon-registered').textContent(), /^\d{2}\.\d{2}\.\d{4}\u00a0\d{2}:\d{2}$/);
  assert.doesNotMatch(await page.locator('main').innerText(), /\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4}/, 'no ISO or slashed date on the coupon');
  assert.equal(await page.locator('#coupon-clerk').textContent(), clerkName);
  await checkPage(page, 'counter-coupon');

  // Printed: one A4 page holding the coupon and nothing of the page around it.
  const pdf = path.join(shots, 'counter-coupon.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  const info = execFileSync('pdfinfo', [pdf]).toString();
  assert.match(info, /^Pages:\s+1$/m);
  assert.match(info, /^Page size:.*\(A4\)$/m);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  for (const want of [number, iin, 'Тұрсынов Бақыт', 'valid until 01.05.2031', clerkName, `${d}.${m}.${y}`]) {
    assert.ok(text.includes(want), `the printed coupon holds ${want}`);
  }
  for (const unwanted of ['Sign out', 'Print', 'Open the case', 'Intake of an application']) {
    assert.ok(!text.includes(unwanted), `the printed page has no ${unwanted}`);
  }

  // The next applicant of the queue: the service the clerk filed last comes preselected.
  const nextIin = await registeredPerson('Қасымов', 'Дәулет');
  const v = counter(page);
  await v.click(page.getByRole('link', { name: 'Intake' }));
  await page.locator('#page-title', { hasText: 'Intake' }).waitFor();
  assert.equal(await page.getByLabel('Service').inputValue(), S1);
  await v.type(page.getByLabel("Applicant's IIN"), nextIin);
  await v.click(page.getByRole('button', { name: 'Find the applicant' }));
  await page.locator('#applicant-found', { hasText: 'Found: Қасымов Дәулет' }).waitFor();
  await v.check(page.getByLabel(/^Application/));
  await v.check(page.getByLabel(/Identity document/));
  await v.type(page.locator('input[data-doc=identity_document]'), '2032-02-02');
  await v.click(page.getByRole('button', { name: 'Register the application' }));
  await page.locator('#coupon-number').waitFor();
  console.log(`the next S1 at the counter: ${v.c.clicks} clicks, ${v.c.keys} key presses, ${v.c.entries} typed entries`);
  assert.ok(v.c.clicks <= 7, `clicks ${v.c.clicks}`);
  assert.equal((await casesOf(nextIin))[0].status, 'open');
  await page.context().close();
});

async function officeName(id) {
  const offices = await ok('clerk', 'GET', '/api/v1/offices');
  const name = offices.find((o) => o.id === id).name;
  return name.en || name.ru; // as the page's loc() picks it
}

// The counter in Kazakh and Russian: the incomplete-set warning and the coupon, in the words of
// the page's language and with dates as in every language (docs/CASE_VIEWS.md "Dates").
for (const [lang, words] of [
  ['kk', { title: 'Өтінішті қабылдау', refusal: /бас тарт/i }],
  ['ru', { title: 'Приём заявления', refusal: /отказ/i }],
]) {
  test(`the counter's warning and coupon in ${lang}`, async () => {
    const iin = await registeredPerson('Оспанов', 'Марат');
    const page = await pageAs(env, 'clerk', { viaApi: true, lang });
    await page.goto(`${env.base}/intake`);
    await page.locator('#page-title', { hasText: words.title }).waitFor();
    await page.locator('select[name=process]').selectOption(S1);
    await page.locator('input[name=applicant]').fill(iin);
    await page.locator('#find-applicant').click();
    await page.locator('#applicant-found', { hasText: 'Оспанов Марат' }).waitFor();
    await page.locator('input[name=doc][value=application]').check();
    await page.locator('#file-case').click();
    const warning = page.locator('#incomplete');
    await warning.waitFor();
    assert.match(await warning.innerText(), words.refusal);
    await checkPage(page, `counter-incomplete-warning-${lang}`);
    await page.locator('#file-cancel').click();
    await page.locator('input[name=doc][value=identity_document]').check();
    await page.locator('input[data-doc=identity_document]').fill('2031-05-01');
    await page.locator('#file-case').click();
    await page.locator('#coupon-number').waitFor();
    const coupon = await page.locator('section.coupon').innerText();
    assert.match(coupon, /01\.05\.2031/);
    assert.match(await page.locator('#coupon-registered').textContent(), /^\d{2}\.\d{2}\.\d{4}\u00a0\d{2}:\d{2}$/);
    assert.doesNotMatch(await page.locator('main').innerText(), /\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4}/, 'no ISO or slashed date');
    await checkPage(page, `counter-coupon-${lang}`);
    await page.context().close();
  });
}

test('an ended session keeps the intake for the same user, and the header names the user', async () => {
  const iin = await registeredPerson('Жаңабергенова', 'Гүлнар');
  const page = await openPage(env.browser);
  await signIn(page);
  await openIntake(page);
  await page.getByLabel("Applicant's IIN").fill(iin);
  await page.getByRole('button', { name: 'Find the applicant' }).click();
  await page.locator('#applicant-found').waitFor();
  await page.getByLabel(/^Application/).check();
  await page.getByLabel(/Identity document/).check();
  await page.locator('input[data-doc=identity_document]').fill('2030-12-31');

  // The session ends (its cookie gone) mid-entry: the next request answers 401.
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Register the application' }).click();
  await page.locator('#page-title', { hasText: 'Sign in' }).waitFor();
  assert.match(page.url(), /\/login\?next=%2Fintake$/);
  const kept = await page.evaluate(() => sessionStorage.getItem('jumys.draft:/intake'));
  assert.ok(kept && kept.includes(iin) && kept.includes('"login":"clerk"'));
  assert.ok(!/password/i.test(kept), 'no password is kept');
  assert.deepEqual(await casesOf(iin), []);

  // Signing in again as the same user brings the intake back, filled.
  await page.getByLabel('Login').fill('clerk');
  await page.locator('input[name=password]').fill('demo');
  await page.locator('form button[type=submit]').first().click();
  await page.locator('#page-title', { hasText: 'Intake' }).waitFor();
  await page.getByText('what you had entered is back').waitFor();
  assert.equal(await page.getByLabel('Service').inputValue(), S1);
  assert.equal(await page.getByLabel("Applicant's IIN").inputValue(), iin);
  await page.locator('#applicant-found', { hasText: 'Жаңабергенова Гүлнар' }).waitFor();
  assert.ok(await page.getByLabel(/^Application/).isChecked());
  assert.ok(await page.getByLabel(/Identity document/).isChecked());
  assert.equal(await page.locator('input[data-doc=identity_document]').inputValue(), '2030-12-31');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('jumys.draft:/intake')), null, 'given back once');
  await checkPage(page, 'counter-restored');
  await page.getByRole('button', { name: 'Register the application' }).click();
  await page.locator('#coupon-number').waitFor();
  assert.equal((await casesOf(iin)).length, 1);

  // After a reload the header still names the user by full name (GET /auth/me).
  await page.reload();
  await page.locator('#sign-out').waitFor();
  assert.equal(await page.locator('.top .who').textContent(), `Signed in: ${clerkName} (clerk)`);
  await page.context().close();
});

test('another user signing in on the tab does not get the entries', async () => {
  const page = await openPage(env.browser);
  await signIn(page);
  await openIntake(page);
  const iin = freshIin();
  await page.getByLabel("Applicant's IIN").fill(iin);
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Find the applicant' }).click();
  await page.locator('#page-title', { hasText: 'Sign in' }).waitFor();
  await page.getByLabel('Login').fill('clerk2');
  await page.locator('input[name=password]').fill('demo');
  await page.locator('form button[type=submit]').first().click();
  await page.locator('#sign-out').waitFor();
  await page.goto(`${env.base}/intake`);
  await page.locator('#page-title', { hasText: 'Intake' }).waitFor();
  assert.equal(await page.getByLabel("Applicant's IIN").inputValue(), '');
  await page.context().close();
});

test('the head appoints the only executor of the office with one click', async () => {
  const iin = await registeredPerson('Ибраев', 'Марат');
  const kase = await ok('clerk', 'POST', '/api/v1/cases', {
    process: S1, channel: 'office', applicant: { iin },
    documents: [{ type: 'application' }, { type: 'identity_document', valid_until: '2031-01-01' }],
  }, 201);
  await work(kase.id, 'clerk', 'accepted');
  const staff = await ok('head', 'GET', '/api/v1/offices/kzo-city/staff?role=executor');
  assert.deepEqual(staff.items.map((m) => m.login), ['executor'], 'the city has one executor');
  const page = await openPage(env.browser);
  await signIn(page, 'head');
  await page.goto(`${env.base}/cases/${kase.id}`);
  const select = page.locator('form.task-form select[name=assignee]');
  await select.waitFor();
  assert.equal(await select.inputValue(), 'executor', 'the only executor comes chosen');
  await checkPage(page, 'counter-appoint-preselected');
  await page.locator('form.task-form button[type=submit]').click();
  await page.locator('p.notice[role=status]').waitFor();
  const after = await ok('head', 'GET', `/api/v1/cases/${kase.id}`);
  assert.equal(after.assignees.executor ?? Object.values(after.assignees)[0], 'executor');
  await page.context().close();
});
