// Working time left on a task: office hours, lunch, weekends and the calendar's days off.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let wt;
before(async () => {
  wt = (await importForNode('worktime')).modules.worktime;
});

const day = { hours: '09:00-18:30', lunch: '13:00-14:30' };
const office = {
  id: 'kzo-city',
  time_zone: 'Asia/Qyzylorda',
  hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: null, sun: null },
};
const weekdays = (date) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
// Local time in Qyzylorda is UTC+5.
const at = (local) => new Date(`${local}+05:00`);

test('minutes inside one morning', () => {
  assert.equal(wt.workingMinutes(at('2026-11-23T09:10:00'), at('2026-11-23T09:30:00'), office, weekdays), 20);
});

test('lunch does not count', () => {
  assert.equal(wt.workingMinutes(at('2026-11-23T12:50:00'), at('2026-11-23T14:40:00'), office, weekdays), 20);
});

test('a weekend and a day off in between do not count', () => {
  // Friday 18:20 to Monday 09:10: 10 + 10 minutes.
  assert.equal(wt.workingMinutes(at('2026-11-20T18:20:00'), at('2026-11-23T09:10:00'), office, weekdays), 20);
  const mondayOff = (date) => weekdays(date) && date !== '2026-11-23';
  assert.equal(wt.workingMinutes(at('2026-11-20T18:20:00'), at('2026-11-24T09:10:00'), office, mondayOff), 20);
});

test('a full working day is 8 hours and the sign follows the order', () => {
  assert.equal(wt.workingDayMinutes(office), 480);
  assert.equal(wt.workingMinutes(at('2026-11-24T09:00:00'), at('2026-11-23T09:00:00'), office, weekdays), -480);
});

test('urgency: near in the last quarter, overdue at zero', () => {
  assert.equal(wt.urgency(30, 30), 'ok');
  assert.equal(wt.urgency(5, 20), 'near');
  assert.equal(wt.urgency(0, 20), 'overdue');
  assert.equal(wt.urgency(-10, 20), 'overdue');
});

test("Kazakhstan's date is the next day from 19:00 UTC", () => {
  assert.equal(wt.localDate(Date.parse('2026-11-23T18:59:59Z')), '2026-11-23');
  assert.equal(wt.localDate(Date.parse('2026-11-23T19:00:00Z')), '2026-11-24');
  assert.equal(wt.localDate(Date.parse('2026-12-31T20:15:00Z')), '2027-01-01');
  assert.equal(wt.localDate(Date.parse('2026-11-23T20:15:00Z'), 'UTC'), '2026-11-23');
});
