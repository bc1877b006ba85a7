// Programme activities (/activities, docs/ACTIVITIES.md): the outreach, consultations and
// vacancy fairs the office held for a programme, with filters, and for the staff who hold them a
// form to record one. The kinds, audiences and seed items come from the server's reference file.
import { apiGet, apiSend, query } from '../api';
import { detailText, grid, hasRole, Invalid, navigate, onSubmit, pageTitle, session, statusBox, type FieldErrors } from '../app';
import { dayInput, readDay } from '../day_field';
import { InputFields } from '../forms';
import { h, uid } from '../dom';
import { formatDay, loc, t } from '../i18n';
import type { Localized } from '../types';

interface Term {
  code: string;
  name: Localized;
}

interface SeedItem {
  ref: string;
  kind: string;
  audiences: string[];
  name: Localized;
}

interface Catalogue {
  kinds: Term[];
  audiences: Term[];
  programmes: { code: string; name: Localized; items: SeedItem[] }[];
}

interface Activity {
  id: number;
  office: string;
  programme: string;
  kind: string;
  ref: string;
  audience: string;
  held_on: string;
  place: string;
  participants: number;
  employers: string[];
  persons: string[];
  notes: string;
  recorded_by: string;
}

// Who records (POST /api/v1/activities admits them); every staff member reads.
export const ACTIVITY_RECORDERS = ['employment_specialist', 'employer_specialist', 'unit_head', 'head'];

let flash: string | null = null;
let programmeName: (code: string) => string = (code) => code;

function nameOf(terms: Term[], code: string): string {
  return loc(terms.find((x) => x.code === code)?.name) || code;
}

// BINs or IINs typed one per line or separated by spaces or commas.
function identifiers(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function activitiesPage(main: HTMLElement): Promise<void> {
  const catalogue = await apiGet<Catalogue>('/api/v1/activity-kinds');
  programmeName = (code) => loc(catalogue.programmes.find((p) => p.code === code)?.name) || code;
  const params = new URLSearchParams(location.search);
  const filter = {
    programme: params.get('programme') ?? '',
    kind: params.get('kind') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const message = h('div', { 'aria-live': 'polite' });
  if (flash) message.append(statusBox(flash));
  flash = null;
  main.append(pageTitle(t('activities.title')), h('p', null, t('activities.intro')), message, filterForm(catalogue, filter));
  const list = await apiGet<{ items: Activity[] }>(
    `/api/v1/activities${query({ programme: filter.programme || undefined, kind: filter.kind || undefined, from: filter.from || undefined, to: filter.to || undefined })}`,
  );
  const items = new Map<string, SeedItem>();
  for (const p of catalogue.programmes) for (const i of p.items) items.set(`${p.code} ${i.ref}`, i);
  // Oblast-level staff see several offices: the office is then worth a column.
  const offices = new Set(list.items.map((a) => a.office));
  const withOffice = offices.size > 1 || (list.items.length > 0 && !offices.has(session.user?.office ?? ''));
  const rows = list.items.map((a) => {
    const item = items.get(`${a.programme} ${a.ref}`);
    return h(
      'tr',
      null,
      h('td', null, formatDay(a.held_on)),
      h('th', { scope: 'row' }, nameOf(catalogue.kinds, a.kind), h('br'), h('span', { class: 'hint' }, `${a.ref} ${loc(item?.name)}`)),
      h('td', null, nameOf(catalogue.audiences, a.audience)),
      h('td', null, a.place, a.notes ? [h('br'), h('span', { class: 'hint' }, a.notes)] : null),
      h('td', { class: 'num' }, String(a.participants)),
      withOffice ? h('td', null, a.office) : null,
      h('td', null, a.recorded_by),
    );
  });
  const headings = ['activities.held_on', 'activities.kind', 'activities.audience', 'activities.place', 'activities.participants'];
  if (withOffice) headings.push('activities.office');
  headings.push('activities.recorded_by');
  main.append(
    h('h2', null, t('activities.list_heading')),
    rows.length ? grid(headings, rows) : h('p', { class: 'empty' }, t('activities.none')),
  );
  if (hasRole(...ACTIVITY_RECORDERS)) main.append(recordForm(catalogue));
}

function filterForm(c: Catalogue, f: { programme: string; kind: string; from: string; to: string }): HTMLElement {
  const fields = new InputFields();
  const programme = h(
    'select',
    { name: 'programme' },
    h('option', { value: '' }, t('activities.any')),
    c.programmes.map((p) => h('option', { value: p.code, selected: p.code === f.programme }, programmeName(p.code))),
  );
  const kind = h(
    'select',
    { name: 'kind' },
    h('option', { value: '' }, t('activities.any')),
    c.kinds.map((k) => h('option', { value: k.code, selected: k.code === f.kind }, loc(k.name))),
  );
  const from = dayInput('from', f.from);
  const to = dayInput('to', f.to);
  const submit = h('button', { type: 'submit', class: 'secondary' }, t('activities.show'));
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card', role: 'search', 'aria-label': t('activities.filters'), novalidate: true },
    h(
      'div',
      { class: 'filters' },
      fields.field(t('activities.programme'), programme),
      fields.field(t('activities.kind'), kind),
      fields.field(t('activities.from'), from, t('date.hint')),
      fields.field(t('activities.to'), to, t('date.hint')),
      submit,
    ),
    message,
  );
  onSubmit(
    form,
    submit,
    message,
    () => {
      navigate(`/activities${query({ programme: programme.value || undefined, kind: kind.value || undefined, from: readDay(from), to: readDay(to) })}`);
    },
    fields,
  );
  return form;
}

function recordForm(c: Catalogue): HTMLElement {
  const fields = new InputFields();
  const programme = h(
    'select',
    { name: 'programme', required: true },
    c.programmes.map((p) => h('option', { value: p.code }, programmeName(p.code))),
  );
  const ref = h('select', { name: 'ref', required: true });
  const audience = h('select', { name: 'audience', required: true });
  const kindText = h('output', { class: 'hint', 'aria-live': 'polite' });
  const heldOn = dayInput('held_on');
  const place = h('input', { name: 'place', required: true, maxlength: 300, autocomplete: 'off' });
  const participants = h('input', { name: 'participants', type: 'number', min: 0, max: 100000, step: 1, required: true, inputmode: 'numeric' });
  const employers = h('textarea', { name: 'employers', rows: 2, spellcheck: false });
  const persons = h('textarea', { name: 'persons', rows: 2, spellcheck: false });
  const notes = h('textarea', { name: 'notes', rows: 3, maxlength: 2000 });
  const itemsOf = (): SeedItem[] => c.programmes.find((p) => p.code === programme.value)?.items ?? [];
  const selected = (): SeedItem | undefined => itemsOf().find((i) => i.ref === ref.value);
  const fillAudiences = (): void => {
    const item = selected();
    audience.replaceChildren(...(item?.audiences ?? []).map((a) => h('option', { value: a }, nameOf(c.audiences, a))));
    kindText.textContent = item ? t('activities.kind_is', { kind: nameOf(c.kinds, item.kind) }) : '';
  };
  const fillItems = (): void => {
    ref.replaceChildren(...itemsOf().map((i) => h('option', { value: i.ref }, `${i.ref} ${loc(i.name)}`)));
    fillAudiences();
  };
  programme.addEventListener('change', fillItems);
  ref.addEventListener('change', fillAudiences);
  fillItems();
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('activities.record'));
  const headingId = uid('activity-h');
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('activities.new')),
    fields.field(t('activities.programme'), programme),
    fields.field(t('activities.item'), ref),
    kindText,
    fields.field(t('activities.audience'), audience),
    h('div', { class: 'row fields' }, fields.field(t('activities.held_on'), heldOn, t('activities.held_on_hint')), fields.field(t('activities.participants'), participants)),
    fields.field(t('activities.place'), place),
    fields.field(t('activities.employers'), employers, t('activities.employers_hint')),
    fields.field(t('activities.persons'), persons, t('activities.persons_hint')),
    fields.field(t('activities.notes'), notes, t('activities.notes_hint')),
    message,
    submit,
  );
  // The server names a list's entry ("persons[1]"): shown beside the list, with the entry sent.
  const sent: Record<string, string[]> = {};
  const withEntries: FieldErrors = {
    clear: () => fields.clear(),
    show: (details) => {
      const byList = new Map<string, string[]>();
      const rest = details.filter((d) => {
        const entry = /^(employers|persons)\[(\d+)\]$/.exec(d.field ?? '');
        if (!entry) return true;
        const value = sent[entry[1]]?.[Number(entry[2])] ?? '';
        byList.set(entry[1], [...(byList.get(entry[1]) ?? []), `${value}: ${detailText(d)}`]);
        return false;
      });
      let first: HTMLElement | null = null;
      for (const [name, texts] of byList) first ??= fields.showAt(name, texts.join('; '));
      const others = fields.show(rest); // focuses the first field it marks
      if (others.length === rest.length) first?.focus();
      return others;
    },
  };
  onSubmit(
    form,
    submit,
    message,
    async () => {
      const item = selected();
      if (!item) throw new Invalid(t('activities.item_required'), ref);
      const count = participants.value.trim();
      if (count !== '' && !/^\d+$/.test(count)) throw new Invalid(t('activities.participants_whole'), participants);
      sent.employers = identifiers(employers.value);
      sent.persons = identifiers(persons.value);
      await apiSend('POST', '/api/v1/activities', {
        programme: programme.value,
        kind: item.kind,
        ref: item.ref,
        audience: audience.value,
        held_on: readDay(heldOn),
        place: place.value,
        participants: count === '' ? undefined : Number(count),
        employers: sent.employers,
        persons: sent.persons,
        notes: notes.value,
      });
      flash = t('activities.recorded', { item: `${item.ref} ${loc(item.name)}` });
      navigate(`/activities${location.search}`);
    },
    withEntries,
  );
  return form;
}
