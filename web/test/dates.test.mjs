// One date format per language (docs/CASE_VIEWS.md "Dates"): a day and the date of an instant
// read the same way on every page, day.month.year with four digits, in kk, ru and en alike; an
// instant adds the time on the 24-hour clock, in Kazakhstan's zone unless told another; a day
// among the server's message params is written the same way.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let i18n;
before(async () => {
  globalThis.localStorage = { getItem: () => 'kk', setItem: () => {} };
  globalThis.document = { documentElement: {} };
  ({ i18n } = (await importForNode('i18n')).modules);
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
