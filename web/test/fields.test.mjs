// The browser's own reading of a form's fields: money typed in tenge to integer tiyn, the
// nested `data` of groups and lists at the server's paths, `when`, and each constraint under
// the server's message key.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let f;
before(async () => {
  f = (await importForNode('fields')).modules.fields;
});

const label = { kk: 'k', ru: 'r', en: 'e' };
const today = '2026-11-23';
const keys = (collected) => collected.problems.map((p) => `${p.path} ${p.key}`);

test('tenge to tiyn without binary fractions', () => {
  assert.equal(f.tengeToTiyn('184600'), 18_460_000);
  assert.equal(f.tengeToTiyn('184 600,50'), 18_460_050);
  assert.equal(f.tengeToTiyn('0.29'), 29); // 0.29 * 100 is 28.999999999999996 in floating point
  assert.equal(f.tengeToTiyn('1.1'), 110);
  assert.equal(f.tengeToTiyn('19.99'), 1999);
  assert.equal(f.tengeToTiyn('007'), 700);
  for (const bad of ['', '1.234', '-5', '1,2,3', '12.', 'abc', '1e3', '99999999999999999']) {
    assert.equal(f.tengeToTiyn(bad), null, bad);
  }
  assert.equal(f.formatTiyn(18_460_050), '184\u00a0600,50');
  assert.equal(f.formatTiyn(100_000), '1\u00a0000');
  assert.equal(f.formatTiyn(5, '.'), '0.05');
});

test('IIN and BIN: structure and check digit, as the server checks them', () => {
  assert.ok(f.validIin('851102400347')); // a demo person
  assert.ok(!f.validIin('851102400348')); // check digit off by one
  assert.ok(!f.validIin('851302400347')); // month 13
  assert.ok(!f.validIin('85110240034')); // 11 digits
  assert.ok(!f.validIin('851102700347')); // century digit 7
  // A BIN built with the same check digit rule: registered 2015-04, a legal entity, head unit.
  const first11 = '15044000123';
  const digit = [...Array(10).keys()].find((d) => f.validBin(first11 + d));
  assert.notEqual(digit, undefined);
  assert.ok(!f.validBin(first11 + ((digit + 1) % 10)));
  assert.ok(!f.validBin('151340001230'.slice(0, 11) + digit)); // month 13
});

test('a Kazakh IBAN: its mod-97 check digits, as the server checks them', () => {
  assert.ok(f.validIban('KZ86125KZT5004100100'));
  assert.ok(!f.validIban('KZ86125KZT5004100101')); // one digit changed
  assert.ok(!f.validIban('KZ86125KZT5004101000')); // two digits swapped
  assert.ok(!f.validIban('KZ86125kzt5004100100'));
  assert.ok(!f.validIban('KZ86125KZT500410010')); // 19 characters
});

test('each constraint under the server key and params', () => {
  const check = (spec, raw) => {
    const r = f.readScalar({ label, ...spec }, raw, today);
    return r && ('problem' in r ? [r.problem.key, r.problem.params] : r.value);
  };
  assert.deepEqual(check({ type: 'text', pattern: '[A-Z]{2}[0-9]{9}[A-Z]{2}' }, 'RR123456789KZ'), 'RR123456789KZ');
  assert.deepEqual(check({ type: 'text', pattern: '[A-Z]{2}[0-9]{9}[A-Z]{2}' }, 'XRR123456789KZ'), ['field.pattern', {}]);
  assert.deepEqual(check({ type: 'text', min_length: 2 }, 'ә'), ['field.too_short', { min: '2' }]);
  assert.deepEqual(check({ type: 'text', max_length: 3 }, 'әәәә'), ['field.too_long', { max: '3' }]);
  assert.deepEqual(check({ type: 'text' }, 'x'.repeat(1001)), ['field.too_long', { max: '1000' }]);
  assert.equal(check({ type: 'text' }, '   '), null);
  assert.deepEqual(check({ type: 'number', min: 1, max: 1000 }, ' 12 '), 12);
  assert.deepEqual(check({ type: 'number', min: 1, max: 1000 }, '1001'), ['field.out_of_range', { min: '1', max: '1000' }]);
  assert.deepEqual(check({ type: 'number' }, '1.5'), ['field.not_integer', {}]);
  assert.deepEqual(check({ type: 'money', min: 100 }, '184600,5'), { amount: 18_460_050, currency: 'KZT' });
  assert.deepEqual(check({ type: 'money', min: 100_000, max: 5_000_000 }, '999,99'), ['field.out_of_range', { min: '1\u00a0000', max: '50\u00a0000' }]);
  assert.deepEqual(check({ type: 'money', min: 100_000 }, '999,99'), ['field.too_small', { min: '1\u00a0000' }]);
  assert.deepEqual(check({ type: 'number', max: 12 }, '13'), ['field.too_large', { max: '12' }]);
  assert.deepEqual(check({ type: 'number', min: 1 }, '0'), ['field.too_small', { min: '1' }]);
  assert.deepEqual(check({ type: 'number' }, '99999999999999999999'), ['field.too_large', { max: '9007199254740991' }]);
  const money = f.readScalar({ type: 'money' }, '1,234', today);
  assert.equal(money.problem.key, 'form.not_money');
  assert.equal(money.problem.ui, true);
  assert.deepEqual(check({ type: 'date', not_past: true }, '2026-11-22'), ['field.date_past', {}]);
  assert.deepEqual(check({ type: 'date', not_past: true }, today), today);
  assert.deepEqual(check({ type: 'date', not_future: true }, '2026-11-24'), ['field.date_future', {}]);
  assert.deepEqual(check({ type: 'date' }, '2026-02-30'), ['field.not_date', {}]);
  assert.deepEqual(check({ type: 'date' }, f.BAD_DATE), ['field.not_date', {}]);
  const options = [{ value: 'reissue', label }, { value: 'extend', label }];
  assert.deepEqual(check({ type: 'choice', options }, 'extend'), 'extend');
  assert.deepEqual(check({ type: 'choice', options }, 'cancel'), ['field.not_option', { options: 'reissue, extend' }]);
  assert.deepEqual(check({ type: 'person' }, '851102400348'), ['field.iin_invalid', {}]);
  assert.deepEqual(check({ type: 'employer' }, '851102400347'), ['field.bin_invalid', {}]);
  assert.deepEqual(check({ type: 'boolean' }, false), false);
  assert.deepEqual(f.readScalar({ type: 'number', min: 5 }, '1', today).problem.english, 'must be at least 5');
  assert.deepEqual(f.boundsInTenge({ min: '100000', max: '5000050' }), { min: '1\u00a0000', max: '50\u00a0000,50' });
});

const members = {
  name: 'members',
  type: 'list',
  label,
  min_items: 1,
  max_items: 3,
  item: {
    type: 'group',
    label,
    fields: [
      { name: 'iin', type: 'person', required: true, label },
      { name: 'share', type: 'money', label },
    ],
  },
};
const fields = [
  { name: 'action', type: 'choice', required: true, label, options: [{ value: 'reissue', label }, { value: 'extend', label }] },
  { name: 'term_months', type: 'number', required: true, min: 1, max: 12, label, when: { field: 'action', equals: 'extend' } },
  { name: 'reason', type: 'text', required: true, label, when: { field: 'action', equals: 'reissue' } },
  { name: 'urgent', type: 'boolean', label },
  { name: 'note', type: 'text', label, when: { field: 'urgent', equals: true } },
  {
    name: 'payment',
    type: 'group',
    required: true,
    label,
    fields: [
      { name: 'document_number', type: 'text', required: true, label },
      { name: 'amount', type: 'money', required: true, label },
    ],
  },
  { name: 'contact', type: 'group', label, fields: [{ name: 'phone', type: 'text', required: true, label }] },
  members,
];

test('collecting nested data: groups, lists of groups, money in tiyn', () => {
  const raw = {
    action: 'extend',
    term_months: '6',
    reason: 'left over from a reissue',
    urgent: false,
    note: 'hidden',
    payment: { document_number: ' PP-1 ', amount: '184600' },
    contact: { phone: '' },
    members: [{ iin: '851102400347', share: '0,29' }, { iin: '851102400347', share: '' }],
  };
  const got = f.collect(fields, raw, today);
  assert.deepEqual(got.problems, []);
  assert.deepEqual(got.data, {
    action: 'extend',
    term_months: 6,
    urgent: false,
    payment: { document_number: 'PP-1', amount: { amount: 18_460_000, currency: 'KZT' } },
    members: [{ iin: '851102400347', share: { amount: 29, currency: 'KZT' } }, { iin: '851102400347' }],
  });
});

test('problems at the paths the server names them', () => {
  const raw = {
    action: 'reissue',
    term_months: 'ignored: the field does not apply',
    reason: '',
    urgent: true,
    note: '',
    payment: { document_number: '', amount: '1.234' },
    contact: { phone: '' },
    members: [{ iin: '851102400347', share: '' }, { iin: '123', share: '' }, { iin: '', share: '' }, { iin: '', share: '' }],
  };
  assert.deepEqual(keys(f.collect(fields, raw, today)), [
    'data.reason field.required',
    'data.payment.document_number field.required',
    'data.payment.amount form.not_money',
    'data.members[1].iin field.iin_invalid',
    'data.members[2].iin field.required',
    'data.members[3].iin field.required',
    'data.members field.too_many_items',
  ]);
  // Too few rows is a problem once there are any; an optional list left empty is not sent.
  const fewer = { ...members, min_items: 2 };
  assert.deepEqual(keys(f.collect([fewer], { members: [{ iin: '851102400347' }] }, today)), ['data.members field.too_few_items']);
  assert.deepEqual(f.collect([fewer], { members: [] }, today), { data: {}, problems: [] });
  assert.deepEqual(keys(f.collect([{ ...members, min_items: undefined, required: true }], { members: [] }, today)), [
    'data.members field.required',
  ]);
  // A required group is checked even when left empty; an optional one only once begun.
  assert.deepEqual(keys(f.collect(fields, { action: 'extend', term_months: '1', contact: { phone: ' ' } }, today)), [
    'data.payment.document_number field.required',
    'data.payment.amount field.required',
  ]);
});

test('when: a field applies only while its sibling holds the value, and that sibling applies', () => {
  const chain = [
    { name: 'kind', type: 'choice', label, options: [{ value: 'a', label }, { value: 'b', label }] },
    { name: 'flag', type: 'boolean', label, when: { field: 'kind', equals: 'a' } },
    { name: 'detail', type: 'text', label, when: { field: 'flag', equals: true } },
  ];
  assert.deepEqual([...f.applicable(chain, { kind: 'a', flag: true, detail: '' })], ['kind', 'flag', 'detail']);
  assert.deepEqual([...f.applicable(chain, { kind: 'b', flag: true, detail: '' })], ['kind']);
  assert.deepEqual([...f.applicable(chain, { kind: 'a', flag: false, detail: '' })], ['kind', 'flag']);
  const loop = [
    { name: 'x', type: 'text', label, when: { field: 'y', equals: '1' } },
    { name: 'y', type: 'text', label, when: { field: 'x', equals: '1' } },
  ];
  assert.deepEqual([...f.applicable(loop, { x: '1', y: '1' })], []);
});

test('a path one step up', () => {
  assert.equal(f.parentPath('data.members[2].iin'), 'data.members[2]');
  assert.equal(f.parentPath('data.members[2]'), 'data.members');
  assert.equal(f.parentPath('data.members'), 'data');
  assert.equal(f.parentPath('data'), null);
});
