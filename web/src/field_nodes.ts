// The controls of a form drawn from the fields the server serves: each scalar, group and list
// field as its input(s), labelled in the user's language with its hint and its error tied to it,
// `when` re-read as the user types, and the server's own checks run after a pause in typing.
// forms.ts puts them together into the forms the pages use.
import { apiGet } from './api';
import { offices } from './app';
import { ClassifierPicker } from './classifier_picker';
import { localDate } from './dates';
import { h, uid } from './dom';
import {
  applicable,
  BAD_DATE,
  DEFAULT_MAX_ITEMS,
  DEFAULT_MAX_LENGTH,
  readScalar,
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

export interface Context extends FormContext {
  staff: Map<string, Promise<StaffMember[] | null>>;
}

// Where a message about one path is shown.
export interface Target {
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

export function decimalMark(): string {
  return lang() === 'en' ? '.' : ',';
}

// Beside its field a message stands alone, so it starts with a capital ("must be between 1
// and 1000" reads as part of a sentence in the English catalogue).
function asSentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function showError(target: Target, raw: string): void {
  const text = asSentence(raw);
  target.error.textContent = target.error.textContent ? `${target.error.textContent} ${text}` : text;
  target.error.hidden = false;
  for (const el of target.invalid) el.setAttribute('aria-invalid', 'true');
}

export function clearError(target: Target): void {
  target.error.textContent = '';
  target.error.hidden = true;
  for (const el of target.invalid) el.removeAttribute('aria-invalid');
}

// Whether the field an error element belongs to is on screen (the element itself is hidden
// while empty).
export function shown(error: HTMLElement): boolean {
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
): Promise<{
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  read(): Raw;
  typed: boolean;
  picker?: ClassifierPicker;
}> {
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
    case 'vacancy':
      return textual({ inputmode: 'numeric' });
    case 'money':
      return textual({ inputmode: 'decimal' });
    case 'person':
    case 'employer':
      return textual({ inputmode: 'numeric', maxlength: 12 });
    case 'iban':
      return textual({ maxlength: 20, autocapitalize: 'characters' });
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
    case 'classifier': {
      const picker = new ClassifierPicker({
        kind: spec.classifier ?? 'nkz',
        id,
        name,
        required: !!spec.required,
        prefix: spec.prefix,
        minLevel: spec.min_level,
        maxLevel: spec.max_level,
      });
      return { control: picker.input, read: () => picker.value, typed: true, picker };
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

  const { control, read, typed, picker } = await scalarControl(spec, ctx, id, name);
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
          spec.type === 'money'
            ? h('div', { class: 'with-unit' }, control, h('span', { class: 'unit', 'aria-hidden': 'true' }, '₸'))
            : (picker?.element ?? control),
          error,
        );
  const target: Target = { focus: control, error, invalid: [control], spec };
  watch(spec, read, target, [control], typed);
  return {
    element,
    raw: read,
    setActive(on) {
      element.hidden = !on;
      if (picker) picker.disabled = !on;
      else control.disabled = !on;
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
export interface Block {
  element: HTMLElement;
  raw(): Record<string, Raw>;
  targets(path: string, out: Map<string, Target>): void;
}

export async function block(fields: FieldSpec[], ctx: Context): Promise<Block> {
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
