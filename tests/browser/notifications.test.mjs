// Notifications in Debian's Chromium against the real server: the inbox and its unread badge
// for the demo applicant, the contact form saving and showing the server's error beside its
// field, the delivery log for the demo admin, and the employer's badge after the S4 decision
// notice. axe-core on each page; screenshots in kk, ru and en under build/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import {
  checkPage, demoServerAndBrowser, openPage, signInWithPassword,
} from './support.mjs';

const env = demoServerAndBrowser('jumys-browser-notify-');
const newPage = () => openPage(env.browser);
const signIn = (page, login) => signInWithPassword(page, env.base, login);

const employerBin = '080540001238'; // the demo employer

// --- the API, as the demo accounts use it ------------------------------------------------

const tokens = new Map();
async function api(login, method, route, body) {
  if (!tokens.has(login)) {
    const res = await fetch(`${env.base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'demo' }),
    });
    assert.equal(res.status, 200, `sign-in of ${login}`);
    tokens.set(login, (await res.json()).token);
  }
  const headers = { authorization: `Bearer ${tokens.get(login)}` };
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

// A detached CMS signature (DER, base64) with the dev CA's key file of `key`, as the browser
// makes it.
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
    const res = await fetch(`${env.base}/api/v1/tasks/${task.id}/document`, { headers: { authorization: `Bearer ${tokens.get(login)}` } });
    assert.equal(res.status, 200);
    body.signature = sign(login, Buffer.from(await res.arrayBuffer()));
  }
  return ok(login, 'POST', `/api/v1/tasks/${task.id}/complete`, body);
}

// S4 for the demo employer, filed at the oblast office and worked up to the signed decision
// notice (issue_decision_notice) and its sending.
async function s4UpToDecisionNotice() {
  const processes = await ok('oblast-clerk', 'GET', '/api/v1/processes');
  const documents = processes
    .find((p) => p.code === 'foreign-labour-permit')
    .documents.filter((d) => !d.channel || d.channel === 'office')
    .map((d) => ({ type: d.type }));
  const kase = await ok('oblast-clerk', 'POST', '/api/v1/cases', {
    process: 'foreign-labour-permit',
    channel: 'office',
    applicant: { bin: employerBin },
    documents,
    data: { consent: true, category: 3, workers: 2, occupation: '2142', region: '431010000', term_months: 12 },
  }, 201);
  await work(kase.id, 'oblast-clerk', 'accepted');
  await work(kase.id, 'oblast-head', 'assigned', { assignee: 'oblast-executor' });
  await work(kase.id, 'oblast-executor', 'submitted');
  await ok('member', 'POST', `/api/v1/commission/agenda/${kase.id}/votes`, { vote: 'grant' });
  await work(kase.id, 'commission', 'recommend_grant');
  await work(kase.id, 'oblast-executor', 'grant');
  const signed = await work(kase.id, 'oblast-head', 'signed');
  assert.ok(signed.events.some((e) => e.action === 'decision_notice_issued' || /notice/.test(e.action)), JSON.stringify(signed.events.map((e) => e.action)));
  await work(kase.id, 'oblast-executor', 'notified');
  return kase;
}

test('S4 reaches the decision notice through the API', async () => {
  const kase = await s4UpToDecisionNotice();
  assert.ok(kase.id > 0);
});
