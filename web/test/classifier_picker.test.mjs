// The classifier picker's keyboard (the WAI-ARIA combobox keys) and what it keeps of the codes
// found, apart from the DOM.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let p;
before(async () => {
  globalThis.localStorage = { getItem: () => 'ru', setItem: () => {} };
  globalThis.document = { documentElement: {} };
  p = (await importForNode('classifier_picker')).modules.classifier_picker;
});

const closed = (count = 0) => ({ open: false, active: -1, count });
const open = (active, count) => ({ open: true, active, count });

test('Down and Up open a closed list, asking for options', () => {
  let r = p.keyStep(closed(), 'ArrowDown');
  assert.deepEqual(r.state, open(0, 0));
  assert.ok(r.search && r.handled && !r.choose);
  r = p.keyStep(closed(3), 'ArrowUp');
  assert.deepEqual(r.state, open(2, 3), 'Up opens on the last option');
  assert.ok(r.search);
  r = p.keyStep(closed(3), 'ArrowDown', true);
  assert.deepEqual(r.state, open(-1, 3), 'Alt+Down opens without choosing an option');
});

test('Down and Up move through an open list and wrap round', () => {
  assert.deepEqual(p.keyStep(open(-1, 3), 'ArrowDown').state, open(0, 3));
  assert.deepEqual(p.keyStep(open(0, 3), 'ArrowDown').state, open(1, 3));
  assert.deepEqual(p.keyStep(open(2, 3), 'ArrowDown').state, open(0, 3), 'past the last: the first');
  assert.deepEqual(p.keyStep(open(0, 3), 'ArrowUp').state, open(2, 3), 'before the first: the last');
  assert.deepEqual(p.keyStep(open(-1, 3), 'ArrowUp').state, open(2, 3));
  assert.equal(p.keyStep(open(1, 3), 'ArrowDown').search, false, 'moving does not search again');
  assert.deepEqual(p.keyStep(open(-1, 0), 'ArrowDown').state, open(-1, 0), 'nothing to move to');
  assert.deepEqual(p.keyStep(open(1, 3), 'Home').state, open(0, 3));
  assert.deepEqual(p.keyStep(open(1, 3), 'End').state, open(2, 3));
  assert.equal(p.keyStep(closed(3), 'Home').handled, false, 'a closed list leaves Home to the caret');
});

test('Enter chooses the active option; with none it closes, on a closed list it sends', () => {
  let r = p.keyStep(open(1, 3), 'Enter');
  assert.ok(r.choose && r.handled);
  assert.equal(r.state.open, false);
  r = p.keyStep(open(-1, 3), 'Enter');
  assert.ok(!r.choose && r.handled);
  assert.equal(r.state.open, false);
  r = p.keyStep(closed(3), 'Enter');
  assert.ok(!r.choose && !r.handled, 'the form is sent');
});

test('Escape closes an open list, and empties the input when it is closed', () => {
  let r = p.keyStep(open(1, 3), 'Escape');
  assert.deepEqual(r.state, { open: false, active: -1, count: 3 });
  assert.ok(r.handled && !r.clear);
  r = p.keyStep(closed(3), 'Escape');
  assert.ok(r.handled && r.clear);
  r = p.keyStep(open(1, 3), 'Tab');
  assert.equal(r.state.open, false);
  assert.equal(r.handled, false, 'Tab still moves the focus');
  assert.equal(p.keyStep(open(1, 3), 'a').handled, false, 'letters are typed');
});

const code = (c, level) => ({ code: c, parent: null, level, name: { kk: `${c} kk`, ru: `${c} ru`, en: `${c} en` }, active: true });

test('the limits of a field narrow the codes offered', () => {
  const found = [code('7', 1), code('71', 2), code('7112', 4), code('7112-1', 5), code('8', 1)];
  const codes = (limits) => p.withinLimits(found, limits).map((c) => c.code);
  assert.deepEqual(codes({}), ['7', '71', '7112', '7112-1', '8']);
  assert.deepEqual(codes({ prefix: '71' }), ['71', '7112', '7112-1']);
  assert.deepEqual(codes({ minLevel: 4 }), ['7112', '7112-1']);
  assert.deepEqual(codes({ minLevel: 2, maxLevel: 4 }), ['71', '7112']);
});

test('a chosen code reads "code — name"', () => {
  assert.equal(p.codeText(code('7', 1)), '7 — 7 ru');
  assert.equal(p.codeText({ ...code('7', 1), name: { kk: '', ru: '', en: '' } }), '7');
});
