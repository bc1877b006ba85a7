// The payments registry's figures (web/src/payments.ts): the totals as month-by-status tables
// per programme, the statement's content type, a typed IBAN made the server's form, and the
// statements newest first with the lines the accountant must resolve.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let payments;
let fields;
before(async () => {
  ({ payments, fields } = (await importForNode('payments', 'fields')).modules);
});

const money = (amount) => ({ amount, currency: 'KZT' });

test('totals: one table per programme, months oldest first, statuses summed', () => {
  const tables = payments.totalsTables([
    { programme: 'special-workplaces', month: '2026-10', status: 'returned', orders: 1, amount: money(23_520_000) },
    { programme: 'special-workplaces', month: '2026-09', status: 'paid', orders: 2, amount: money(141_495_000) },
    { programme: 'active-measures-referral', month: '2026-09', status: 'draft', orders: 1, amount: money(5_000_000) },
    { programme: 'special-workplaces', month: '2026-11', status: 'draft', orders: 1, amount: money(23_520_000) },
    { programme: 'special-workplaces', month: '2026-09', status: 'returned', orders: 1, amount: money(100) },
  ]);
  assert.deepEqual(tables.map((t) => t.programme), ['active-measures-referral', 'special-workplaces']);
  const sw = tables[1];
  assert.deepEqual(sw.months.map((m) => m.month), ['2026-09', '2026-10', '2026-11']);
  assert.deepEqual(sw.months[0].cells, { paid: { orders: 2, amount: 141_495_000 }, returned: { orders: 1, amount: 100 } });
  assert.equal(sw.months[2].cells.paid, undefined);
  assert.deepEqual(sw.sum, {
    paid: { orders: 2, amount: 141_495_000 },
    returned: { orders: 2, amount: 23_520_100 },
    draft: { orders: 1, amount: 23_520_000 },
  });
  assert.deepEqual(payments.totalsTables([]), []);
});

test('a month reads as the app writes dates', () => {
  assert.equal(payments.formatMonth('2026-09'), '09.2026');
  assert.equal(payments.formatMonth('odd'), 'odd');
});

test("a statement is XML when it starts with '<' after a BOM and blank space, else CSV", () => {
  const bytes = (s) => new TextEncoder().encode(s);
  assert.equal(payments.statementContentType(bytes('reference,status,amount,date\n')), 'text/csv');
  assert.equal(payments.statementContentType(bytes('<?xml version="1.0"?><Document/>')), 'application/xml');
  assert.equal(payments.statementContentType(bytes('\ufeff \r\n\t<Document/>')), 'application/xml');
  assert.equal(payments.statementContentType(bytes('\ufeffreference,status')), 'text/csv');
  assert.equal(payments.statementContentType(new Uint8Array()), 'text/csv');
});

test("a corrected IBAN as typed: spaces gone, capitals, then the app's mod-97 check", () => {
  const typed = payments.normalIban(' kz86 125k zt50 0410 0100 ');
  assert.equal(typed, 'KZ86125KZT5004100100');
  assert.equal(fields.validIban(typed), true);
  assert.equal(fields.validIban(payments.normalIban('KZ87125KZT5004100100')), false);
});

test('statements newest first; a line that matched no order, was returned or names an order settled before is an exception', () => {
  const s = (id, imported_at) => ({ id, imported_at, imported_by: 'head', lines: 1, paid: 0, returned: 0, unmatched: 0 });
  assert.deepEqual(payments.newestFirst([s(1, '2026-11-02T10:00:00Z'), s(3, '2026-12-01T09:00:00Z'), s(2, '2026-12-01T09:00:00Z')]).map((x) => x.id), [3, 2, 1]);
  const line = (status) => ({ line: 1, reference: 'KZO-CITY-2026-P000001', amount: money(100), status, reason: '', order: null });
  assert.deepEqual(['paid', 'returned', 'unmatched', 'already'].filter((st) => payments.isException(line(st))), ['returned', 'unmatched', 'already']);
});
