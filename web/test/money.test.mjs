// Tiyn as tenge on the contract pages: the printed contract's form, two decimals always.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let money;
before(async () => {
  money = (await importForNode('money')).modules.money;
});

const NBSP = '\u00a0';

test('tiyn as tenge with two decimals and the sign', () => {
  assert.equal(money.formatTenge(63_000_000), `630${NBSP}000,00${NBSP}₸`);
  assert.equal(money.formatTenge(120_000_050), `1${NBSP}200${NBSP}000,50${NBSP}₸`);
  assert.equal(money.formatTenge(5), `0,05${NBSP}₸`);
  assert.equal(money.formatTenge(0), `0,00${NBSP}₸`);
  assert.equal(money.formatTenge(99_999), `999,99${NBSP}₸`);
  assert.equal(money.formatTenge(-150), `-1,50${NBSP}₸`);
  assert.equal(money.formatTenge(63_000_000, '.'), `630${NBSP}000.00${NBSP}₸`);
});
