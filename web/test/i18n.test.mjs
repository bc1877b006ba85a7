// The kk / ru / en catalogs: the same keys in each, nothing empty or left in English, the
// same placeholders, and every key the app asks for present, including the codes it shows
// from the process definitions (documents, outcomes, results) and the roles; and the server's
// field keys the browser checks with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { webRoot } from './node-build.mjs';

const repo = path.join(webRoot, '..');
const load = (lang) => JSON.parse(readFileSync(path.join(webRoot, 'src/locales', `${lang}.json`), 'utf8'));
const catalogs = { kk: load('kk'), ru: load('ru'), en: load('en') };
const keys = Object.keys(catalogs.en);
const namespaces = new Set(keys.map((k) => k.split('.')[0]));

function files(dir, ext) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), ext) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : [],
  );
}
const sources = files(path.join(webRoot, 'src'), '.ts').map((f) => readFileSync(f, 'utf8')).join('\n');
const definitions = files(path.join(repo, 'processes'), '.yaml').map((f) => readFileSync(f, 'utf8')).join('\n');

function codes(regex, text) {
  return [...new Set([...text.matchAll(regex)].map((m) => m[1]))];
}
function missing(wanted) {
  const out = [];
  for (const lang of ['kk', 'ru', 'en']) for (const k of wanted) if (!(k in catalogs[lang])) out.push(`${lang}: ${k}`);
  return out;
}

test('every language has the same keys', () => {
  for (const lang of ['kk', 'ru']) {
    assert.deepEqual(Object.keys(catalogs[lang]).sort(), [...keys].sort(), lang);
  }
});

test('no message is empty, and kk and ru are not left in English', () => {
  const bad = [];
  for (const lang of ['kk', 'ru', 'en']) {
    for (const [k, v] of Object.entries(catalogs[lang])) if (typeof v !== 'string' || !v.trim()) bad.push(`${lang}: ${k}`);
  }
  // The same text as English is fine for names (jumys, "Қазақша") but not for English words.
  for (const lang of ['kk', 'ru']) {
    for (const k of keys) {
      const v = catalogs[lang][k];
      if (v === catalogs.en[k] && /[A-Za-z]{3,}/.test(v.replace(/\{\w+\}/g, '')) && !/^(app\.name|lang\.)/.test(k)) {
        bad.push(`${lang}: ${k} untranslated`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('placeholders match across languages', () => {
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  const bad = keys.filter((k) => ['kk', 'ru'].some((l) => names(catalogs[l][k]) !== names(catalogs.en[k])));
  assert.deepEqual(bad, []);
});

test('every key written in the code exists', () => {
  const literal = codes(/['`]([a-z_]+\.[a-z0-9_.]+)['`]/g, sources).filter((k) => namespaces.has(k.split('.')[0]));
  assert.ok(literal.length > 100, `only ${literal.length} keys found: the scan is broken`);
  assert.deepEqual(missing(literal), []);
});

test('keys built at run time exist: weekdays, signing errors, languages', () => {
  const wanted = [
    ...['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `day.${d}`),
    ...codes(/'(bad_password|no_key|bad_file)'/g, sources).map((r) => `sign.error.${r}`),
    ...['kk', 'ru', 'en'].map((l) => `lang.${l}`),
  ];
  assert.deepEqual(missing(wanted), []);
});

// The field checks the browser makes itself use the server's keys, worded in locales/server.
test('every server key the browser checks with has words in kk, ru and en', () => {
  const server = Object.fromEntries(
    ['kk', 'ru', 'en'].map((l) => [l, JSON.parse(readFileSync(path.join(webRoot, 'src/locales/server', `${l}.json`), 'utf8'))]),
  );
  const used = codes(/'(field\.[a-z_]+)'/g, sources);
  assert.ok(used.length >= 10, `only ${used.length} field keys found: the scan is broken`);
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  const bad = [];
  for (const lang of ['kk', 'ru', 'en']) {
    for (const k of used) {
      if (!server[lang][k]?.trim()) bad.push(`${lang}: ${k}`);
      else if (names(server[lang][k]) !== names(server.en[k] ?? '')) bad.push(`${lang}: ${k} placeholders`);
    }
  }
  assert.deepEqual(bad, []);
});

test('every document type, outcome and result of the process definitions has words', () => {
  const docs = codes(/\{type: ([a-z_]+)/g, definitions).map((c) => `doc.${c}`);
  // Outcomes are written inline ({id: x, ...}) or as a block item nested under a step.
  const outcomes = [
    ...codes(/\{id: ([a-z_]+)/g, definitions),
    ...codes(/^ {6,}- id: ([a-z_]+)/gm, definitions),
  ].map((c) => `outcome.${c}`);
  const results = codes(/(?:decides|end|result): ([a-z_]+)/g, definitions).map((c) => `result.${c}`);
  assert.ok(docs.length >= 5 && outcomes.length >= 20 && results.length >= 5, 'the definitions scan is broken');
  assert.deepEqual(missing([...docs, ...outcomes, ...results]), []);
});

test('every role has words', () => {
  const roles = codes(/"([a-z_]+)"/g, readFileSync(path.join(repo, 'src/domain/roles.cpp'), 'utf8')).map((r) => `role.${r}`);
  assert.ok(roles.length >= 10);
  assert.deepEqual(missing(roles), []);
});
