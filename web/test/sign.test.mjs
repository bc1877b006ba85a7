// Browser signing (src/sign.ts) checked by OpenSSL: a detached CMS signature made with a
// dev-CA key file verifies against the exact content and the dev root, and fails on any
// other content.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importForNode, webRoot } from './node-build.mjs';

const binary = process.env.JUMYS_BIN ?? path.join(webRoot, '..', 'build', 'jumys');
let sign;
let dir;
let ca;

before(async () => {
  const built = await importForNode('sign');
  sign = built.modules.sign;
  dir = built.outDir;
  ca = path.join(dir, 'dev-ca');
  execFileSync(binary, ['dev-ca', '--out', ca], { stdio: 'ignore' });
});

function verify(signatureB64, content) {
  const sig = path.join(dir, 'sig.der');
  const data = path.join(dir, 'content.bin');
  const signer = path.join(dir, 'signer.pem');
  writeFileSync(sig, Buffer.from(signatureB64, 'base64'));
  writeFileSync(data, content);
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', data,
    '-CAfile', path.join(ca, 'root-ca.pem'), '-purpose', 'any', '-signer', signer, '-out', '/dev/null']);
  return { ok: r.status === 0, signer: r.status === 0 ? execFileSync('openssl', ['x509', '-in', signer, '-noout', '-subject', '-nameopt', 'RFC2253']).toString() : '' };
}

const keyFile = (login) => new Uint8Array(readFileSync(path.join(ca, `${login}.p12`)));
const content = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 37) & 0xff)); // every byte value

test('a signature made in the browser module verifies with openssl against the dev root', () => {
  const signature = sign.signDetached(keyFile('head'), 'demo', content);
  const result = verify(signature, content);
  assert.ok(result.ok, 'openssl cms -verify failed');
  assert.match(result.signer, /IIN780301300017/);
});

test('the signature is detached and bound to the content', () => {
  const signature = sign.signDetached(keyFile('seeker'), 'demo', content);
  const der = Buffer.from(signature, 'base64');
  assert.equal(der.indexOf(Buffer.from(content.subarray(0, 64))), -1, 'content embedded');
  const tampered = new Uint8Array(content);
  tampered[100] ^= 1;
  assert.equal(verify(signature, tampered).ok, false);
  assert.equal(verify(signature, content).ok, true);
});

test('a wrong password and a file that is not PKCS#12 are told apart', () => {
  assert.throws(() => sign.signDetached(keyFile('head'), 'wrong', content), (e) => e.reason === 'bad_password');
  assert.throws(() => sign.signDetached(new Uint8Array([1, 2, 3]), 'demo', content), (e) => e.reason === 'bad_file');
});

test('the key file is described by its holder before signing', () => {
  const who = sign.describeKey(keyFile('seeker'), 'demo');
  assert.equal(who.serial, 'IIN900515300127');
  assert.ok(who.name.length > 3);
});

test('canonical JSON sorts keys by bytes, drops whitespace and keeps text unescaped', () => {
  assert.equal(
    sign.canonicalJson({ b: 1, a: { d: 'қ\n"', c: [true, null, -3] }, B: 'x' }),
    '{"B":"x","a":{"c":[true,null,-3],"d":"қ\\n\\""},"b":1}',
  );
  assert.throws(() => sign.canonicalJson({ x: 1.5 }));
});

test('a step signing several documents asks for all signatures at once, each over its own document; one document keeps `signature`', async () => {
  const notice = new Uint8Array([1, 2, 3, 4, 5]);
  const permit = new Uint8Array([9, 8, 7, 6]);
  const bytes = { '/n': notice, '/p': permit };
  const drafts = [
    { kind: 'decision_notice', title: { kk: '', ru: '', en: '' }, url: '/n' },
    { kind: 'permit', title: { kk: '', ru: '', en: '' }, url: '/p' },
  ];
  const asked = [];
  const signAll = (contents) => {
    asked.push(contents.length);
    return contents.map((c) => sign.signDetached(keyFile('head'), 'demo', c));
  };
  const two = await sign.signDrafts(drafts, async (u) => bytes[u], signAll);
  assert.deepEqual(asked, [2], 'one request for both documents (one NCALayer prompt)');
  assert.deepEqual(Object.keys(two.signatures), ['decision_notice', 'permit']);
  assert.equal(two.signature, undefined);
  assert.ok(verify(two.signatures.decision_notice, notice).ok);
  assert.ok(verify(two.signatures.permit, permit).ok);
  assert.ok(!verify(two.signatures.permit, notice).ok, 'each signature covers its own document');
  const one = await sign.signDrafts(drafts.slice(0, 1), async (u) => bytes[u], signAll);
  assert.ok(verify(one.signature, notice).ok);
  assert.equal(one.signatures, undefined);
  await assert.rejects(sign.signDrafts([], async () => notice, signAll));
  // A signer that answers with the wrong number of signatures is not taken at its word.
  await assert.rejects(sign.signDrafts(drafts, async (u) => bytes[u], () => ['only one']));
});
