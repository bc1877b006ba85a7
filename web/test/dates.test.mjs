// One date format per language (docs/CASE_VIEWS.md "Dates"): a day and the date of an instant
// read the same way on every page, day.month.year with four digits, in kk, ru and en alike; an
// instant adds the time on the 24-hour clock, in Kazakhstan's zone unless told another; a day
// among the server's message params is written the same way.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let i18n;
let dates;
before(async () => {
  globalThis.localStorage = { getItem: () => 'kk', setItem: () => {} };
  globalThis.document = { documentElement: {} };
  ({ i18n, dates } = (await importForNode('i18n', 'dates')).modules);
});

// A no-break space joins the date and the time: a narrow table cell keeps them on one line.
const NBSP = '\u00a0';
const EXPECTED = {
  kk: { day: '04.12.2026', instant: `04.12.2026${NBSP}10:30`, late: `01.01.2027${NBSP}00:15` },
  ru: { day: '04.12.2026', instant: `04.12.2026${NBSP}10:30`, late: `01.01.2027${NBSP}00:15` },
  en: { day: '04.12.2026', instant: `04.12.2026${NBSP}10:30`, late: `01.01.2027${NBSP}00:15` },
};

for (const [lang, want] of Object.entries(EXPECTED)) {
  test(`${lang}: a day and an instant share the one date format`, () => {
    i18n.setLang(lang);
    assert.equal(i18n.formatDay('2026-12-04'), want.day);
    assert.equal(i18n.formatInstant('2026-12-04T05:30:00Z'), want.instant);
    // 19:15 UTC on 31 December is already the new year in Kyzylorda (UTC+5).
    assert.equal(i18n.formatInstant('2026-12-31T19:15:00Z'), want.late);
    assert.equal(i18n.formatInstant('2026-12-04T05:30:00Z', 'UTC'), `${want.day}${NBSP}05:30`);
    // The date part of an instant is written exactly as formatDay writes that day.
    assert.ok(i18n.formatInstant('2026-12-04T05:30:00Z').startsWith(i18n.formatDay('2026-12-04')));
    assert.doesNotMatch(i18n.formatInstant('2026-12-04T05:30:00Z'), /\d{4}-\d{2}-\d{2}|\//);
  });
}

test('no value or a broken one reads as a dash', () => {
  i18n.setLang('en');
  for (const v of [null, undefined, '', '4.12.2026', '2026-12-4']) assert.equal(i18n.formatDay(v), '—');
  for (const v of [null, undefined, '', 'yesterday']) assert.equal(i18n.formatInstant(v), '—');
});

test("a day in the server's message params is written as every other date", () => {
  i18n.setLang('en');
  assert.equal(
    i18n.serverText('permit.paid_before_notice', { notice_on: '2026-12-04' }, 'english'),
    'is before the decision notice of 04.12.2026',
  );
  i18n.setLang('ru');
  assert.match(i18n.serverText('delegation.overlaps', { from: '2026-12-01', to: '2026-12-10' }, 'x'), /01\.12\.2026.*10\.12\.2026/);
  // Other params stay as sent.
  assert.match(i18n.serverText('hours.lunch_order', { lunch: '13:00-14:30' }, 'x'), /13:00-14:30/);
});

// Days and times typed on the pages (day_field.ts): written as the app writes them, read back in
// the API's form; anything else is no day and is refused, never guessed at.
test('a typed day.month.year is read as the API writes a day', () => {
  assert.equal(dates.parseDay('04.12.2026'), '2026-12-04');
  assert.equal(dates.parseDay(' 4.1.2026 '), '2026-01-04');
  assert.equal(dates.parseDay('29.02.2028'), '2028-02-29');
  for (const v of ['', '31.02.2026', '29.02.2027', '12/04/2026', '2026-12-04', '04.12.26', '00.12.2026', '04.13.2026', '04.12.0999']) {
    assert.equal(dates.parseDay(v), null, v);
  }
  // What formatDay writes, parseDay reads back.
  assert.equal(dates.parseDay(i18n.formatDay('2026-07-15')), '2026-07-15');
});

test('a typed time is on the 24-hour clock', () => {
  assert.equal(dates.parseTime('09:00'), 540);
  assert.equal(dates.parseTime('9:05'), 545);
  assert.equal(dates.parseTime('23:59'), 1439);
  for (const v of ['', '24:00', '12:60', '9 AM', '9:00 PM', '0900', '9.00']) assert.equal(dates.parseTime(v), null, v);
});

test("a day and time entered are that zone's wall clock", () => {
  // Kyzylorda is UTC+5 all year: 09:00 there is 04:00 UTC, whatever zone the browser is in.
  assert.equal(dates.zonedInstant('2026-12-05', 540).toISOString(), '2026-12-05T04:00:00.000Z');
  assert.equal(dates.zonedInstant('2026-12-05', 540, 'Asia/Almaty').toISOString(), '2026-12-05T04:00:00.000Z');
  assert.equal(dates.zonedInstant('2027-01-01', 2 * 60, 'Asia/Qyzylorda').toISOString(), '2026-12-31T21:00:00.000Z');
  // Across a change of offset: Berlin in summer is UTC+2, in winter UTC+1.
  assert.equal(dates.zonedInstant('2026-07-01', 600, 'Europe/Berlin').toISOString(), '2026-07-01T08:00:00.000Z');
  assert.equal(dates.zonedInstant('2026-03-29', 180, 'Europe/Berlin').toISOString(), '2026-03-29T01:00:00.000Z');
  // Read back, the instant shows the time that was entered.
  assert.equal(i18n.formatInstant(dates.zonedInstant('2026-12-05', 540).toISOString()), '05.12.2026\u00a009:00');
});
