// Notifications in the browser without a browser: the inbox's order, where a message's link may
// lead, the contact details checked before sending, and the unread count's polling (one
// request at a time, none while the page is hidden).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importForNode } from './node-build.mjs';

let n;
before(async () => {
  n = (await importForNode('notices')).modules.notices;
});

const origin = 'https://jumys.example.kz';

test('the inbox lists newest first, the later id first within one instant', () => {
  const items = [
    { id: 1, created_at: '2026-12-01T09:00:00Z' },
    { id: 3, created_at: '2026-12-02T09:00:00Z' },
    { id: 2, created_at: '2026-12-02T09:00:00Z' },
    { id: 4, created_at: '2026-11-30T23:59:59Z' },
  ];
  assert.deepEqual(n.newestFirst(items).map((i) => i.id), [3, 2, 1, 4]);
  assert.deepEqual(items.map((i) => i.id), [1, 3, 2, 4], 'the list given is left as it was');
});

test('a message link: this site by its path, the case page in the app, nothing but http(s)', () => {
  assert.deepEqual(n.messageLink('/cases/12', origin), { href: '/cases/12', inApp: true, kind: 'case' });
  assert.deepEqual(n.messageLink(`${origin}/cases/12`, origin), { href: '/cases/12', inApp: true, kind: 'case' });
  // The verification page is the server's HTML: a real navigation, not the app's router.
  assert.deepEqual(n.messageLink(`${origin}/verify/AB12-CD34`, origin), { href: '/verify/AB12-CD34', inApp: false, kind: 'verify' });
  // The server's public address may name another host (or a test server's port 0): the case
  // and verification pages are this site's all the same.
  assert.deepEqual(n.messageLink('http://127.0.0.1:0/cases/12', origin), { href: '/cases/12', inApp: true, kind: 'case' });
  assert.deepEqual(n.messageLink('https://jumys.enbek.kz/verify/X', origin), { href: '/verify/X', inApp: false, kind: 'verify' });
  assert.deepEqual(n.messageLink('https://egov.kz/services?id=1', origin), { href: 'https://egov.kz/services?id=1', inApp: false, kind: 'other' });
  assert.deepEqual(n.messageLink('/queue?x=1#t', origin), { href: '/queue?x=1#t', inApp: false, kind: 'other' });
  for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'JAVASCRIPT:alert(1)', 'vbscript:x', '', null, undefined, 'http://[bad']) {
    assert.equal(n.messageLink(bad, origin), null, String(bad));
  }
  // A link never leads to another site's /cases/ page: it is read as this site's.
  assert.deepEqual(n.messageLink('https://evil.example/cases/12', origin), { href: '/cases/12', inApp: true, kind: 'case' });
});

test('a message body: its addresses apart from the text, closing punctuation left out', () => {
  assert.deepEqual(n.bodyParts('Dear Saule,\n\nFollow it here: https://jumys.kz/cases/12.\nCheck (https://jumys.kz/verify/AB-12), thanks'), [
    { text: 'Dear Saule,\n\nFollow it here: ' },
    { url: 'https://jumys.kz/cases/12' },
    { text: '.\nCheck (' },
    { url: 'https://jumys.kz/verify/AB-12' },
    { text: '), thanks' },
  ]);
  assert.deepEqual(n.bodyParts('http://127.0.0.1:8080/cases/3'), [{ url: 'http://127.0.0.1:8080/cases/3' }]);
  assert.deepEqual(n.bodyParts('«https://jumys.kz/verify/X»'), [{ text: '«' }, { url: 'https://jumys.kz/verify/X' }, { text: '»' }]);
  assert.deepEqual(n.bodyParts('no links, javascript:alert(1) stays text'), [{ text: 'no links, javascript:alert(1) stays text' }]);
  assert.deepEqual(n.bodyParts(''), []);
});

test('e-mail shape and a phone as +7 and 10 digits', () => {
  for (const good of ['a@b.kz', 'saule.akhmetova@mail.kz', 'x+tag@sub.domain.org']) assert.ok(n.validEmail(good), good);
  for (const bad of ['a@b', 'a b@c.kz', '@c.kz', 'a@@c.kz', 'a@.kz', 'a@c..kz', 'a@c.kz.', 'plain']) assert.ok(!n.validEmail(bad), bad);
  assert.equal(n.normalisePhone('+77011234567'), '+77011234567');
  assert.equal(n.normalisePhone('+7 (701) 123-45-67'), '+77011234567');
  assert.equal(n.normalisePhone('+7\u00a0701\u00a0123\u00a045\u00a067'), '+77011234567');
  for (const bad of ['87011234567', '+7701123456', '+770112345678', '+87011234567', '+7701123456a', '7011234567']) {
    assert.equal(n.normalisePhone(bad), null, bad);
  }
});

test('the contact form: what is sent and what is refused before sending', () => {
  const raw = { email: ' saule@mail.kz ', phone: '+7 701 123 45 67', language: 'ru', email_opt_in: true, sms_opt_in: true };
  assert.deepEqual(n.readContacts(raw, true), {
    contacts: { email: 'saule@mail.kz', phone: '+77011234567', language: 'ru', email_opt_in: true, sms_opt_in: true },
    problems: [],
  });
  // Staff have no phone: none is sent, and SMS stays off.
  assert.deepEqual(n.readContacts(raw, false).contacts, { email: 'saule@mail.kz', phone: '', language: 'ru', email_opt_in: true, sms_opt_in: false });
  const problems = (r, withPhone = true) => n.readContacts({ ...raw, ...r }, withPhone).problems.map((p) => `${p.field} ${p.key}`);
  assert.deepEqual(problems({ email: 'saule@mail' }), ['email contacts.email_invalid']);
  assert.deepEqual(problems({ email: '', email_opt_in: true }), ['email contacts.email_needed']);
  assert.deepEqual(problems({ email: '', email_opt_in: false }), []);
  assert.deepEqual(problems({ phone: '8 701 123 45 67' }), ['phone contacts.phone_invalid']);
  assert.deepEqual(problems({ phone: '', sms_opt_in: true }), ['phone contacts.phone_needed']);
  assert.deepEqual(problems({ phone: '', sms_opt_in: false }), []);
  assert.deepEqual(problems({ phone: 'nonsense', email: 'x' }, false), ['email contacts.email_invalid']);
  assert.deepEqual(problems({ phone: 'nonsense', email: 'x' }), ['email contacts.email_invalid', 'phone contacts.phone_invalid']);
});

test('the server names a field by path; the form by name', () => {
  assert.equal(n.detailField('email'), 'email');
  assert.equal(n.detailField('body.phone'), 'phone');
  assert.equal(n.detailField('contacts.language'), 'language');
  assert.equal(n.detailField(''), '');
});

test('failed messages may be retried; others may not', () => {
  assert.deepEqual(n.STATUSES.filter(n.retryable), ['temporary-failure', 'permanent-failure', 'technical-failure']);
});

// A hand-driven clock and page visibility for the poller.
function harness({ visible = true } = {}) {
  const h = { visible, timers: new Map(), nextId: 1, calls: 0, counts: [], pending: [] };
  h.options = {
    intervalMs: 60_000,
    visible: () => h.visible,
    setTimer: (fn, ms) => {
      const id = h.nextId++;
      h.timers.set(id, { fn, ms });
      return id;
    },
    clearTimer: (id) => h.timers.delete(id),
  };
  // Each request waits until the test answers it.
  h.fetch = () => {
    h.calls += 1;
    return new Promise((resolve, reject) => h.pending.push({ resolve, reject }));
  };
  h.answer = async (count) => {
    const p = h.pending.shift();
    assert.ok(p, 'no request in flight');
    p.resolve(count);
    await new Promise((r) => setImmediate(r));
  };
  h.tick = async () => {
    assert.equal(h.timers.size, 1, 'one timer set');
    const [[id, timer]] = h.timers;
    assert.equal(timer.ms, 60_000);
    h.timers.delete(id);
    timer.fn();
    await new Promise((r) => setImmediate(r));
  };
  h.poller = new n.UnreadPoller(h.fetch, (c) => h.counts.push(c), h.options);
  return h;
}

test('the unread count: one request at a time, refreshes asked meanwhile run once after it', async () => {
  const h = harness();
  const started = h.poller.start();
  assert.equal(h.calls, 1);
  // Three navigations while the first request is out: no new request yet.
  h.poller.refresh();
  h.poller.refresh();
  h.poller.refresh();
  assert.equal(h.calls, 1);
  assert.equal(h.timers.size, 0, 'no timer while a request is out');
  await h.answer(2);
  assert.equal(h.calls, 2, 'one follow-up for the three asked meanwhile');
  assert.equal(h.pending.length, 1);
  await h.answer(3);
  await started;
  assert.deepEqual(h.counts, [2, 3]);
  assert.equal(h.calls, 2);
  // Then every minute, one request per tick.
  await h.tick();
  assert.equal(h.calls, 3);
  assert.equal(h.timers.size, 0);
  await h.answer(0);
  assert.deepEqual(h.counts, [2, 3, 0]);
  assert.equal(h.timers.size, 1);
});

test('the unread count: no ticks while the page is hidden, a fresh count on return', async () => {
  const h = harness();
  h.poller.start();
  await h.answer(1);
  assert.equal(h.timers.size, 1);
  h.visible = false;
  h.poller.visibilityChanged();
  assert.equal(h.timers.size, 0, 'the timer is cleared when hidden');
  h.visible = true;
  h.poller.visibilityChanged();
  assert.equal(h.calls, 2, 'asked again when shown');
  await h.answer(4);
  assert.deepEqual(h.counts, [1, 4]);
  assert.equal(h.timers.size, 1);

  // A page that starts hidden asks once and then waits to be shown.
  const hidden = harness({ visible: false });
  hidden.poller.start();
  await hidden.answer(7);
  assert.equal(hidden.timers.size, 0);
  assert.deepEqual(hidden.counts, [7]);
});

test('the unread count: a failed request keeps the ticks; stopping ends them', async () => {
  const h = harness();
  h.poller.start();
  h.pending.shift().reject(new Error('offline'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(h.counts, []);
  assert.equal(h.timers.size, 1, 'asks again at the next tick');
  await h.tick();
  assert.equal(h.calls, 2);
  h.poller.stop();
  await h.answer(5);
  assert.deepEqual(h.counts, [], 'no count shown after sign-out');
  assert.equal(h.timers.size, 0);
  h.poller.refresh();
  assert.equal(h.calls, 2, 'a stopped poller asks nothing');
});
