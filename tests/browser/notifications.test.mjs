// Notifications in Debian's Chromium against the real server: the inbox and its unread badge
// for the demo applicant, the contact form checking, saving and showing the server's refusal
// beside its field, the delivery log for the demo admin with a failed SMS sent again, and the
// employer's badge after the S4 decision notice. The server sends SMS to a stand-in gateway
// here that refuses every number (HTTP 422), so SMS end as permanent failures. axe-core on each
// page; screenshots in kk, ru and en under build/screenshots/notifications-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import {
  checkPage, launchBrowser, openPage, signInWithPassword, startServer, stopServer,
} from './support.mjs';
import { S4A_DATA, demoApi, waitFor } from './demo_api.mjs';

const env = { tmp: '', base: '', browser: null, server: null };
// What the stand-in SMS gateway was asked: each POST's Idempotency-Key and body.
const smsRequests = [];
let gateway = null;

before(async () => {
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      smsRequests.push({ key: req.headers['idempotency-key'], body: JSON.parse(body || '{}') });
      res.writeHead(422, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'number not served' }));
    });
  });
  await new Promise((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  env.tmp = mkdtempSync(path.join(os.tmpdir(), 'jumys-browser-notify-'));
  process.env.JUMYS_SMS_KEY = 'stand-in-key';
  ({ child: env.server, url: env.base } = await startServer(env.tmp, [
    '--sms-url', `http://127.0.0.1:${gateway.address().port}/messages`, '--dispatch-ms', '200',
  ]));
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await stopServer(env.server);
  await new Promise((resolve) => (gateway ? gateway.close(resolve) : resolve()));
  if (env.tmp) rmSync(env.tmp, { recursive: true, force: true });
});

const newPage = () => openPage(env.browser);
const signIn = (page, login) => signInWithPassword(page, env.base, login);

const { ok, work, fileFromCabinet, atOblast } = demoApi(env);

// S4 for the demo employer, filed at the oblast office and worked through the commission to
// the signed decision notice, sent to the employer (decision_notice).
async function s4ToDecisionNotice() {
  const kase = await atOblast('foreign-labour-permit', S4A_DATA);
  await work(kase.id, 'oblast-clerk', 'accepted');
  await work(kase.id, 'oblast-head', 'assigned', { assignee: 'oblast-executor' });
  await work(kase.id, 'oblast-executor', 'submitted');
  await ok('member', 'POST', `/api/v1/commission/agenda/${kase.id}/votes`, { vote: 'grant' });
  await work(kase.id, 'commission', 'recommend_grant');
  await work(kase.id, 'oblast-executor', 'grant');
  await work(kase.id, 'oblast-head', 'signed');
  await work(kase.id, 'oblast-executor', 'notified');
  return kase;
}

const inboxLink = (page) => page.locator('#inbox-link');

async function setLang(page, lang) {
  await page.locator('#lang').selectOption(lang);
  await page.locator('html').and(page.locator(`[lang=${lang}]`)).waitFor();
}

// --- the tests -----------------------------------------------------------------------------

test('the inbox and its badge for the demo applicant, in kk, ru and en', async () => {
  // The messages of the seeker's demo P1 relocation case (services/demo/demo_programmes.h)
  // read beforehand, so that the badge counts this case's alone.
  await ok('seeker', 'POST', '/api/v1/inbox/read-all', undefined, 204);
  // The seeker's S1 from the cabinet, registered at the office: "application accepted".
  const kase = await fileFromCabinet('job-seeker-registration');
  await work(kase.id, 'clerk', 'accepted');

  const page = await newPage();
  await signIn(page, 'seeker');
  await page.locator('#page-title', { hasText: 'My cabinet' }).waitFor();
  // The count is in the link's accessible name; the badge shows the number alone.
  await page.getByRole('link', { name: 'Inbox, 1 unread' }).waitFor();
  assert.equal((await inboxLink(page).locator('.count').textContent()).trim(), '1');
  assert.equal(await inboxLink(page).locator('.count').getAttribute('aria-hidden'), 'true');

  // The result signed and sent to the cabinet meanwhile: the next navigation shows it.
  await work(kase.id, 'head', 'assigned', { assignee: 'executor' });
  await work(kase.id, 'executor', 'approve');
  await work(kase.id, 'head', 'signed');
  await page.getByRole('link', { name: 'My cabinet' }).click();
  await page.getByRole('link', { name: 'Inbox, 2 unread' }).waitFor();

  await inboxLink(page).click();
  await page.locator('#page-title', { hasText: 'Inbox' }).waitFor();
  const messages = page.locator('ol.inbox > li', { hasText: kase.number });
  assert.equal(await messages.count(), 2);
  // Newest first: the result (linking to its verification page), then the acceptance (to the
  // case). Unread ones say "New" in words, not only by colour. The texts are in the recipient's
  // language, Kazakh until they choose another.
  const [result, accepted] = [messages.nth(0), messages.nth(1)];
  assert.match(await result.locator('h2').textContent(), new RegExp(`^New.*${kase.number}$`));
  assert.match(await accepted.locator('h2').textContent(), new RegExp(`^New.*${kase.number}$`));
  assert.match(await result.getByRole('link', { name: 'Check the document' }).getAttribute('href'), /^\/verify\//);
  assert.equal(await accepted.getByRole('link', { name: 'Open the case' }).getAttribute('href'), `/cases/${kase.id}`);
  assert.match(await result.locator('time').getAttribute('datetime'), /^\d{4}-\d\d-\d\dT/);
  await page.getByText('Unread messages: 2.').waitFor();
  await checkPage(page, 'notifications-inbox-en');

  // Marked read by its button: the badge and the summary follow; the message stays, without "New".
  await accepted.getByRole('button', { name: /^Mark as read: / }).click();
  await page.getByRole('link', { name: 'Inbox, 1 unread' }).waitFor();
  await page.getByText('Unread messages: 1.').waitFor();
  assert.equal(await accepted.locator('.tag').count(), 0);
  assert.equal(await accepted.getByRole('button').count(), 0);

  for (const [lang, name, title] of [
    ['kk', 'Хабарламалар, 1 оқылмаған', 'Хабарламалар'],
    ['ru', 'Уведомления, 1 непрочитанное', 'Уведомления'],
  ]) {
    await setLang(page, lang);
    await page.locator('#page-title', { hasText: title }).waitFor();
    await page.getByRole('link', { name }).waitFor();
    await checkPage(page, `notifications-inbox-${lang}`);
  }
  await setLang(page, 'en');
  await page.locator('#page-title', { hasText: 'Inbox' }).waitFor();

  // Opening a message's link marks it read: the verification page, the server's own.
  await messages.nth(0).getByRole('link', { name: 'Check the document' }).click();
  await page.waitForURL(/\/verify\//);
  assert.equal((await ok('seeker', 'GET', '/api/v1/inbox?limit=1')).unread, 0);
  await page.goto(`${env.base}/inbox`);
  await page.getByText('All messages are read.').waitFor();
  await page.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
  assert.equal(await inboxLink(page).locator('.count').count(), 0);
  assert.equal(await page.locator('ol.inbox .tag').count(), 0);
  await page.context().close();
});

test('an account with no messages sees the empty inbox', async () => {
  const page = await newPage();
  await signIn(page, 'unit-head');
  await inboxLink(page).click();
  await page.getByText('No messages yet.', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
  await checkPage(page, 'notifications-inbox-empty');
  await page.context().close();
});

test('contact details in the cabinet: checked in the browser, refused by the server beside the field, saved', async () => {
  const page = await newPage();
  await signIn(page, 'seeker');
  const form = page.locator('form.contacts');
  await form.getByRole('heading', { name: 'Contact details and notifications' }).waitFor();
  await form.getByText('Messages always reach your Inbox').waitFor();
  // Off by default.
  assert.equal(await form.getByLabel('Send them by e-mail').isChecked(), false);
  assert.equal(await form.getByLabel('Send them by SMS').isChecked(), false);

  // The browser's own check: a phone not +7 and 10 digits, said beside the field.
  const phone = form.getByLabel('Mobile phone');
  await phone.fill('8 701 123 45 67');
  await form.getByRole('button', { name: 'Save' }).click();
  const phoneError = form.locator(`#${await phone.getAttribute('id')}-error`);
  await phoneError.filter({ hasText: 'Enter the phone as +7 and 10 digits' }).waitFor();
  assert.equal(await phone.getAttribute('aria-invalid'), 'true');
  assert.match(await phone.getAttribute('aria-describedby'), new RegExp(`${await phone.getAttribute('id')}-error`));
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'phone');

  // An address of the right shape that the server does not take (not ASCII): its refusal, in
  // the server's words, lands beside the e-mail field.
  await phone.fill('+7 701 123 45 67');
  const email = form.getByLabel('E-mail', { exact: true });
  await email.fill('сәуле@mail.kz');
  await form.getByLabel('Send them by e-mail').check();
  await form.getByRole('button', { name: 'Save' }).click();
  const emailError = form.locator(`#${await email.getAttribute('id')}-error`);
  await emailError.filter({ hasText: 'Not an e-mail address' }).waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.equal(await phone.getAttribute('aria-invalid'), null, 'the phone is fine now');
  assert.equal(await phoneError.isHidden(), true);
  await form.getByText('Correct the fields marked').waitFor();
  await checkPage(page, 'notifications-contacts-server-error');

  await email.fill('saule@mail.kz');
  await form.getByLabel('Language of messages').selectOption('ru');
  await form.getByLabel('Send them by SMS').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText('Contact details saved.').waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), null);
  assert.deepEqual(await ok('seeker', 'GET', '/api/v1/me/contacts'), {
    email: 'saule@mail.kz', phone: '+77011234567', language: 'ru', email_opt_in: true, sms_opt_in: true,
  });
  await checkPage(page, 'notifications-contacts-saved-en');

  // Kept: drawn again from the server, in each language.
  for (const [lang, heading] of [['kk', 'Байланыс деректері және хабарламалар'], ['ru', 'Контакты и уведомления']]) {
    await setLang(page, lang);
    await page.getByRole('heading', { name: heading }).waitFor();
    assert.equal(await page.locator('form.contacts input[name=phone]').inputValue(), '+77011234567');
    await checkPage(page, `notifications-contacts-${lang}`);
  }
  await page.context().close();

  // Staff keep an e-mail for alerts on My account; they have no phone here.
  const staff = await newPage();
  await signIn(staff, 'executor');
  await staff.getByRole('link', { name: 'My account' }).click();
  const staffForm = staff.locator('form.contacts');
  await staffForm.getByText('E-mail is sent only if you switch it on').waitFor();
  assert.equal(await staffForm.getByLabel('Mobile phone').count(), 0);
  assert.equal(await staffForm.getByLabel('Send them by SMS').count(), 0);
  await staffForm.getByLabel('E-mail', { exact: true }).fill('executor@kzo.enbek.kz');
  await staffForm.getByLabel('Send them by e-mail').check();
  await staffForm.getByRole('button', { name: 'Save' }).click();
  await staffForm.getByText('Contact details saved.').waitFor();
  await checkPage(staff, 'notifications-contacts-staff');
  assert.equal((await ok('executor', 'GET', '/api/v1/me/contacts')).email, 'executor@kzo.enbek.kz');
  await staff.context().close();
});

test('the delivery log for the demo admin: filters, attempts, a failed SMS sent again', async () => {
  // The seeker takes SMS; a new message goes to the inbox and to the gateway, which refuses it.
  await ok('seeker', 'PUT', '/api/v1/me/contacts', { email: '', phone: '+77011234567', language: 'en', email_opt_in: false, sms_opt_in: true });
  const kase = await fileFromCabinet('active-measures-referral');
  await work(kase.id, 'clerk', 'accepted');
  const failed = await waitFor('the refused SMS', async () =>
    (await ok('admin', 'GET', '/api/v1/notifications?channel=sms&status=permanent-failure')).items.find((m) => m.case_id === kase.id));
  const firstPosts = smsRequests.filter((r) => r.key === failed.reference).length;
  assert.equal(firstPosts, 1);

  const page = await newPage();
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Notifications' }).click();
  await page.locator('#page-title', { hasText: 'Notifications: delivery log' }).waitFor();
  await page.getByLabel('Channel').selectOption('sms');
  await page.getByLabel('Status').selectOption('permanent-failure');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.waitForURL(/\/notifications\?status=permanent-failure&channel=sms$/);
  const row = page.locator('tbody tr', { hasText: failed.reference });
  await row.waitFor();
  assert.equal(await page.locator('tbody tr').count(), (await ok('admin', 'GET', '/api/v1/notifications?channel=sms&status=permanent-failure')).items.length);
  await row.locator('.delivery-status', { hasText: 'permanent failure' }).waitFor();
  await row.getByText('SMS').first().waitFor();
  await row.getByText('***4567').waitFor(); // the number masked
  assert.equal(await row.getByText('+77011234567').count(), 0);
  // The attempts fold out: the gateway's answer.
  await row.getByText('Attempts: 1').click();
  await row.getByText('HTTP 422', { exact: false }).waitFor();
  await checkPage(page, 'notifications-log-en');

  await row.getByRole('button', { name: `Retry: ${failed.reference}` }).click();
  await page.getByText(`Message ${failed.reference} is queued again`).waitFor();
  // Sent again to the gateway under the same reference (its Idempotency-Key).
  await waitFor('the retried SMS', () => smsRequests.filter((r) => r.key === failed.reference).length > firstPosts);

  for (const [lang, title] of [['kk', 'Хабарламаларды жеткізу журналы'], ['ru', 'Журнал доставки уведомлений']]) {
    await setLang(page, lang);
    await page.locator('#page-title', { hasText: title }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await checkPage(page, `notifications-log-${lang}`);
  }
  await page.context().close();

  // The analyst reads the log but sends nothing again; an applicant has no log.
  const analyst = await newPage();
  await signIn(analyst, 'analyst');
  await analyst.getByRole('link', { name: 'Notifications' }).click();
  await analyst.locator('tbody tr').first().waitFor();
  assert.equal(await analyst.getByRole('button', { name: /^Retry/ }).count(), 0);
  await checkPage(analyst, 'notifications-log-analyst');
  await analyst.context().close();
  const seeker = await newPage();
  await signIn(seeker, 'seeker');
  assert.equal(await seeker.getByRole('link', { name: 'Notifications' }).count(), 0);
  await seeker.context().close();
});

test('inbox badge for the employer after the S4 decision notice', async () => {
  const page = await newPage();
  await signIn(page, 'employer');
  await page.locator('#page-title', { hasText: 'My cabinet' }).waitFor();
  // The demo's P3 case has told the employer of its steps and payments: read those first.
  const demo = (await ok('employer', 'GET', '/api/v1/inbox?limit=1')).unread;
  assert.ok(demo >= 1, `unread ${demo}`);
  await page.getByRole('link', { name: `Inbox, ${demo} unread` }).waitFor();
  await inboxLink(page).click();
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await page.getByText('All messages are marked as read.').waitFor();
  await page.getByRole('link', { name: 'Inbox', exact: true }).waitFor(); // nothing unread
  const kase = await s4ToDecisionNotice();
  // The next navigation asks for the count again.
  await page.getByRole('link', { name: 'My cabinet' }).click();
  await page.getByRole('link', { name: /^Inbox, \d+ unread$/ }).waitFor();
  const unread = Number(await inboxLink(page).locator('.count').textContent());
  assert.ok(unread >= 1, `unread ${unread}`);
  await checkPage(page, 'notifications-employer-badge');
  await inboxLink(page).click();
  // The decision notice first, in the employer's language (Kazakh unless chosen), linking to
  // the signed notice's verification page; its text links to the case too.
  const first = page.locator('ol.inbox > li').first();
  await first.locator('h2', { hasText: `шешім туралы хабарлама: ${kase.number}` }).waitFor();
  assert.match(await first.getByRole('link', { name: 'Check the document' }).getAttribute('href'), /^\/verify\/[^/]+$/);
  assert.ok(await first.locator(`.body a[href="/cases/${kase.id}"]`).count() >= 1);
  await checkPage(page, 'notifications-employer-inbox');
  // Mark all read: the badge empties.
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await page.getByText('All messages are marked as read.').waitFor();
  await page.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
  assert.equal(await page.locator('ol.inbox .tag').count(), 0);
  assert.equal((await ok('employer', 'GET', '/api/v1/inbox?limit=1')).unread, 0);
  await page.context().close();
});
