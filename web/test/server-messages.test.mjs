// The server's messages by key (web/src/locales/server/{kk,ru,en}.json) against the keys its
// code can return, collected from the C++ sources (test/server-keys.mjs), not from a list:
// every key in all three catalogues and no key the code no longer has, nothing empty, kk and
// ru translated, the same {placeholders} everywhere, and the English catalogue the code's own
// text. How to add a message: docs/STYLE.md "Errors".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectKeys, placeholders, tokens } from './server-keys.mjs';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LANGS = ['kk', 'ru', 'en'];
const load = (lang) =>
  JSON.parse(readFileSync(path.join(webRoot, 'src/locales/server', `${lang}.json`), 'utf8'));
const catalogs = Object.fromEntries(LANGS.map((l) => [l, load(l)]));
const code = collectKeys();

test('the scan finds the keys of the code', () => {
  assert.ok(code.size > 150, `only ${code.size} keys found: the scan is broken`);
  for (const key of ['iin.century', 'document.needs_valid_until', 'field.required', 'internal.error']) {
    assert.ok(code.has(key), `${key} not found: the scan is broken`);
  }
  // Keys only tests use are not the server's.
  assert.ok(!code.has('test.message'));
});

test('the scanner reads literals, joins adjacent ones and skips comments', () => {
  const toks = tokens(`// "not.this"_msg\n/* "nor.this"_msg */ f("a.b"_msg, "x \\"{y}\\" " "z", 1'000);`);
  const strings = toks.filter((t) => t.type === 'string');
  assert.deepEqual(
    strings.map((t) => [t.value, t.suffix]),
    [['a.b', '_msg'], ['x "{y}" ', ''], ['z', '']],
  );
});

test('every key the server can return is in every catalogue', () => {
  const missing = [];
  for (const lang of LANGS) {
    for (const key of code.keys()) if (!(key in catalogs[lang])) missing.push(`${lang}: ${key}`);
  }
  assert.deepEqual(missing, [], 'add these keys to web/src/locales/server/<lang>.json');
});

test('no catalogue keeps a key the code no longer has', () => {
  const stale = [];
  for (const lang of LANGS) {
    for (const key of Object.keys(catalogs[lang])) if (!code.has(key)) stale.push(`${lang}: ${key}`);
  }
  assert.deepEqual(stale, [], 'remove these keys from web/src/locales/server/<lang>.json');
});

test('no text is empty, and kk and ru are translated', () => {
  const bad = [];
  for (const lang of LANGS) {
    for (const [key, text] of Object.entries(catalogs[lang])) {
      if (typeof text !== 'string' || !text.trim()) bad.push(`${lang}: ${key} is empty`);
    }
  }
  for (const lang of ['kk', 'ru']) {
    for (const [key, text] of Object.entries(catalogs[lang])) {
      if (typeof text !== 'string') continue;
      if (text === catalogs.en[key] || !/[а-яёәғқңөұүһі]/i.test(text)) {
        bad.push(`${lang}: ${key} is left in English`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('every translation has the placeholders of the English template', () => {
  const bad = [];
  for (const key of Object.keys(catalogs.en)) {
    const want = placeholders(catalogs.en[key]).join(',');
    for (const lang of ['kk', 'ru']) {
      const got = placeholders(catalogs[lang][key] ?? '').join(',');
      if (key in catalogs[lang] && got !== want) bad.push(`${lang}: ${key} has {${got}}, English {${want}}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the English catalogue is the text the code writes after the key', () => {
  const bad = [];
  for (const [key, { english, files }] of code) {
    if (english.size > 1) bad.push(`${key}: different English in the code: ${[...english].join(' | ')}`);
    const [text] = english;
    if (text !== undefined && key in catalogs.en && catalogs.en[key] !== text) {
      bad.push(`${key}: en.json has "${catalogs.en[key]}", ${[...files].join(', ')} "${text}"`);
    }
  }
  assert.deepEqual(bad, []);
});
