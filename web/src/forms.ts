// Forms drawn from the fields the server serves: one input per field, labelled in the user's
// language, with its hint and its error tied to it; `when` shows and enables what applies; the
// server's own checks run as the user types, and the server's per-field errors land beside the
// field they name. Which fields a form has is never written here: it comes from the definition.
import type { ApiErrorDetail } from './api';
import { detailText, Invalid, type FieldErrors } from './app';
import { h, uid } from './dom';
import {
  block,
  clearError,
  decimalMark,
  problemText,
  showError,
  shown,
  today,
  type Block,
  type FormContext,
  type Target,
} from './field_nodes';
import { boundsInTenge, collect, formatTiyn, parentPath, type Collected, type FieldSpec } from './fields';
import { formatDay, loc, t } from './i18n';

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
    case 'date':
      return typeof value === 'string' ? formatDay(value) : String(value);
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
