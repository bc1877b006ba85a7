// The fields a definition declares, as the server serves them (a task's step and outcomes, a
// process's intake), and what the browser checks before sending: the server's own rules under
// the server's own message keys, so one catalogue words both. No DOM here (forms.ts draws).
import { isDate, isDay } from './dates';
import type { Localized } from './types';

export type FieldType =
  | 'text'
  | 'number'
  | 'money'
  | 'date'
  | 'boolean'
  | 'choice'
  | 'person'
  | 'employer'
  | 'office'
  | 'staff'
  | 'list'
  | 'group'
  | 'classifier'
  | 'vacancy'
  | 'iban';

export interface FieldOption {
  value: string;
  label: Localized;
}

export interface FieldSpec {
  name?: string; // absent on a list's item
  type: FieldType;
  required?: boolean;
  label?: Localized;
  hint?: Localized;
  min?: number;
  max?: number;
  min_length?: number;
  max_length?: number;
  pattern?: string;
  not_past?: boolean;
  not_future?: boolean;
  role?: string;
  classifier?: 'nkz' | 'kato'; // classifier: whose code (GET /api/v1/reference/{kind})
  prefix?: string;
  min_level?: number;
  max_level?: number;
  min_items?: number;
  max_items?: number;
  options?: FieldOption[];
  item?: FieldSpec;
  fields?: FieldSpec[];
  when?: { field: string; equals: string | boolean };
  outcome?: string;
}

// The server's defaults where a field declares no bound.
export const DEFAULT_MAX_LENGTH = 1000;
export const DEFAULT_MAX_ITEMS = 100;

// What the user entered, shaped like the fields: text as typed, a checkbox's state, a list's
// rows, a group's members. A date input the browser cannot read is BAD_DATE.
export type Raw = string | boolean | Raw[] | { [name: string]: Raw };
export const BAD_DATE = '\u0000bad-date';

// One problem with one value, by message key: a server key (`field.*`, words in
// locales/server) or, with `ui`, a key of the app's own catalogue for what only typing can get
// wrong (an amount with three decimals never reaches the server).
export interface Problem {
  path: string;
  key: string;
  params: Record<string, string>;
  english: string;
  ui?: boolean;
}
type Found = Omit<Problem, 'path'>;

function problem(key: string, english: string, params: Record<string, string> = {}, ui = false): Found {
  const text = english.replace(/\{(\w+)\}/g, (_, n: string) => params[n] ?? `{${n}}`);
  return ui ? { key, params, english: text, ui } : { key, params, english: text };
}

// Tenge as typed ("184600", "184 600,50", "12.5") to integer tiyn, by string arithmetic so that
// no binary fraction rounds a tiyn away; null when it is not an amount with at most 2 decimals.
export function tengeToTiyn(text: string): number | null {
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f]/g, ''));
  if (!m) return null;
  const whole = m[1].replace(/^0+(?=\d)/, '');
  if (whole.length > 14) return null;
  const tiyn = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(tiyn) ? tiyn : null;
}

// Tiyn as tenge for people: thousands apart, the tiyn only when there are any.
export function formatTiyn(tiyn: number, decimalMark = ','): string {
  const digits = String(Math.abs(Math.trunc(tiyn))).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, '\u00a0');
  const fraction = digits.slice(-2);
  return `${tiyn < 0 ? '-' : ''}${whole}${fraction === '00' ? '' : decimalMark + fraction}`;
}

// The check digit of an IIN or BIN (core/identifiers.cpp): weights 1..11, then 3..11,1,2 when
// the first sum leaves 10; a serial whose second sum leaves 10 has none.
function checkDigit(first11: string): number | null {
  const sum = (weights: number[]) => weights.reduce((s, w, i) => s + w * Number(first11[i]), 0) % 11;
  let digit = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (digit === 10) digit = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return digit === 10 ? null : digit;
}

// An IIN as the server takes it: 12 digits, a birth date with its century digit, the check digit.
export function validIin(text: string): boolean {
  if (!/^\d{12}$/.test(text)) return false;
  const century = Number(text[6]);
  if (century < 1 || century > 6) return false;
  const year = 1800 + 100 * Math.floor((century - 1) / 2) + Number(text.slice(0, 2));
  if (!isDay(year, Number(text.slice(2, 4)), Number(text.slice(4, 6)))) return false;
  return checkDigit(text.slice(0, 11)) === Number(text[11]);
}

// A BIN: 12 digits, registration month, entity type 4-6, unit 0-3, the check digit.
export function validBin(text: string): boolean {
  if (!/^\d{12}$/.test(text)) return false;
  const month = Number(text.slice(2, 4));
  if (month < 1 || month > 12) return false;
  if (!'456'.includes(text[4]) || Number(text[5]) > 3) return false;
  return checkDigit(text.slice(0, 11)) === Number(text[11]);
}

// A Kazakh IBAN: KZ, 2 check digits, 16 digits or capitals; moved and read as a number it is 1 mod 97.
export function validIban(text: string): boolean {
  if (!/^KZ\d{2}[0-9A-Z]{16}$/.test(text)) return false;
  let rest = 0;
  for (const c of text.slice(4) + text.slice(0, 4)) {
    const n = parseInt(c, 36);
    rest = (rest * (n > 9 ? 100 : 10) + n) % 97;
  }
  return rest === 1;
}

function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true; // the server compiled it; a browser that cannot leaves the check to the server
  }
}

// A bound broken, under the server's key: both bounds, or the one the field declares.
function outOfRange(spec: FieldSpec, show: (n: number) => string): Found {
  if (spec.min !== undefined && spec.max !== undefined) {
    return problem('field.out_of_range', 'must be between {min} and {max}', { min: show(spec.min), max: show(spec.max) });
  }
  if (spec.min !== undefined) return problem('field.too_small', 'must be at least {min}', { min: show(spec.min) });
  return problem('field.too_large', 'must be at most {max}', { max: show(spec.max ?? Number.MAX_SAFE_INTEGER) });
}

// The server counts money bounds in tiyn; people read them in tenge.
export function boundsInTenge(params: Record<string, string>): Record<string, string> {
  const out = { ...params };
  for (const key of ['min', 'max']) {
    if (/^-?\d+$/.test(out[key] ?? '')) out[key] = formatTiyn(Number(out[key]));
  }
  return out;
}

function within(spec: FieldSpec, n: number): boolean {
  return (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
}

// One value typed into one field: its JSON value, a problem, or null when nothing was entered.
// `today` is Kazakhstan's date (YYYY-MM-DD), against which not_past / not_future hold.
export function readScalar(
  spec: FieldSpec,
  raw: Raw | undefined,
  today: string,
): { value: unknown } | { problem: Found } | null {
  if (spec.type === 'boolean') return { value: raw === true };
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (!value) return null;
  switch (spec.type) {
    case 'text': {
      const length = [...value].length;
      if (spec.min_length !== undefined && length < spec.min_length) {
        return { problem: problem('field.too_short', 'must be at least {min} characters', { min: String(spec.min_length) }) };
      }
      const max = spec.max_length ?? DEFAULT_MAX_LENGTH;
      if (length > max) return { problem: problem('field.too_long', 'must be at most {max} characters', { max: String(max) }) };
      if (spec.pattern && !fullMatch(spec.pattern, value)) return { problem: problem('field.pattern', 'is not in the expected form') };
      return { value };
    }
    case 'vacancy': // a vacancy's number; the server says whether it is offered
    case 'number': {
      if (!/^[+-]?\d+$/.test(value)) return { problem: problem('field.not_integer', 'must be a whole number') };
      const n = Number(value);
      if (!Number.isSafeInteger(n) || !within(spec, n)) return { problem: outOfRange(spec, String) };
      return { value: n };
    }
    case 'money': {
      const tiyn = tengeToTiyn(value);
      if (tiyn === null) return { problem: problem('form.not_money', 'must be an amount in tenge with at most 2 decimals', {}, true) };
      if (!within(spec, tiyn)) return { problem: outOfRange(spec, (n) => formatTiyn(n)) };
      return { value: { amount: tiyn, currency: 'KZT' } };
    }
    case 'date':
      if (raw === BAD_DATE || !isDate(value)) return { problem: problem('field.not_date', 'must be a date YYYY-MM-DD') };
      if (spec.not_past && value < today) return { problem: problem('field.date_past', 'must not be in the past') };
      if (spec.not_future && value > today) return { problem: problem('field.date_future', 'must not be in the future') };
      return { value };
    case 'choice': {
      const values = (spec.options ?? []).map((o) => o.value);
      if (!values.includes(value)) return { problem: problem('field.not_option', 'must be one of: {options}', { options: values.join(', ') }) };
      return { value };
    }
    case 'person':
      return validIin(value) ? { value } : { problem: problem('field.iin_invalid', 'is not a valid IIN') };
    case 'employer':
      return validBin(value) ? { value } : { problem: problem('field.bin_invalid', 'is not a valid BIN') };
    case 'iban':
      return validIban(value) ? { value } : { problem: problem('field.iban_invalid', 'is not a valid IBAN') };
    default:
      // office, staff: chosen from the server's own lists; classifier: a code chosen or typed,
      // which the server looks up
      return { value };
  }
}

function isRecord(raw: Raw | undefined): raw is { [name: string]: Raw } {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

// Nothing entered anywhere inside (an unticked box counts as nothing).
export function isBlank(raw: Raw | undefined): boolean {
  if (raw === undefined || raw === false) return true;
  if (typeof raw === 'string') return !raw.trim();
  if (raw === true) return false;
  if (Array.isArray(raw)) return raw.every(isBlank);
  return Object.values(raw).every(isBlank);
}

function matches(raw: Raw | undefined, equals: string | boolean): boolean {
  if (raw === undefined || Array.isArray(raw) || isRecord(raw)) return false;
  return String(typeof raw === 'string' ? raw.trim() : raw) === String(equals);
}

// The names among sibling fields that apply: those without `when`, and those whose `when`
// names a sibling that applies and holds the value it asks for.
export function applicable(fields: FieldSpec[], raw: Record<string, Raw>): Set<string> {
  const byName = new Map(fields.filter((f) => f.name).map((f) => [f.name!, f]));
  const memo = new Map<string, boolean>();
  const applies = (name: string, depth: number): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const spec = byName.get(name);
    let on = !!spec && depth < byName.size + 1;
    if (on && spec!.when) on = applies(spec!.when.field, depth + 1) && matches(raw[spec!.when.field], spec!.when.equals);
    memo.set(name, on);
    return on;
  };
  return new Set([...byName.keys()].filter((n) => applies(n, 0)));
}

export interface Collected {
  data: Record<string, unknown>;
  problems: Problem[];
}

const REQUIRED = problem('field.required', 'is required');

function readField(spec: FieldSpec, raw: Raw | undefined, today: string, path: string, required: boolean): { value?: unknown; problems: Problem[] } {
  if (spec.type === 'group') {
    const members = isRecord(raw) ? raw : {};
    if (!required && isBlank(members)) return { problems: [] };
    const inner = collect(spec.fields ?? [], members, today, path);
    return { value: inner.data, problems: inner.problems };
  }
  if (spec.type === 'list') {
    const rows = Array.isArray(raw) ? raw : [];
    if (!rows.length) return { problems: required ? [{ path, ...REQUIRED }] : [] };
    const problems: Problem[] = [];
    const items: unknown[] = [];
    rows.forEach((row, i) => {
      const item = readField(spec.item ?? { type: 'text' }, row, today, `${path}[${i}]`, true);
      problems.push(...item.problems);
      items.push(item.value);
    });
    if (spec.min_items !== undefined && rows.length < spec.min_items) {
      problems.push({ path, ...problem('field.too_few_items', 'must have at least {min} items', { min: String(spec.min_items) }) });
    }
    const max = spec.max_items ?? DEFAULT_MAX_ITEMS;
    if (rows.length > max) problems.push({ path, ...problem('field.too_many_items', 'must have at most {max} items', { max: String(max) }) });
    return { value: items, problems };
  }
  const read = readScalar(spec, raw, today);
  if (read === null) return { problems: required ? [{ path, ...REQUIRED }] : [] };
  if ('problem' in read) return { problems: [{ path, ...read.problem }] };
  return { value: read.value, problems: [] };
}

// The request's `data` from what was entered, and every problem the browser can see, at the
// paths the server names them (`data.payment.amount`, `data.members[2].iin`). Fields whose
// `when` does not hold are left out, as the server would refuse them.
export function collect(fields: FieldSpec[], raw: Record<string, Raw>, today: string, path = 'data'): Collected {
  const data: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const on = applicable(fields, raw);
  for (const spec of fields) {
    if (!spec.name || !on.has(spec.name)) continue;
    const read = readField(spec, raw[spec.name], today, `${path}.${spec.name}`, !!spec.required);
    problems.push(...read.problems);
    if (read.value !== undefined) data[spec.name] = read.value;
  }
  return { data, problems };
}

// A path one step up: "data.members[2].iin" → "data.members[2]" → "data.members" → "data".
export function parentPath(path: string): string | null {
  const m = /^(.*)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
  return m && m[1] ? m[1] : null;
}
