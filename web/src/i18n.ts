// kk / ru / en message catalogs. The choice is kept in localStorage; Kazakh is the default.
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';
import serverEn from './locales/server/en.json';
import serverKk from './locales/server/kk.json';
import serverRu from './locales/server/ru.json';
import { zonedParts } from './dates';
import type { Localized } from './types';

export type Lang = 'kk' | 'ru' | 'en';
export const LANGS: Lang[] = ['kk', 'ru', 'en'];
const CATALOGS: Record<Lang, Record<string, string>> = { kk, ru, en };
// The server's messages by key (its `key` and `params`): one catalogue per language.
const SERVER: Record<Lang, Record<string, string>> = { kk: serverKk, ru: serverRu, en: serverEn };
const STORAGE_KEY = 'jumys.lang';

function initial(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return LANGS.includes(saved as Lang) ? (saved as Lang) : 'kk';
}

let current: Lang = initial();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

// A missing key shows itself in brackets, so that it is noticed; the catalog test keeps it rare.
function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export function t(key: string, vars: Record<string, string | number> = {}): string {
  return fill(CATALOGS[current][key] ?? CATALOGS.en[key] ?? `[${key}]`, vars);
}

// A message the server sent by key, in the user's language; its English text when the key is
// newer than this app.
export function serverText(key: string, params: Record<string, string>, english: string): string {
  const text = SERVER[current][key] ?? SERVER.en[key];
  if (text === undefined) return english;
  // A day among the params (the notice's date, a period's ends) reads as every other date.
  const shown = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, /^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? formatDay(v) : v]));
  return fill(text, shown);
}

// A code from the server (outcome, document type, event) in words, or the code when unknown.
export function label(prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return CATALOGS[current][key] ?? CATALOGS.en[key] ?? code;
}

export function loc(text: Localized | undefined | null): string {
  if (!text) return '';
  return text[current] || text.ru || text.en || '';
}

const LOCALES: Record<Lang, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

// Whether a count takes the language's singular ("1 unread", "21 непрочитанное"): the message
// then has a key of its own, ending in `_one`.
export function isOne(n: number): boolean {
  return new Intl.PluralRules(LOCALES[current]).select(n) === 'one';
}

// Dates read one way on every page and in every language: day.month.year with four digits,
// as Kazakhstan writes them and as the printed documents do (04.12.2026); an instant adds the
// time of day on the 24-hour clock (04.12.2026 10:30), joined by a no-break space so that a
// narrow table cell does not part the date from its time.
function dayOf(year: string, month: string, day: string): string {
  return `${day}.${month}.${year}`;
}

// A calendar day written YYYY-MM-DD (the API's form) as people read it; '—' for none.
export function formatDay(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? dayOf(m[1], m[2], m[3]) : '—';
}

// An instant (RFC 3339) as the date and time in `timeZone`, Kazakhstan's by default.
export function formatInstant(iso: string | null | undefined, timeZone = 'Asia/Qyzylorda'): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  const p = zonedParts(at.getTime(), timeZone);
  return `${dayOf(p.year, p.month, p.day)}\u00a0${p.hour}:${p.minute}`;
}
