// A P3 contract's life as the contract page reads it (web/src/contract_life.ts): an IIN masked
// for the employer, the open monthly report task, the months whose latest report was returned,
// and each person referred with their own referral documents only.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let life;
before(async () => {
  ({ contract_life: life } = (await importForNode('contract_life')).modules);
});

const money = (amount) => ({ amount, currency: 'KZT' });
const report = (id, period, status, remarks = '') => ({
  id, period, employed: [], persons: 2, days_worked: 20, wages_paid: money(20_000_000), due_on: '2026-12-10',
  late: false, status, remarks, filed_at: '2026-12-04T10:00:00Z', payment: null,
});

test('an IIN is masked to its first and last two digits; a masked one is left alone', () => {
  assert.equal(life.maskIin('851102400347'), '85********47');
  assert.equal(life.maskIin('85********47'), '85********47');
  assert.equal(life.maskIin(''), '');
});

test('the open monthly report task, and none once it is done', () => {
  const tasks = [
    { id: 1, step: 'monthly_report', open: false },
    { id: 2, step: 'check_monthly_report', open: true },
    { id: 3, step: 'monthly_report', open: true },
  ];
  assert.equal(life.openReportTask(tasks).id, 3);
  assert.equal(life.openReportTask(tasks.slice(0, 2)), null);
});

test('a month waits for the employer only while its latest report is the returned one', () => {
  const reports = [
    report(1, '2026-10', 'returned', 'Табельді қосыңыз'),
    report(2, '2026-11', 'ordered'),
    report(3, '2026-10', 'accepted'),
    report(4, '2026-12', 'returned', 'Жалақы сомасы қате'),
  ];
  assert.deepEqual(life.returnedAwaitingReport(reports).map((r) => [r.period, r.remarks]), [['2026-12', 'Жалақы сомасы қате']]);
  assert.deepEqual(life.returnedAwaitingReport(reports.slice(0, 2)).map((r) => r.period), ['2026-10']);
});

test("referral documents go to the person they name, or to the only person; never by position", () => {
  const at = '2026-12-04T10:00:00Z';
  const parties = [
    { party: 'referred', iin: '851102400347', added_at: at },
    { party: 'referred', iin: '951203400783', added_at: at },
    { party: 'other', iin: '000000000000', added_at: at },
  ];
  const issued = [{ id: 7, kind: 'referral', number: 'KZO-CITY-2026-J000007' }];
  // Named: each to its own person, the number from the case's issued documents.
  const named = life.referredPersons(parties, [
    { kind: 'vacancy', id: 1, added_at: at },
    { kind: 'referral_document', id: 8, added_at: at, iin: '951203400783' },
    { kind: 'referral_document', id: 7, added_at: at, iin: '851102400347' },
  ], issued);
  assert.deepEqual(named.persons.map((p) => [p.iin, p.documents.map((d) => d.id)]), [['851102400347', [7]], ['951203400783', [8]]]);
  assert.equal(named.persons[0].documents[0].number, 'KZO-CITY-2026-J000007');
  assert.deepEqual(named.unpaired, []);
  // Unnamed with two persons: listed apart, not guessed.
  const loose = life.referredPersons(parties, [
    { kind: 'referral_document', id: 7, added_at: at },
    { kind: 'referral_document', id: 8, added_at: at },
  ], issued);
  assert.deepEqual(loose.persons.map((p) => p.documents.length), [0, 0]);
  assert.deepEqual(loose.unpaired.map((d) => d.id), [7, 8]);
  // Unnamed with one person: that person's.
  const one = life.referredPersons(parties.slice(0, 1), [{ kind: 'referral_document', id: 7, added_at: at }], issued);
  assert.deepEqual(one.persons[0].documents.map((d) => d.id), [7]);
  assert.deepEqual(one.unpaired, []);
});
