// A picker over a reference classifier (NKZ occupations, KATO places): the WAI-ARIA combobox
// pattern (an input with role=combobox owning a listbox, the active option named by
// aria-activedescendant), searching GET /api/v1/reference/{kind} by code or name as the user
// types, showing "code — name" in the user's language and keeping the code. Forms use it for
// `classifier` fields (field_nodes.ts); other pages make one with `new ClassifierPicker`.
import { apiGet } from './api';
import { h, uid } from './dom';
import { loc, t } from './i18n';
import type { Localized } from './types';

export type ClassifierKind = 'nkz' | 'kato';

export interface ReferenceCode {
  code: string;
  parent: string | null;
  level: number;
  name: Localized;
  active: boolean;
}

// What narrows the codes a field takes (a definition's prefix, min_level, max_level).
export interface CodeLimits {
  prefix?: string;
  minLevel?: number;
  maxLevel?: number;
}

export interface PickerOptions extends CodeLimits {
  kind: ClassifierKind;
  id?: string; // the combobox input's id, for a label's `for`
  name?: string; // the hidden input that carries the code in a form
  required?: boolean;
  describedBy?: string;
  limit?: number;
  debounceMs?: number;
  // Where codes come from; the server's reference routes unless a test gives its own.
  search?: (kind: ClassifierKind, q: string, limit: number) => Promise<ReferenceCode[]>;
  lookup?: (kind: ClassifierKind, code: string) => Promise<ReferenceCode | null>;
}

// A pause in typing before searching: one request per pause, not per key.
export const SEARCH_PAUSE_MS = 250;

// --- The keyboard, apart from the DOM (web/test/classifier_picker.test.mjs) ---

export interface ListState {
  open: boolean;
  active: number; // -1: no option active
  count: number; // options shown
}

// What a key does to the list: its next state, and whether it chooses the active option
// (Enter), asks for options (the list was closed), or leaves the key to the browser.
export interface KeyOutcome {
  state: ListState;
  choose: boolean;
  search: boolean;
  handled: boolean;
  clear: boolean; // Escape on a closed list: empties the input
}

export function keyStep(s: ListState, key: string, alt = false): KeyOutcome {
  const out = (state: ListState, extra: Partial<KeyOutcome> = {}): KeyOutcome => ({
    state,
    choose: false,
    search: false,
    handled: true,
    clear: false,
    ...extra,
  });
  switch (key) {
    case 'ArrowDown':
      // A closed list opens (asking for options) on its first option; Alt+Down opens it only.
      if (!s.open) return out({ open: true, active: alt ? -1 : 0, count: s.count }, { search: true });
      if (s.count === 0) return out(s);
      return out({ ...s, active: s.active + 1 >= s.count ? 0 : s.active + 1 });
    case 'ArrowUp':
      if (!s.open) return out({ open: true, active: alt ? -1 : Math.max(s.count - 1, 0), count: s.count }, { search: true });
      if (s.count === 0) return out(s);
      return out({ ...s, active: s.active <= 0 ? s.count - 1 : s.active - 1 });
    case 'Home':
    case 'End':
      if (!s.open || s.count === 0) return out(s, { handled: false }); // the caret moves instead
      return out({ ...s, active: key === 'Home' ? 0 : s.count - 1 });
    case 'Enter':
      if (s.open && s.active >= 0 && s.active < s.count) return out({ open: false, active: -1, count: s.count }, { choose: true });
      if (s.open) return out({ ...s, open: false, active: -1 });
      return out(s, { handled: false }); // the form is sent
    case 'Escape':
      if (s.open) return out({ ...s, open: false, active: -1 });
      return out(s, { clear: true });
    case 'Tab':
      return out({ ...s, open: false, active: -1 }, { handled: false });
    default:
      return out(s, { handled: false });
  }
}

// The codes a field takes among those found.
export function withinLimits(codes: ReferenceCode[], limits: CodeLimits): ReferenceCode[] {
  return codes.filter(
    (c) =>
      c.code.startsWith(limits.prefix ?? '') &&
      (limits.minLevel === undefined || c.level >= limits.minLevel) &&
      (limits.maxLevel === undefined || c.level <= limits.maxLevel),
  );
}

// "2 — Professionals": what the input shows once a code is chosen.
export function codeText(c: ReferenceCode): string {
  const name = loc(c.name);
  return name ? `${c.code} — ${name}` : c.code;
}

// --- The control ---

async function searchServer(kind: ClassifierKind, q: string, limit: number): Promise<ReferenceCode[]> {
  const r = await apiGet<{ items: ReferenceCode[] }>(`/api/v1/reference/${kind}?q=${encodeURIComponent(q)}&limit=${limit}`);
  return r.items;
}

export async function lookupServer(kind: ClassifierKind, code: string): Promise<ReferenceCode | null> {
  try {
    return await apiGet<ReferenceCode>(`/api/v1/reference/${kind}/${encodeURIComponent(code)}`);
  } catch {
    return null; // not a code (any more): the code alone is shown
  }
}

export class ClassifierPicker {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement; // role=combobox: what the user types in
  readonly hidden: HTMLInputElement; // the code, under the form's name
  private readonly listbox: HTMLUListElement;
  private readonly status: HTMLElement;
  private readonly opts: PickerOptions;
  private state: ListState = { open: false, active: -1, count: 0 };
  private found: ReferenceCode[] = [];
  private chosen: ReferenceCode | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0; // the newest search: an older answer arriving late is dropped

  constructor(opts: PickerOptions) {
    this.opts = opts;
    const id = opts.id ?? uid('cb');
    const listId = `${id}-list`;
    this.input = h('input', {
      id,
      type: 'text',
      role: 'combobox',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
      'aria-describedby': opts.describedBy,
      required: !!opts.required,
    });
    this.hidden = h('input', { type: 'hidden', name: opts.name });
    this.listbox = h('ul', { id: listId, role: 'listbox', class: 'combobox-list', hidden: true });
    this.status = h('p', { class: 'combobox-status', 'aria-live': 'polite', id: `${id}-status` });
    this.element = h('div', { class: 'combobox' }, this.input, this.hidden, this.listbox, this.status);
    this.listbox.setAttribute('aria-label', t(`picker.list_${opts.kind}`));

    this.input.addEventListener('input', () => {
      // Typing undoes a choice: until one is made, the typed text is the value (the server
      // says whether it is a code).
      this.chosen = null;
      this.hidden.value = this.input.value.trim();
      this.schedule();
    });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => this.close());
    this.input.addEventListener('click', () => {
      if (!this.state.open) this.schedule(0);
    });
    // A form that reopens (a draft put back) sets the hidden code and says so.
    this.hidden.addEventListener('input', () => {
      if (this.hidden.value !== (this.chosen?.code ?? this.input.value.trim())) void this.setValue(this.hidden.value);
    });
  }

  // The code chosen, or the text typed when none was.
  get value(): string {
    return this.hidden.value;
  }

  // Shows a stored code as "code — name" (a form opened on what was filed).
  async setValue(code: string): Promise<void> {
    this.hidden.value = code;
    this.input.value = code;
    this.chosen = null;
    if (!code) return;
    const found = await (this.opts.lookup ?? lookupServer)(this.opts.kind, code);
    if (found && this.hidden.value === code) {
      this.chosen = found;
      this.input.value = codeText(found);
    }
  }

  set disabled(on: boolean) {
    this.input.disabled = on;
    this.hidden.disabled = on;
    if (on) this.close();
  }

  private schedule(delay = this.opts.debounceMs ?? SEARCH_PAUSE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), delay);
  }

  private async search(): Promise<void> {
    clearTimeout(this.timer);
    const q = this.chosen ? '' : this.input.value.trim();
    const ask = ++this.asked;
    const limits = { prefix: this.opts.prefix, minLevel: this.opts.minLevel, maxLevel: this.opts.maxLevel };
    const narrowed = limits.prefix !== undefined || limits.minLevel !== undefined || limits.maxLevel !== undefined;
    const limit = this.opts.limit ?? 20;
    let codes: ReferenceCode[];
    try {
      // With limits more are asked for, as some found are not taken here.
      codes = await (this.opts.search ?? searchServer)(this.opts.kind, q || (limits.prefix ?? ''), narrowed ? 100 : limit);
    } catch {
      if (ask !== this.asked) return;
      this.show([], t('picker.failed'));
      return;
    }
    if (ask !== this.asked || document.activeElement !== this.input) return;
    const shown = withinLimits(codes, limits).slice(0, limit);
    this.show(shown, shown.length ? t('picker.found', { n: shown.length }) : q ? t('picker.none', { q }) : t(`picker.no_codes`));
  }

  private show(codes: ReferenceCode[], message: string): void {
    this.found = codes;
    const listId = this.listbox.id;
    this.listbox.replaceChildren(
      ...codes.map((c, i) =>
        h(
          'li',
          {
            id: `${listId}-${i}`,
            role: 'option',
            'aria-selected': 'false',
            class: 'combobox-option',
            // Keeps the focus in the input, so the choice does not blur it first.
            onmousedown: (e: Event) => e.preventDefault(),
            onclick: () => this.choose(i),
          },
          h('span', { class: 'code' }, c.code),
          ' — ',
          loc(c.name),
        ),
      ),
    );
    this.status.textContent = message;
    this.setState({ open: true, active: this.state.open ? Math.min(this.state.active, codes.length - 1) : -1, count: codes.length });
  }

  private setState(s: ListState): void {
    this.state = s;
    const visible = s.open && s.count > 0;
    this.listbox.hidden = !visible;
    this.input.setAttribute('aria-expanded', String(visible));
    [...this.listbox.children].forEach((li, i) => {
      li.setAttribute('aria-selected', String(i === s.active));
      li.classList.toggle('active', i === s.active);
    });
    const active = s.open && s.active >= 0 ? this.listbox.children[s.active] : null;
    if (active) {
      this.input.setAttribute('aria-activedescendant', active.id);
      (active as HTMLElement).scrollIntoView?.({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private close(): void {
    clearTimeout(this.timer);
    this.asked += 1;
    this.setState({ open: false, active: -1, count: this.state.count });
    this.status.textContent = '';
  }

  private choose(i: number): void {
    const c = this.found[i];
    if (!c) return;
    this.chosen = c;
    this.hidden.value = c.code;
    this.input.value = codeText(c);
    this.close();
    this.status.textContent = t('picker.chosen', { value: codeText(c) });
    // What depends on the value (a form's `when`, its checks) hears of the change.
    this.input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private onKey(e: KeyboardEvent): void {
    const step = keyStep(this.state, e.key, e.altKey);
    if (!step.handled) {
      if (e.key === 'Tab') this.close();
      return;
    }
    e.preventDefault();
    if (step.choose) {
      this.choose(this.state.active);
      return;
    }
    if (step.clear) {
      this.input.value = '';
      this.input.dispatchEvent(new Event('input', { bubbles: true }));
      this.close();
      return;
    }
    if (step.search) {
      const last = e.key === 'ArrowUp';
      void this.search().then(() => {
        if (step.state.active >= 0 && this.state.open && this.state.count) {
          this.setState({ ...this.state, active: last ? this.state.count - 1 : 0 });
        }
      });
      return;
    }
    if (!step.state.open) this.close();
    else this.setState(step.state);
  }
}
