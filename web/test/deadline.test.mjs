// Time left on a task: the server counts the working minutes and the urgency; the browser
// words them in working days of the office's hours, hours and minutes. And Kazakhstan's date.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let dates;
let deadline;
before(async () => {
  // i18n reads the saved language at load; English, so the words below are the catalogue's.
  globalThis.localStorage = { getItem: () => 'en', setItem: () => {} };
  ({ dates, deadline } = (await importForNode('dates', 'deadline')).modules);
});

const day = { hours: '09:00-18:30', lunch: '13:00-14:30' };
const office = { hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: null, sun: null } };

test('a working day of the office is its hours less lunch, 8 hours when unknown', () => {
  assert.equal(deadline.workingDayMinutes(office), 480);
  assert.equal(deadline.workingDayMinutes({ hours: { mon: { hours: '10:00-14:00' } } }), 240);
  assert.equal(deadline.workingDayMinutes(undefined), 480);
});

test("the server's minutes read as working days, hours and minutes of that office", () => {
  assert.equal(deadline.formatWorking(480 * 2 + 75, 480), '2 wd 1 h 15 min');
  assert.equal(deadline.formatWorking(240 + 30, 240), '1 wd 30 min');
  assert.equal(deadline.formatWorking(0, 480), '0 min');
});

test("urgency is the server's; overdue reads as how late", () => {
  assert.deepEqual(deadline.describeLeft({ working_minutes_left: 600, urgency: 'ok' }, 480), {
    urgency: 'ok',
    text: '1 wd 2 h left',
    minutes: 600,
  });
  assert.equal(deadline.describeLeft({ working_minutes_left: 20, urgency: 'near' }, 480).urgency, 'near');
  const late = deadline.describeLeft({ working_minutes_left: -90, urgency: 'overdue' }, 480);
  assert.equal(late.urgency, 'overdue');
  assert.equal(late.text, 'late by 1 h 30 min');
  assert.equal(deadline.describeLeft({ working_minutes_left: null, urgency: 'ok' }, 480), null);
});

test("Kazakhstan's date is the next day from 19:00 UTC", () => {
  assert.equal(dates.localDate(Date.parse('2026-11-23T18:59:59Z')), '2026-11-23');
  assert.equal(dates.localDate(Date.parse('2026-11-23T19:00:00Z')), '2026-11-24');
  assert.equal(dates.localDate(Date.parse('2026-12-31T20:15:00Z')), '2027-01-01');
  assert.equal(dates.localDate(Date.parse('2026-11-23T20:15:00Z'), 'UTC'), '2026-11-23');
});

test('a date is a real calendar day', () => {
  assert.ok(dates.isDate('2028-02-29'));
  assert.ok(!dates.isDate('2027-02-29'));
  assert.ok(!dates.isDate('2026-13-01'));
  assert.ok(!dates.isDate('26-01-01'));
  assert.ok(dates.isDay(85, 11, 2) && !dates.isDay(85, 2, 29));
});
