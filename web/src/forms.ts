// Forms drawn from the fields the server serves: one input per field, labelled in the user's
// language, with its hint and its error tied to it; `when` shows and enables what applies; the
// server's own checks run as the user types, and the server's per-field errors land beside the
// field they name. Which fields a form has is never written here: it comes from the definition.
import { apiGet, type ApiErrorDetail } from './api';
import { detailText, Invalid, offices, type FieldErrors } from './app';
import { localDate } from './dates';
import { h, uid } from './dom';
import {
  applicable,
  BAD_DATE,
  boundsInTenge,
  collect,
  DEFAULT_MAX_ITEMS,
  DEFAULT_MAX_LENGTH,
  formatTiyn,
  parentPath,
  readScalar,
  type Collected,
  type FieldSpec,
  type Problem,
  type Raw,
} from './fields';
import { lang, loc, serverText, t } from './i18n';
import type { StaffMember } from './types';

// Where a form is filled in: the office whose staff a `staff` field offers.
export interface FormContext {
  office?: string;
}

interface Context extends FormContext {
  staff: Map<string, Promise<StaffMember[] | null>>;
}

// Where a message about one path is shown.
interface Target {
  focus: HTMLElement;
  error: HTMLElement;
  invalid: HTMLElement[];
  spec?: FieldSpec;
}

interface FieldNode {
  element: HTMLElement;
  raw(): Raw;
  setActive(on: boolean): void;
  targets(path: string, out: Map<string, Target>): void;
  retitle(title: string): void;
}

// Radios read better than a list box for a few options the user must choose among.
const MAX_RADIOS = 4;
// The error text waits for a pause in typing (or leaving the field); a shown error clears as
// soon as the value is right.
const TYPING_PAUSE_MS = 700;

export function today(): string {
  return localDate(Date.now());
}

export function problemText(p: Pick<Problem, 'key' | 'params' | 'english' | 'ui'>): string {
  return p.ui ? t(p.key, p.params) : serverText(p.key, p.params, p.english);
}

function decimalMark(): string {
  return lang() === 'en' ? '.' : ',';
}

// Beside its field a message stands alone, so it starts with a capital ("must be between 1
// and 1000" reads as part of a sentence in the English catalogue).
function asSentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function showError(target: Target, raw: string): void {
  const text = asSentence(raw);
  target.error.textContent = target.error.textContent ? `${target.error.textContent} ${text}` : text;
  target.error.hidden = false;
  for (const el of target.invalid) el.setAttribute('aria-invalid', 'true');
}

function clearError(target: Target): void {
  target.error.textContent = '';
  target.error.hidden = true;
  for (const el of target.invalid) el.removeAttribute('aria-invalid');
}

// Whether the field an error element belongs to is on screen (the element itself is hidden
// while empty).
function shown(error: HTMLElement): boolean {
  const field = error.parentElement;
  return !!field && !field.closest('[hidden]') && !field.closest('fieldset[disabled]');
}

// The first control the user can reach inside an element.
function firstControl(within: HTMLElement): HTMLElement | null {
  const controls = within.querySelectorAll<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])');
  return [...controls].find((el) => !el.closest('[hidden]')) ?? null;
}

function titleParts(title: string, required: boolean): [HTMLElement, HTMLElement | null] {
  const text = h('span', null, title);
  // The control carries `required` for assistive technology; the words are for the eye.
  const mark = required ? h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ` (${t('form.required')})`) : null;
  return [text, mark];
}

function hintOf(spec: FieldSpec): string {
  const own = loc(spec.hint);
  const format =
    spec.type === 'money'
      ? t('form.money_hint')
      : spec.type === 'person'
        ? t('form.iin_hint')
        : spec.type === 'employer'
          ? t('form.bin_hint')
          : '';
  return [own, format].filter(Boolean).join(' ');
}

async function staffOf(ctx: Context, role: string | undefined): Promise<StaffMember[] | null> {
  if (!ctx.office) return null;
  const key = `${ctx.office}|${role ?? ''}`;
  let found = ctx.staff.get(key);
  if (!found) {
    const q = role ? `?role=${encodeURIComponent(role)}` : '';
    found = apiGet<{ items: StaffMember[] }>(`/api/v1/offices/${encodeURIComponent(ctx.office)}/staff${q}`).then(
      (r) => r.items,
      () => null, // not ours to list: the login is typed instead, and the server checks it
    );
    ctx.staff.set(key, found);
  }
  return found;
}

function emptyOption(): HTMLOptionElement {
  return h('option', { value: '' }, t('form.choose'));
}

// The control of a field that takes one value, and how to read it.
async function scalarControl(
  spec: FieldSpec,
  ctx: Context,
  id: string,
  name: string,
): Promise<{ control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement; read(): Raw; typed: boolean }> {
  const common = { id, name, required: !!spec.required };
  const textual = (attrs: Record<string, unknown>) => {
    const input = h('input', { ...common, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
    return { control: input, read: () => input.value, typed: true };
  };
  switch (spec.type) {
    case 'text': {
      const max = spec.max_length ?? DEFAULT_MAX_LENGTH;
      if (spec.max_length !== undefined && spec.max_length > 300) {
        const area = h('textarea', { ...common, rows: 4, maxlength: max });
        return { control: area, read: () => area.value, typed: true };
      }
      return textual({ maxlength: max, spellcheck: undefined });
    }
    case 'number':
      return textual({ inputmode: 'numeric' });
    case 'money':
      return textual({ inputmode: 'decimal' });
    case 'person':
    case 'employer':
      return textual({ inputmode: 'numeric', maxlength: 12 });
    case 'date': {
      const input = h('input', {
        ...common,
        type: 'date',
        min: spec.not_past ? today() : undefined,
        max: spec.not_future ? today() : undefined,
      });
      return { control: input, read: () => (input.validity.badInput ? BAD_DATE : input.value), typed: false };
    }
    case 'boolean': {
      const input = h('input', { id, name, type: 'checkbox' });
      return { control: input, read: () => input.checked, typed: false };
    }
    case 'office': {
      const list = await offices();
      const select = h('select', common, emptyOption(), list.map((o) => h('option', { value: o.id }, loc(o.name))));
      return { control: select, read: () => select.value, typed: false };
    }
    case 'staff': {
      const staff = await staffOf(ctx, spec.role);
      if (!staff) return textual({});
      const select = h('select', common, emptyOption(), staff.map((m) => h('option', { value: m.login }, `${m.full_name} (${m.login})`)));
      return { control: select, read: () => select.value, typed: false };
    }
    default: {
      const select = h('select', common, emptyOption(), (spec.options ?? []).map((o) => h('option', { value: o.value }, loc(o.label))));
      return { control: select, read: () => select.value, typed: false };
    }
  }
}

// Checks one value while the user works on it. `required` waits for sending: an empty field
// the user has only passed through is not yet an error.
function watch(spec: FieldSpec, read: () => Raw, target: Target, inputs: HTMLElement[], typed: boolean): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    clearTimeout(timer);
    const result = readScalar(spec, read(), today());
    clearError(target);
    if (result && 'problem' in result) showError(target, problemText(result.problem));
  };
  for (const el of inputs) {
    if (typed) {
      el.addEventListener('input', () => {
        clearTimeout(timer);
        const result = readScalar(spec, read(), today());
        if (!result || !('problem' in result)) clearError(target);
        else timer = setTimeout(check, TYPING_PAUSE_MS);
      });
      el.addEventListener('blur', check);
    } else {
      el.addEventListener('change', check);
      el.addEventListener('blur', () => {
        if (read() === BAD_DATE) check();
      });
    }
  }
}

async function scalarNode(spec: FieldSpec, ctx: Context, name: string, title: string): Promise<FieldNode> {
  const id = uid('f');
  const hintText = hintOf(spec);
  const hint = hintText ? h('p', { class: 'hint', id: `${id}-hint` }, hintText) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const describedBy = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  const [titleText, mark] = titleParts(title, !!spec.required);

  const radios = spec.type === 'choice' && spec.required && (spec.options?.length ?? 0) <= MAX_RADIOS;
  if (radios) {
    const inputs = (spec.options ?? []).map((o) => {
      const optionId = uid('f');
      const input = h('input', { type: 'radio', id: optionId, name: `${name}-${id}`, value: o.value, required: true });
      return { input, element: h('div', { class: 'field check' }, input, h('label', { for: optionId }, loc(o.label))) };
    });
    const element = h(
      'fieldset',
      { class: 'choice', 'aria-describedby': describedBy },
      h('legend', null, titleText, mark),
      hint,
      inputs.map((i) => i.element),
      error,
    );
    const read = () => inputs.find((i) => i.input.checked)?.input.value ?? '';
    const target: Target = { focus: inputs[0]?.input ?? element, error, invalid: inputs.map((i) => i.input), spec };
    watch(spec, read, target, inputs.map((i) => i.input), false);
    return {
      element,
      raw: read,
      setActive(on) {
        element.hidden = !on;
        element.disabled = !on;
      },
      targets(path, out) {
        out.set(path, { ...target, focus: inputs.find((i) => i.input.checked)?.input ?? target.focus });
      },
      retitle(text) {
        titleText.textContent = text;
      },
    };
  }

  const { control, read, typed } = await scalarControl(spec, ctx, id, name);
  control.setAttribute('aria-describedby', describedBy);
  const label = h('label', { for: id }, titleText, mark);
  const element =
    spec.type === 'boolean'
      ? h('div', { class: 'field' }, h('div', { class: 'check' }, control, label), hint, error)
      : h(
          'div',
          { class: 'field' },
          label,
          hint,
          spec.type === 'money' ? h('div', { class: 'with-unit' }, control, h('span', { class: 'unit', 'aria-hidden': 'true' }, '₸')) : control,
          error,
        );
  const target: Target = { focus: control, error, invalid: [control], spec };
  watch(spec, read, target, [control], typed);
  return {
    element,
    raw: read,
    setActive(on) {
      element.hidden = !on;
      control.disabled = !on;
    },
    targets(path, out) {
      out.set(path, target);
    },
    retitle(text) {
      titleText.textContent = text;
    },
  };
}

// Sibling fields: each drawn, and `when` re-read whenever something inside changes.
interface Block {
  element: HTMLElement;
  raw(): Record<string, Raw>;
  targets(path: string, out: Map<string, Target>): void;
}

async function block(fields: FieldSpec[], ctx: Context): Promise<Block> {
  const named = fields.filter((f) => f.name);
  const nodes = await Promise.all(named.map((f) => fieldNode(f, ctx, f.name!, loc(f.label))));
  const element = h('div', { class: 'fields' }, nodes.map((n) => n.element));
  const raw = () => Object.fromEntries(named.map((f, i) => [f.name!, nodes[i].raw()]));
  const refresh = () => {
    const on = applicable(named, raw());
    named.forEach((f, i) => nodes[i].setActive(on.has(f.name!)));
  };
  element.addEventListener('input', refresh);
  element.addEventListener('change', refresh);
  refresh();
  return {
    element,
    raw,
    targets(path, out) {
      named.forEach((f, i) => nodes[i].targets(`${path}.${f.name}`, out));
    },
  };
}

async function groupNode(spec: FieldSpec, ctx: Context, title: string, extra: HTMLElement | null = null): Promise<FieldNode> {
  const id = uid('g');
  const hintText = loc(spec.hint);
  const hint = hintText ? h('p', { class: 'hint', id: `${id}-hint` }, hintText) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const [titleText, mark] = titleParts(title, !!spec.required);
  const inner = await block(spec.fields ?? [], ctx);
  const element = h(
    'fieldset',
    { class: 'group', 'aria-describedby': [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ') },
    h('legend', null, titleText, mark),
    hint,
    error,
    inner.element,
    extra,
  );
  return {
    element,
    raw: () => inner.raw(),
    setActive(on) {
      element.hidden = !on;
      element.disabled = !on;
    },
    targets(path, out) {
      out.set(path, { focus: firstControl(inner.element) ?? element, error, invalid: [] });
      inner.targets(path, out);
    },
    retitle(text) {
      titleText.textContent = text;
    },
  };
}

// A repeatable field: rows the user adds and removes with buttons that say which row they
// act on; what happened is announced, and the focus goes where the user will work next.
async function listNode(spec: FieldSpec, ctx: Context, name: string, title: string): Promise<FieldNode> {
  const id = uid('l');
  const item: FieldSpec = spec.item ?? { type: 'text' };
  const itemTitle = loc(item.label) || title;
  const min = spec.min_items ?? 0;
  const max = spec.max_items ?? DEFAULT_MAX_ITEMS;
  const hintText = loc(spec.hint);
  const hint = hintText ? h('p', { class: 'hint', id: `${id}-hint` }, hintText) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const announce = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const rowsBox = h('div', { class: 'rows' });
  const add = h('button', { type: 'button', class: 'secondary' }, t('form.add_row', { label: itemTitle }));
  const [titleText, mark] = titleParts(title, !!spec.required);
  const element = h(
    'fieldset',
    { class: 'list', 'aria-describedby': [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ') },
    h('legend', null, titleText, mark),
    hint,
    error,
    rowsBox,
    add,
    announce,
  );
  interface Row {
    node: FieldNode;
    element: HTMLElement;
    remove: HTMLButtonElement;
  }
  const rows: Row[] = [];
  const rowTitle = (n: number) => t('form.row', { label: itemTitle, n });
  const renumber = () => {
    rows.forEach((row, i) => {
      row.node.retitle(rowTitle(i + 1));
      row.remove.setAttribute('aria-label', t('form.remove_row', { row: rowTitle(i + 1) }));
      row.remove.hidden = rows.length <= min; // the rows the list cannot do without
    });
    add.disabled = rows.length >= max;
  };
  const addRow = async (): Promise<Row> => {
    const remove = h('button', { type: 'button', class: 'secondary remove' }, t('form.remove'));
    const n = rows.length + 1;
    let row: Row;
    if (item.type === 'group') {
      // A row is there to be filled: its title needs no "required".
      const node = await groupNode({ ...item, required: false }, ctx, rowTitle(n), h('div', { class: 'row-tools' }, remove));
      row = { node, element: node.element, remove };
    } else {
      const node = await fieldNode({ ...item, required: true }, ctx, `${name}[]`, rowTitle(n));
      row = { node, element: h('div', { class: 'row' }, node.element, h('div', { class: 'row-tools' }, remove)), remove };
    }
    row.element.classList.add('list-row');
    remove.addEventListener('click', () => {
      const at = rows.indexOf(row);
      const gone = rowTitle(at + 1);
      rows.splice(at, 1);
      row.element.remove();
      renumber();
      announce.textContent = t('form.row_removed', { row: gone });
      const next = rows[at] ?? rows[at - 1];
      ((next && firstControl(next.element)) || (add.disabled ? firstControl(element) : add))?.focus();
      element.dispatchEvent(new Event('change', { bubbles: true }));
    });
    rows.push(row);
    rowsBox.append(row.element);
    renumber();
    return row;
  };
  add.addEventListener('click', () => {
    void addRow().then((row) => {
      announce.textContent = t('form.row_added', { row: rowTitle(rows.length) });
      firstControl(row.element)?.focus();
    });
  });
  for (let i = 0; i < Math.max(min, spec.required ? 1 : 0); i += 1) await addRow();
  renumber();
  return {
    element,
    raw: () => rows.map((r) => r.node.raw()),
    setActive(on) {
      element.hidden = !on;
      element.disabled = !on;
    },
    targets(path, out) {
      out.set(path, { focus: add.disabled ? (firstControl(element) ?? add) : add, error, invalid: [] });
      rows.forEach((row, i) => row.node.targets(`${path}[${i}]`, out));
    },
    retitle(text) {
      titleText.textContent = text;
    },
  };
}

function fieldNode(spec: FieldSpec, ctx: Context, name: string, title: string): Promise<FieldNode> {
  if (spec.type === 'group') return groupNode(spec, ctx, title);
  if (spec.type === 'list') return listNode(spec, ctx, name, title);
  return scalarNode(spec, ctx, name, title);
}

// The fields of one form (an intake, a step, an outcome), drawn and read together.
export class FieldForm {
  private constructor(
    readonly element: HTMLElement,
    private readonly fields: FieldSpec[],
    private readonly body: Block,
  ) {}

  static async create(fields: FieldSpec[], context: FormContext = {}): Promise<FieldForm> {
    const body = await block(fields, { ...context, staff: new Map() });
    return new FieldForm(body.element, fields, body);
  }

  get empty(): boolean {
    return !this.fields.some((f) => f.name);
  }

  private targets(): Map<string, Target> {
    const out = new Map<string, Target>();
    this.body.targets('data', out);
    return out;
  }

  clear(): void {
    for (const target of this.targets().values()) clearError(target);
  }

  // The data as entered, with the browser's own findings shown beside their fields.
  check(): Collected & { first: HTMLElement | null } {
    const result = collect(this.fields, this.body.raw(), today());
    const placed = this.place(result.problems.map((p) => ({ path: p.path, text: () => problemText(p) })));
    return { ...result, first: placed.first };
  }

  // Shows each message beside the field its path names, or the nearest enclosing field shown
  // (worded for that field); returns where the first went (to focus) and the indexes of those
  // with no field to go to.
  place(messages: { path: string; text: (at: FieldSpec | undefined, exact: boolean) => string }[]): {
    first: HTMLElement | null;
    rest: number[];
  } {
    const targets = this.targets();
    let first: HTMLElement | null = null;
    const rest: number[] = [];
    messages.forEach((m, i) => {
      let path: string | null = m.path;
      while (path && path !== 'data') {
        const target = targets.get(path);
        if (target && shown(target.error)) {
          showError(target, m.text(target.spec, path === m.path));
          first ??= target.focus;
          return;
        }
        path = parentPath(path);
      }
      rest.push(i);
    });
    return { first, rest };
  }
}

// The forms a submission sends together (a step's fields and the chosen outcome's), as
// app.ts's onSubmit uses them: cleared before sending, and the server's details placed.
export class FormSet {
  constructor(private readonly forms: () => (FieldForm | null | undefined)[]) {}

  private active(): FieldForm[] {
    return this.forms().filter((f): f is FieldForm => !!f);
  }

  clear(): void {
    this.active().forEach((f) => f.clear());
  }

  // The request's `data`; throws Invalid, focusing the first field to correct, when the
  // browser already sees a problem.
  collect(): Record<string, unknown> {
    const data: Record<string, unknown> = {};
    let count = 0;
    let first: HTMLElement | null = null;
    for (const form of this.active()) {
      const result = form.check();
      Object.assign(data, result.data);
      count += result.problems.length;
      first ??= result.first;
    }
    if (count) throw new Invalid(t('form.fix_fields'), first ?? undefined);
    return data;
  }

  // Places the server's per-field details; returns those that name no field shown here.
  show(details: ApiErrorDetail[]): ApiErrorDetail[] {
    let left = details.map((d, i) => ({ d, i }));
    let first: HTMLElement | null = null;
    for (const form of this.active()) {
      const placed = form.place(
        left.map(({ d }) => ({
          path: d.field.startsWith('data') ? d.field : '',
          // A money field's bounds come back at its `.amount`, in tiyn: said in tenge.
          text: (at: FieldSpec | undefined, exact: boolean) =>
            at?.type === 'money' && !exact ? detailText({ ...d, params: boundsInTenge(d.params) }) : detailText(d),
        })),
      );
      first ??= placed.first;
      left = placed.rest.map((i) => left[i]);
    }
    first?.focus();
    return left.map(({ d }) => d);
  }
}

// A stored value in words, for pages that show what was filed.
export function displayValue(spec: FieldSpec, value: unknown): string {
  if (value === undefined || value === null) return '—';
  switch (spec.type) {
    case 'choice':
      return loc(spec.options?.find((o) => o.value === value)?.label) || String(value);
    case 'boolean':
      return value ? t('form.yes') : t('form.no');
    case 'money': {
      const amount = (value as { amount?: unknown }).amount;
      return typeof amount === 'number' ? `${formatTiyn(amount, decimalMark())} ₸` : '—';
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => displayValue(spec.item ?? { type: 'text' }, v)).join('; ') : '—';
    case 'group': {
      const members = value as Record<string, unknown>;
      return (spec.fields ?? [])
        .filter((f) => f.name && members[f.name] !== undefined)
        .map((f) => `${loc(f.label)}: ${displayValue(f, members[f.name!])}`)
        .join(', ');
    }
    default:
      return String(value);
  }
}

// Plain controls a page draws itself (not from a definition's fields), each with its hint and
// its error tied to it by aria-describedby, as app.ts's onSubmit uses them: the browser's own
// findings and the server's per-field details land beside the control they name. `nameOf`
// reads the server's path of a detail as a control's `name`.
export class InputFields implements FieldErrors {
  private readonly targets = new Map<string, Target>();

  constructor(private readonly nameOf: (path: string) => string = (path) => path) {}

  // A labelled control (its `name` set), with an optional hint; a checkbox sits before its label.
  field(labelText: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
    const id = control.id || uid('f');
    control.id = id;
    const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    control.setAttribute('aria-describedby', [hintEl ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '));
    this.targets.set(control.name, { focus: control, error, invalid: [control] });
    const label = h('label', { for: id }, labelText);
    return control instanceof HTMLInputElement && control.type === 'checkbox'
      ? h('div', { class: 'field' }, h('div', { class: 'check' }, control, label), hintEl, error)
      : h('div', { class: 'field' }, label, hintEl, control, error);
  }

  clear(): void {
    for (const target of this.targets.values()) clearError(target);
  }

  // Shows a message beside the named control; returns the control, or null when there is none.
  showAt(name: string, text: string): HTMLElement | null {
    const target = this.targets.get(name);
    if (!target) return null;
    showError(target, text);
    return target.focus;
  }

  show(details: ApiErrorDetail[]): ApiErrorDetail[] {
    const rest: ApiErrorDetail[] = [];
    let first: HTMLElement | null = null;
    for (const d of details) {
      const at = d.field ? this.showAt(this.nameOf(d.field), detailText(d)) : null;
      if (at) first ??= at;
      else rest.push(d);
    }
    first?.focus();
    return rest;
  }
}
