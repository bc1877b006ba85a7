// The message keys the server can return, collected from its sources: every `"some.key"_msg`
// literal in src/ outside test code, with the English text that follows it when that is one
// string literal (adjacent literals joined), as in `Error::Invalid("iin.format"_msg, "IIN must
// be 12 digits")`. Comments are skipped, so a key quoted in a comment does not count.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const srcRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

// Test code may use keys of its own ("test.message") that no catalogue holds.
export function isTestSource(file) {
  const rel = path.relative(srcRoot, file).split(path.sep);
  const name = rel[rel.length - 1];
  return (
    rel.includes('testing') ||
    /_test\.cpp$|_pgtest\.cpp$|_suite\.h$|test_support\.h$/.test(name)
  );
}

export function serverSources(dir = srcRoot) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return serverSources(full);
    return /\.(cpp|h)$/.test(e.name) && !isTestSource(full) ? [full] : [];
  });
}

const ESCAPES = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'", '?': '?' };

// C++ source as a list of tokens: string literals {type: 'string', value, suffix} and single
// other characters/words {type: 'other', value}; comments and whitespace dropped.
export function tokens(text) {
  const out = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === 'R' && text[i + 1] === '"' && !/\w/.test(text[i - 1] ?? '')) {
      const open = text.indexOf('(', i + 2);
      const delimiter = text.slice(i + 2, open);
      const close = text.indexOf(`)${delimiter}"`, open + 1);
      out.push({ type: 'string', value: text.slice(open + 1, close), suffix: '' });
      i = close + delimiter.length + 2;
    } else if (c === '"') {
      let value = '';
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\') {
          const e = text[i + 1];
          if (e === 'x') {
            const hex = /^[0-9a-fA-F]+/.exec(text.slice(i + 2))[0];
            value += String.fromCharCode(parseInt(hex, 16));
            i += 2 + hex.length;
            continue;
          }
          value += ESCAPES[e] ?? e;
          i += 2;
        } else {
          value += text[i++];
        }
      }
      i++;
      const suffix = /^[A-Za-z_]\w*/.exec(text.slice(i))?.[0] ?? '';
      i += suffix.length;
      out.push({ type: 'string', value, suffix });
    } else if (c === "'") {
      // A character literal (or a digit separator, as in 1'000'000: harmless either way).
      const m = /^'(\\.|[^'\\])*'/.exec(text.slice(i));
      i += m ? m[0].length : 1;
    } else {
      const word = /^\w+/.exec(text.slice(i))?.[0];
      out.push({ type: 'other', value: word ?? c });
      i += word ? word.length : 1;
    }
  }
  return out;
}

// What the `_msg` literal accepts: lower-case words joined by dots.
const KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;

// Map key -> {english: Set of texts found after it, files: Set}.
export function collectKeys(files = serverSources()) {
  const keys = new Map();
  for (const file of files) {
    const toks = tokens(readFileSync(file, 'utf8'));
    toks.forEach((tok, i) => {
      if (tok.type !== 'string' || tok.suffix !== '_msg' || !KEY.test(tok.value)) return;
      const entry = keys.get(tok.value) ?? { english: new Set(), files: new Set() };
      entry.files.add(path.relative(srcRoot, file));
      keys.set(tok.value, entry);
      if (toks[i + 1]?.value !== ',') return;
      let j = i + 2;
      let english = null;
      while (toks[j]?.type === 'string' && toks[j].suffix === '') english = (english ?? '') + toks[j++].value;
      // Only a whole literal argument: not `"text" + more` nor a call on it.
      if (english !== null && [',', ')'].includes(toks[j]?.value)) entry.english.add(english);
    });
  }
  return keys;
}

export function placeholders(text) {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}
