// Every code the case page, the card and the calendar may print has words in each language:
// the actions recorded on a case's timeline and the working calendar's kinds of day, collected
// from the C++ sources (not from a list), so a new action or kind without words fails here
// instead of reaching the screen as `document.read` or `carried_holiday`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcRoot = path.resolve(webRoot, '../src');
const LANGS = ['kk', 'ru', 'en'];
const catalogs = Object.fromEntries(
  LANGS.map((l) => [l, JSON.parse(readFileSync(path.join(webRoot, 'src/locales', `${l}.json`), 'utf8'))]),
);

function sources(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'testing') sources(p, out);
    } else if (/\.(cpp|h)$/.test(name) && !/(_test|_pgtest|_suite|_support)\.(cpp|h)$/.test(name)) {
      out.push(p);
    }
  }
  return out;
}

// An audit event of a case is written {at, actor, "<action>", "case", <id>, ...}: the action is
// the literal just before the entity "case".
export function caseActions() {
  const found = new Set();
  for (const file of sources(srcRoot)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/"([a-z_]+\.[a-z_]+)",\s*"case",/g)) found.add(m[1]);
  }
  return found;
}

// The kinds of day: the names DayKindName returns.
export function dayKinds() {
  const text = readFileSync(path.join(srcRoot, 'core/work_calendar.cpp'), 'utf8');
  const body = text.slice(text.indexOf('const char* DayKindName('));
  const fn = body.slice(0, body.indexOf('\n}\n'));
  return new Set([...fn.matchAll(/return "([a-z_]+)";/g)].map((m) => m[1]));
}

function missing(prefix, codes) {
  const out = [];
  for (const code of codes) {
    for (const lang of LANGS) {
      const text = catalogs[lang][`${prefix}.${code}`];
      if (!text || !text.trim()) out.push(`${lang}: ${prefix}.${code}`);
    }
  }
  return out;
}

test('the scans find the actions and the kinds of day', () => {
  const actions = caseActions();
  assert.ok(actions.size >= 20, `only ${actions.size} actions found: the scan is broken`);
  for (const a of ['case.create', 'task.complete', 'document.read', 'result.issue']) assert.ok(actions.has(a), a);
  const kinds = dayKinds();
  assert.ok(kinds.has('workday') && kinds.has('carried_holiday'), [...kinds].join(', '));
});

test('every action recorded on a case has words in each language', () => {
  assert.deepEqual(missing('event', caseActions()), []);
});

test('every kind of day has words in each language', () => {
  assert.deepEqual(missing('daykind', dayKinds()), []);
});
