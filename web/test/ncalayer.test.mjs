// NCALayer's protocol as src/ncalayer.ts speaks it, against a fake WebSocket: the version
// decides the module, several documents go in one `basics` request, wrapped base64 is
// unwrapped, a cancel is told apart, and a socket that does not greet is no NCALayer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let nca;
// What the fake NCALayer does: its greeting (null: none) and its answer to each request.
const fake = { greeting: { result: { version: '1.4' } }, answer: () => ({}), sent: [], fail: false };

class FakeSocket {
  constructor(url) {
    this.url = url;
    setTimeout(() => {
      if (fake.fail) {
        this.onerror?.({});
        return;
      }
      if (fake.greeting) this.onmessage?.({ data: JSON.stringify(fake.greeting) });
    }, 1);
  }
  send(text) {
    const request = JSON.parse(text);
    fake.sent.push(request);
    setTimeout(() => {
      this.onmessage?.({ data: '--heartbeat--' });
      this.onmessage?.({ data: JSON.stringify(fake.answer(request)) });
    }, 1);
  }
  close() {}
}

before(async () => {
  globalThis.localStorage = { getItem: () => 'ru', setItem: () => {} };
  globalThis.WebSocket = FakeSocket;
  nca = (await importForNode('ncalayer')).modules.ncalayer;
});

const bytes = (text) => new TextEncoder().encode(text);

test('1.4 and later speak basics; older versions commonUtils', () => {
  assert.equal(nca.hasBasics('1.4'), true);
  assert.equal(nca.hasBasics('1.10.2'), true);
  assert.equal(nca.hasBasics('2.0'), true);
  assert.equal(nca.hasBasics('1.3'), false);
  assert.equal(nca.hasBasics(''), false);
});

test('several documents go to basics sign in one request, one signature each', async () => {
  fake.greeting = { result: { version: '1.4' } };
  fake.sent = [];
  fake.answer = (r) => ({ status: true, body: { result: r.args.data.map((d) => `SIG\r\n${d}\n`) } });
  const out = await nca.signWithNcalayer([bytes('one'), bytes('two')], 'ws://127.0.0.1:1');
  assert.equal(fake.sent.length, 1);
  const [request] = fake.sent;
  assert.equal(request.module, 'kz.gov.pki.knca.basics');
  assert.equal(request.method, 'sign');
  assert.equal(request.args.format, 'cms');
  assert.equal(request.args.locale, 'ru');
  assert.equal(request.args.signingParams.encapsulate, false);
  assert.deepEqual(request.args.data, [btoa('one'), btoa('two')]);
  assert.deepEqual(out, [`SIG${btoa('one')}`, `SIG${btoa('two')}`]);
});

test('an older NCALayer signs each document through createCAdESFromBase64', async () => {
  fake.greeting = { result: { version: '1.3' } };
  fake.sent = [];
  fake.answer = (r) => ({ code: '200', responseObject: `-----BEGIN CMS-----\n${r.args[2]}\n-----END CMS-----` });
  const out = await nca.signWithNcalayer([bytes('a'), bytes('b')], 'ws://127.0.0.1:1');
  assert.deepEqual(fake.sent.map((r) => [r.module, r.method, r.args]), [
    ['kz.gov.pki.knca.commonUtils', 'createCAdESFromBase64', ['PKCS12', 'SIGNATURE', btoa('a'), false]],
    ['kz.gov.pki.knca.commonUtils', 'createCAdESFromBase64', ['PKCS12', 'SIGNATURE', btoa('b'), false]],
  ]);
  assert.deepEqual(out, [btoa('a'), btoa('b')]);
});

test('a cancel in NCALayer and a failure are told apart', async () => {
  fake.greeting = { result: { version: '1.4' } };
  fake.answer = () => ({ status: false, code: 'ACTION_CANCELED', message: 'action.canceled' });
  await assert.rejects(nca.signWithNcalayer([bytes('x')], 'ws://127.0.0.1:1'), (e) => e.reason === 'cancelled');
  fake.answer = () => ({ status: false, code: 'KEY_NOT_FOUND', message: 'no key' });
  await assert.rejects(nca.signWithNcalayer([bytes('x')], 'ws://127.0.0.1:1'), (e) => e.reason === 'failed' && /KEY_NOT_FOUND/.test(e.message));
  fake.answer = () => ({ status: true, body: { result: [] } });
  await assert.rejects(nca.signWithNcalayer([bytes('x')], 'ws://127.0.0.1:1'), (e) => e.reason === 'failed');
});

test('the probe finds the version, or nothing when the socket fails or does not greet', async () => {
  fake.greeting = { result: { version: '1.4' } };
  fake.fail = false;
  assert.equal(await nca.probeNcalayer('ws://127.0.0.1:1'), '1.4');
  fake.fail = true;
  assert.equal(await nca.probeNcalayer('ws://127.0.0.1:1'), null);
  fake.fail = false;
  fake.greeting = null;
  assert.equal(await nca.probeNcalayer('ws://127.0.0.1:1', 50), null);
  fake.greeting = { something: 'else' };
  assert.equal(await nca.probeNcalayer('ws://127.0.0.1:1'), null);
  await assert.rejects(nca.signWithNcalayer([bytes('x')], 'ws://127.0.0.1:1'), (e) => e.reason === 'unavailable');
});
