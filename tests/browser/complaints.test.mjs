// Complaints (C1) in Debian's Chromium against the real server: the demo seeker's S1 is worked to
// its end (the head signing with the dev CA's key file); the seeker files a complaint from the
// case page in the cabinet, the head answers it on the complaint's page upholding it and
// reopening the case, and both see the answer in the case's complaints panel — the seeker in en
// and kk. axe-core on each page; screenshots build/screenshots/complaints-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { checkPage, demoServerAndBrowser, openPage, signInWithPassword } from './support.mjs';
import { demoApi } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-browser-complaints-');
const seekerIin = '900515300127';
const complaintText = 'The notification left out the education document I brought.';
const answerText = 'Upheld: the executor enters the education document and the notification is reissued.';

const { ok, approvedAtOffice } = demoApi(env);

test('the seeker files a complaint, the head upholds it and the case reopens', async () => {
  const kase = await approvedAtOffice('job-seeker-registration', seekerIin);
  assert.equal(kase.status, 'completed');

  // The seeker, from the cabinet to the case and its complaint form.
  const person = await openPage(env.browser);
  await signInWithPassword(person, env.base, 'seeker');
  await person.getByRole('link', { name: kase.number }).first().click();
  await person.getByRole('heading', { name: 'Complaints' }).waitFor();
  await person.getByText('No complaints about this case.').waitFor();
  // Too short: refused in the browser, nothing sent.
  await person.locator('form.complaint-form textarea').fill('bad');
  await person.getByRole('button', { name: 'Send the complaint' }).click();
  await person.getByText('Write at least 10 characters.').waitFor();
  await person.locator('form.complaint-form textarea').fill(complaintText);
  await person.getByRole('button', { name: 'Send the complaint' }).click();
  await person.getByText('The complaint is registered.').waitFor();
  const card = person.locator('article.complaint');
  await card.getByText('Under consideration').waitFor();
  assert.match(await card.textContent(), new RegExp(complaintText));
  await checkPage(person, 'complaints-cabinet-filed-en');

  const [complaint] = (await ok('seeker', 'GET', `/api/v1/cases/${kase.id}/complaints`)).items;
  assert.equal(complaint.channel, 'portal');
  assert.equal(complaint.task.role, 'head');

  // The head answers on the complaint's own page: upheld, and the case reopened.
  const head = await openPage(env.browser);
  await signInWithPassword(head, env.base, 'head');
  await head.goto(`${env.base}/cases/${complaint.id}`);
  await head.locator('#page-title', { hasText: complaint.number }).waitFor();
  assert.equal(await head.locator('section.complaints').count(), 0, 'no complaints panel on a complaint');
  await head.getByLabel('Upheld, case reopened').check();
  await head.locator('fieldset[data-outcome=upheld_reopen]').getByLabel('Reasoned answer').fill(answerText);
  await checkPage(head, 'complaints-head-answer-en');
  await head.locator('form.task-form button[type=submit]').click();
  await head.getByText('Reasoned answer to a complaint').first().waitFor();

  // The case complained about is open again at the executor's review, the answer in its panel.
  await head.goto(`${env.base}/cases/${kase.id}`);
  await head.locator('article.complaint').getByText(answerText).waitFor();
  await head.getByText('The case was reopened on this complaint.').waitFor();
  await checkPage(head, 'complaints-case-staff-en');
  const reopened = await ok('head', 'GET', `/api/v1/cases/${kase.id}`);
  assert.equal(reopened.status, 'open');
  assert.equal(reopened.tasks.at(-1).step, 'review');

  // The seeker sees the answer, in English and in Kazakh.
  await person.reload();
  await person.locator('article.complaint').getByText(answerText).waitFor();
  await checkPage(person, 'complaints-cabinet-answered-en');
  await person.locator('#lang').selectOption('kk');
  await person.getByRole('heading', { name: 'Шағымдар' }).waitFor();
  await person.getByText('Бұл шағым бойынша іс қайта ашылды.').waitFor();
  await checkPage(person, 'complaints-cabinet-answered-kk');
  await person.locator('#lang').selectOption('en');
  const inbox = await ok('seeker', 'GET', '/api/v1/inbox');
  assert.ok(inbox.messages.some((m) => m.template === 'complaint_answered' && m.case_id === complaint.id));
});
