// The unemployed person's year in Debian's Chromium against the real server: the demo seeker is
// registered as a job seeker (S1) and as unemployed (S2, the head signing with the dev CA's key
// file), which starts the attendance schedule; the first visit is brought forward in the store so
// the server's sweeper opens it, and the employment specialist records it. The card page then
// shows the schedule, the visit and the history — to the specialist from the case page, and to
// the person from the cabinet, in kk, ru and en; after the person asks to be deregistered it
// shows the ground. axe-core on each page; screenshots build/screenshots/attendance-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { checkPage, demoServerAndBrowser, openPage, signInWithPassword } from './support.mjs';
import { demoApi, waitFor } from './demo_api.mjs';

const env = demoServerAndBrowser('jumys-browser-attendance-', ['--sweep-seconds', '1']);
const seekerIin = '900515300127';

const { ok, work, approvedAtOffice } = demoApi(env);
const officeCase = (process) => approvedAtOffice(process, seekerIin);

const card = () => ok('employment', 'GET', `/api/v1/people/${seekerIin}/employment-card`);

async function setLang(page, lang) {
  await page.locator('#lang').selectOption(lang);
}

test('the card shows the schedule, the visits and the history, then the deregistration', async () => {
  await officeCase('job-seeker-registration');
  const s2 = await officeCase('unemployed-registration');
  assert.equal(s2.status, 'completed');
  const schedule = (await card()).attendance;
  assert.ok(schedule && schedule.status === 'open' && schedule.next_visit_at, JSON.stringify(schedule));

  // The first visit brought forward: the sweeper opens its window, the specialist records it.
  // The server writes meanwhile, so sqlite3 waits for its lock instead of failing at once.
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(env.tmp, 'jumys.db'),
    `UPDATE tasks SET due_at = '2000-01-01T00:00:00Z' WHERE case_id = ${schedule.case_id} AND step = 'attendance' AND completed_at IS NULL`]);
  const visitTask = await waitFor('the visit to open', async () => (await card()).attendance.visit_task_id);
  await ok('employment', 'POST', `/api/v1/tasks/${visitTask}/complete`, { outcome: 'attended', data: { note: 'came in person' } });
  // And the second one opened too, so the card shows a visit due now.
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(env.tmp, 'jumys.db'),
    `UPDATE tasks SET due_at = '2000-01-01T00:00:00Z' WHERE case_id = ${schedule.case_id} AND step = 'attendance' AND completed_at IS NULL`]);
  const second = await waitFor('the second visit to open', async () => (await card()).attendance.visit_task_id);

  // The specialist: from the schedule case's page to the card.
  const page = await openPage(env.browser);
  await signInWithPassword(page, env.base, 'employment');
  await page.goto(`${env.base}/cases/${schedule.case_id}`);
  await page.getByRole('link', { name: 'Individual employment card' }).click();
  await page.locator('#page-title', { hasText: 'Individual employment card' }).waitFor();
  assert.equal(await page.getByText('registered unemployed').first().isVisible(), true);
  await page.getByRole('heading', { name: 'Attendance schedule at the centre' }).waitFor();
  await page.getByText('Visit due by').waitFor();
  const rows = page.locator('table.grid tbody tr');
  assert.deepEqual(
    (await rows.locator('th').allTextContents()),
    ['visited the centre', 'registered unemployed', 'card opened'],
  );
  assert.match(await rows.first().textContent(), /employment.*Note: came in person/);
  await checkPage(page, 'attendance-card-staff-en');

  // The person, from the cabinet, in each language.
  const person = await openPage(env.browser);
  await signInWithPassword(person, env.base, 'seeker');
  await person.getByRole('link', { name: 'Individual employment card' }).click();
  await person.getByText('Come to the centre by the time shown').waitFor();
  await checkPage(person, 'attendance-card-person-en');
  for (const [lang, title] of [['kk', 'Жеке жұмыспен қамту картасы'], ['ru', 'Индивидуальная карточка занятости']]) {
    await setLang(person, lang);
    await person.locator('#page-title', { hasText: title }).waitFor();
    await checkPage(person, `attendance-card-person-${lang}`);
  }
  await setLang(person, 'en');

  // The person asks to be deregistered (on the visit's task): the card shows the ground.
  await ok('seeker', 'POST', `/api/v1/tasks/${second}/complete`, { outcome: 'on_request', data: { reason: 'moving abroad' } });
  await person.reload();
  await person.locator('#page-title', { hasText: 'Individual employment card' }).waitFor();
  await person.getByText('removed from the register of the unemployed').first().waitFor();
  assert.match(await person.locator('table.grid tbody tr').first().textContent(),
    /removed from the register.*Ground: at the person's own request; Reason: moving abroad/);
  await checkPage(person, 'attendance-card-deregistered-en');
  assert.equal((await card()).status, 'deregistered');

  // The year's case ends in a deregistration, which has no printed form: its page says so in
  // place of a download link, to the specialist and to the person (issue 16).
  const ended = await ok('employment', 'GET', `/api/v1/cases/${schedule.case_id}`);
  assert.equal(ended.result.kind, 'deregistered');
  assert.deepEqual(ended.result.document_unavailable, { reason: 'no_printed_form' });
  for (const [who, shot] of [[page, 'attendance-no-printed-form-staff'], [person, 'attendance-no-printed-form-person']]) {
    await who.goto(`${env.base}/cases/${schedule.case_id}`);
    const result = who.locator('section.result');
    await result.locator('#result-unavailable', { hasText: 'This result has no printed document: it is recorded in the system only.' }).waitFor();
    assert.equal(await result.locator('a[download], a.button-link').count(), 0, 'no download link');
    assert.equal(await result.getByRole('link').count(), 0);
    await checkPage(who, shot);
  }
  // The automatic steps are the system's, said in words, not by the engine's login.
  const staffSteps = await page.locator('table', { has: page.getByRole('columnheader', { name: 'Who' }) }).innerText();
  const timeline = await page.locator('ol.timeline').innerText();
  assert.match(staffSteps, /the system\tNext period opened\t/);
  assert.doesNotMatch(staffSteps, /\trepeat\t/, "the engine's own outcome in words");
  assert.match(timeline, /— the system:/);
  assert.doesNotMatch(`${staffSteps}\n${timeline}`, /(^|[\t—] ?)system\b/m);
});
