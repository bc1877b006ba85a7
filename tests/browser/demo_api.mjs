// The API as the demo accounts use it from a browser test: sign-in tokens kept per login,
// requests that assert their status, detached CMS signatures with the dev CA's key files (as the
// browser makes them), and tasks completed the way a user would. Bound to a file's `env` (its
// `base` and `tmp` are read at call time, after `before` has run).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const DEMO_EMPLOYER_BIN = '080540001238';
// The data of an S4a application of the demo employer (category 3, two workers).
export const S4A_DATA = { consent: true, category: 3, workers: 2, occupation: '2', region: '431010000', term_months: 12 };

export function demoApi(env) {
  const tokens = new Map();
  async function token(login) {
    if (!tokens.has(login)) {
      const res = await fetch(`${env.base}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'demo' }),
      });
      assert.equal(res.status, 200, `sign-in of ${login}`);
      tokens.set(login, (await res.json()).token);
    }
    return tokens.get(login);
  }
  async function api(login, method, route, body) {
    const headers = { authorization: `Bearer ${await token(login)}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${env.base}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, raw: text };
  }
  async function ok(login, method, route, body, status = 200) {
    const r = await api(login, method, route, body);
    assert.equal(r.status, status, `${login} ${method} ${route}: ${r.raw}`);
    return r.body;
  }
  // A detached CMS signature (DER, base64) with the dev CA's key file of `key`.
  function sign(key, bytes) {
    const ca = path.join(env.tmp, 'dev-ca');
    const pem = path.join(ca, `${key}.signer.pem`);
    if (!existsSync(pem)) {
      execFileSync('openssl', ['pkcs12', '-in', path.join(ca, `${key}.p12`), '-passin', 'pass:demo', '-nodes', '-out', pem]);
    }
    return execFileSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-signer', pem, '-outform', 'DER'], { input: bytes }).toString('base64');
  }
  // The case's open task in `login`'s queue, completed with `outcome` (signed where the step asks).
  async function work(caseId, login, outcome, data = {}) {
    const task = (await ok(login, 'GET', '/api/v1/tasks')).find((t) => t.case_id === caseId);
    assert.ok(task, `a task of case ${caseId} in the queue of ${login}`);
    const body = { outcome, data };
    if (task.signature_required) {
      const res = await fetch(`${env.base}/api/v1/tasks/${task.id}/document`, { headers: { authorization: `Bearer ${await token(login)}` } });
      assert.equal(res.status, 200);
      body.signature = sign(login, Buffer.from(await res.arrayBuffer()));
    }
    return ok(login, 'POST', `/api/v1/tasks/${task.id}/complete`, body);
  }
  // An application from the seeker's cabinet, signed with the seeker's key file over the
  // server's single-use challenge.
  async function fileFromCabinet(process, login = 'seeker', office = 'kzo-city') {
    const { challenge } = await ok(login, 'POST', '/api/v1/challenges', {}, 201);
    const request = { process, channel: 'portal', office, documents: [{ type: 'application' }], challenge };
    return ok(login, 'POST', '/api/v1/cases', { ...request, signature: sign(login, Buffer.from(canonical(request))) }, 201);
  }
  // S1, S2 or S3 filed at the city office for `iin` and worked through its steps up to the one
  // that ends with `last` ('filed' for none): accepted by the clerk, assigned to the executor by
  // the head, approved, signed by the head, handed over by the clerk. The case as it then is.
  const officeTurns = [['clerk', 'accepted'], ['head', 'assigned', { assignee: 'executor' }],
    ['executor', 'approve'], ['head', 'signed'], ['clerk', 'handed_over']];
  async function atOffice(process, iin, last = 'handed_over') {
    let kase = await ok('clerk', 'POST', '/api/v1/cases', {
      process, channel: 'office', applicant: { iin },
      documents: [{ type: 'application' }, { type: 'identity_document', valid_until: '2031-01-01' }],
    }, 201);
    for (const [login, outcome, data] of last === 'filed' ? [] : officeTurns) {
      kase = await work(kase.id, login, outcome, data);
      if (outcome === last) break;
    }
    return kase;
  }
  // Approved through to the hand-over: the ended case.
  const approvedAtOffice = (process, iin) => atOffice(process, iin);
  // An S4 case of the demo employer («Арал Балық» ЖШС) filed at the oblast office by its clerk
  // with the documents the definition asks at the office.
  async function atOblast(process, data) {
    const documents = (await ok('oblast-clerk', 'GET', '/api/v1/processes'))
      .find((p) => p.code === process)
      .documents.filter((d) => !d.channel || d.channel === 'office')
      .map((d) => ({ type: d.type }));
    return ok('oblast-clerk', 'POST', '/api/v1/cases', {
      process, channel: 'office', applicant: { bin: DEMO_EMPLOYER_BIN }, documents, data,
    }, 201);
  }
  return { token, api, ok, sign, work, fileFromCabinet, atOffice, approvedAtOffice, atOblast };
}

// The server's canonical JSON: keys sorted, no spaces (the requests here are ASCII keys only).
export function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

// Polls `check` until it gives something truthy, failing after `ms`.
export async function waitFor(what, check, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found) return found;
    assert.ok(Date.now() < until, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
