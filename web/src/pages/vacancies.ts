// The vacancy bank for those who keep it (/vacancies): staff see their offices' vacancies by
// status, an employer its own. Employer-interaction specialists and employers enter drafts
// (/vacancies/new, /vacancies/:id/edit), publish now or at a moment, confirm, close, take a
// scheduled one back. A stale vacancy is the specialist's work: their list opens on "to
// confirm" while there are any (docs/VACANCIES.md).
import { apiGet, apiSend, query } from '../api';
import { grid, hasRole, Invalid, isApplicant, link, navigate, onSubmit, pageTitle, statusBox, userTimeZone } from '../app';
import { type ClassifierKind, ClassifierPicker, codeText, lookupServer } from '../classifier_picker';
import { zonedInstant } from '../dates';
import { dayInput, readDay, readTime, timeInput } from '../day_field';
import { append, h, uid } from '../dom';
import { formatTiyn, tengeToTiyn, validBin } from '../fields';
import { InputFields } from '../forms';
import { formatInstant, label, loc, t } from '../i18n';
import { candidatesLink } from './vacancy_candidates';
import { WORKING_TIMES } from './vacancy_search';

type Status = 'draft' | 'scheduled' | 'published' | 'stale' | 'closed' | 'expired';
const STATUSES: Status[] = ['stale', 'draft', 'scheduled', 'published', 'closed', 'expired'];
const KINDS = ['skill', 'education', 'experience', 'language', 'driving_licence'];

interface Requirement {
  kind: string;
  value: string;
}

export interface Vacancy {
  id: number;
  title: string;
  description: string;
  nkz: string;
  kato: string;
  employer: { bin: string; name: string };
  wage: { amount: number; currency: string };
  working_time: string;
  workplaces: number;
  requirements: { must?: Requirement[]; nice?: Requirement[] };
  disability_suitable: boolean;
  published_at: string | null;
  status: Status;
  publish_at: string | null;
  stale_since: string | null;
  row_version: number;
}

interface Managed {
  items: Vacancy[];
  counts: Record<Status, number>;
}

let flash: string | null = null;

function mayEnter(): boolean {
  return hasRole('employer', 'employer_specialist');
}

type Action = 'publish' | 'confirm' | 'close' | 'unpublish';

// Sends one action on one vacancy, then goes `back`, where its outcome (`done`) is said.
async function act(v: Vacancy, action: Action, back: string, body: Record<string, unknown> = {}, done = `vacancies.done_${action}`): Promise<void> {
  await apiSend('POST', `/api/v1/vacancies/${v.id}/${action}`, body);
  flash = t(done, { title: v.title });
  navigate(back);
}

// One action on one vacancy, its outcome said on the list.
function actionButton(v: Vacancy, action: Action, message: HTMLElement, back: string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: action === 'close' ? 'secondary' : '' }, t(`vacancies.do_${action}`));
  button.setAttribute('aria-label', `${t(`vacancies.do_${action}`)}: ${v.title}`);
  onSubmit(button, button, message, () => act(v, action, back));
  return button;
}

export async function vacanciesPage(main: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const all = await apiGet<Managed>('/api/v1/vacancies/managed');
  // The specialist's default view is their work: the stale vacancies, while there are any.
  let status = params.get('status') ?? '';
  if (!params.has('status') && hasRole('employer_specialist') && all.counts.stale > 0) status = 'stale';
  const list = status ? await apiGet<Managed>(`/api/v1/vacancies/managed${query({ status })}`) : all;
  const zone = await userTimeZone();
  const message = h('div', { 'aria-live': 'polite' });
  if (flash) message.append(statusBox(flash));
  flash = null;
  const here = `/vacancies${status ? `?status=${status}` : ''}`;

  const filterId = uid('status');
  const select = h(
    'select',
    { id: filterId, name: 'status', onchange: (e: Event) => navigate(`/vacancies?status=${(e.target as HTMLSelectElement).value}`) },
    h('option', { value: '', selected: status === '' }, t('vacancies.all')),
    STATUSES.map((s) => h('option', { value: s, selected: status === s }, `${label('vacancy_status', s)} (${all.counts[s] ?? 0})`)),
  );
  append(main, [
    pageTitle(isApplicant() ? t('vacancies.title_own') : t('vacancies.title')),
    h('p', null, isApplicant() ? t('vacancies.intro_own') : t('vacancies.intro')),
    all.counts.stale > 0
      ? h(
          'p',
          { class: 'warning' },
          t('vacancies.stale_count', { count: all.counts.stale }),
          ' ',
          status === 'stale' ? null : link('/vacancies?status=stale', t('vacancies.show_stale')),
        )
      : null,
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: filterId }, t('vacancies.status_filter')), select)),
    mayEnter() ? h('p', null, link('/vacancies/new', t('vacancies.new'), { class: 'button-link' })) : null,
    message,
  ]);
  if (!list.items.length) {
    main.append(h('p', { class: 'empty' }, t('vacancies.none')));
    return;
  }
  const [occupations, places] = await Promise.all([codeNames('nkz', list.items.map((v) => v.nkz)), codeNames('kato', list.items.map((v) => v.kato))]);
  main.append(
    grid(
      ['vacancies.col_title', 'vacancies.col_employer', 'vacancies.col_status', 'vacancies.col_wage', 'vacancies.col_places', 'vacancies.col_when', 'vacancies.col_actions'],
      list.items.map((v) => {
        const actions: HTMLElement[] = [];
        if (mayEnter()) {
          if (v.status === 'draft') actions.push(link(`/vacancies/${v.id}/edit`, t('vacancies.edit'), { 'aria-label': `${t('vacancies.edit')}: ${v.title}` }));
          if (v.status === 'draft') actions.push(actionButton(v, 'publish', message, here));
          if (v.status === 'scheduled') actions.push(actionButton(v, 'unpublish', message, here));
          if (v.status === 'stale' || v.status === 'published') actions.push(actionButton(v, 'confirm', message, here));
          if (v.status !== 'closed' && v.status !== 'expired') actions.push(actionButton(v, 'close', message, here));
        }
        const candidates = candidatesLink(v);
        const when =
          v.status === 'scheduled'
            ? t('vacancies.publishes_at', { at: formatInstant(v.publish_at, zone) })
            : v.status === 'stale'
              ? t('vacancies.stale_since', { at: formatInstant(v.stale_since, zone) })
              : v.published_at
                ? formatInstant(v.published_at, zone)
                : '—';
        return h(
          'tr',
          null,
          h(
            'th',
            { scope: 'row' },
            v.title,
            h('div', { class: 'muted' }, `${occupations.get(v.nkz) ?? v.nkz} · ${places.get(v.kato) ?? v.kato}`),
            // Under the vacancy it is about, not among the actions that change it.
            candidates ? h('div', { class: 'row-link' }, candidates) : null,
          ),
          h('td', null, v.employer.name || v.employer.bin),
          h('td', { class: 'status' }, label('vacancy_status', v.status)),
          h('td', null, `${formatTiyn(v.wage.amount)}\u00a0₸`), // the sign never parted from the amount
          h('td', null, String(v.workplaces)),
          h('td', null, when),
          h('td', null, actions.length ? h('div', { class: 'row' }, actions) : '—'),
        );
      }),
    ),
  );
}

// The classifier's words for the codes shown (the occupation with its code, the place by name),
// each code asked once; a code the classifier does not hold stays a code.
async function codeNames(kind: ClassifierKind, codes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    [...new Set(codes)].map(async (code) => {
      const found = await lookupServer(kind, code);
      if (found) out.set(code, kind === 'nkz' ? codeText(found) : loc(found.name) || code);
    }),
  );
  return out;
}

// A picker as a labelled field of `fields`: the server's findings on its code land beside it.
function pickerField(fields: InputFields, labelText: string, picker: ClassifierPicker, hint: string): HTMLElement {
  picker.input.name = picker.hidden.name; // the name the server's details use
  const wrap = fields.field(labelText, picker.input, hint);
  const at = picker.input.nextSibling;
  picker.element.prepend(picker.input);
  wrap.insertBefore(picker.element, at);
  return wrap;
}

// A requirement row: must or nice, its kind and value, and a button to take it away.
function requirementRow(rows: HTMLElement, part: 'must' | 'nice', r: Requirement = { kind: 'skill', value: '' }): HTMLElement {
  const partSel = h('select', { name: 'req_part' }, (['must', 'nice'] as const).map((p) => h('option', { value: p, selected: p === part }, t(`vacancies.req_${p}`))));
  const kindSel = h('select', { name: 'req_kind' }, KINDS.map((k) => h('option', { value: k, selected: k === r.kind }, label('requirement_kind', k))));
  const value = h('input', { name: 'req_value', value: r.value, maxlength: 200 });
  const ids = [uid('rp'), uid('rk'), uid('rv')];
  [partSel, kindSel, value].forEach((el, i) => (el.id = ids[i]));
  const row = h(
    'div',
    { class: 'row requirement' },
    h('div', { class: 'field' }, h('label', { for: ids[0] }, t('vacancies.req_part')), partSel),
    h('div', { class: 'field' }, h('label', { for: ids[1] }, t('vacancies.req_kind')), kindSel),
    h('div', { class: 'field' }, h('label', { for: ids[2] }, t('vacancies.req_value')), value),
  );
  const remove = h('button', { type: 'button', class: 'secondary', onclick: () => row.remove() }, t('vacancies.req_remove'));
  row.append(h('div', { class: 'row-tools' }, remove));
  rows.append(row);
  return row;
}

function readRequirements(rows: HTMLElement): { must: Requirement[]; nice: Requirement[] } {
  const out = { must: [] as Requirement[], nice: [] as Requirement[] };
  rows.querySelectorAll('.requirement').forEach((row) => {
    const part = (row.querySelector('[name=req_part]') as HTMLSelectElement).value as 'must' | 'nice';
    const kind = (row.querySelector('[name=req_kind]') as HTMLSelectElement).value;
    const value = (row.querySelector('[name=req_value]') as HTMLInputElement).value.trim();
    out[part].push({ kind, value });
  });
  return out;
}

// A new draft, or a draft's edit; a saved draft can then be published now or at a moment.
export async function vacancyFormPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const existing = params.id ? await apiGet<Vacancy>(`/api/v1/vacancies/${params.id}`) : null;
  const staff = !isApplicant();
  const fields = new InputFields((path) => (path.startsWith('wage') ? 'wage' : path.startsWith('requirements') ? 'req_value' : path));
  const bin = h('input', { name: 'employer_bin', inputmode: 'numeric', maxlength: 12, value: existing?.employer.bin ?? '', required: true });
  const title = h('input', { name: 'title', maxlength: 200, value: existing?.title ?? '', required: true });
  const description = h('textarea', { name: 'description', rows: 4, maxlength: 4000 }, existing?.description ?? '');
  // The occupation and the place chosen from the classifiers by code or name (a code the
  // classifier lacks may still be typed: the server says whether it is one).
  const nkz = new ClassifierPicker({ kind: 'nkz', name: 'nkz', required: true });
  const kato = new ClassifierPicker({ kind: 'kato', name: 'kato', required: true });
  if (existing) await Promise.all([nkz.setValue(existing.nkz), kato.setValue(existing.kato)]);
  const wage = h('input', { name: 'wage', inputmode: 'decimal', value: existing ? formatTiyn(existing.wage.amount) : '', required: true });
  const workingTime = h(
    'select',
    { name: 'working_time' },
    WORKING_TIMES.map((w) => h('option', { value: w, selected: w === (existing?.working_time ?? 'full_time') }, label('working_time', w))),
  );
  const workplaces = h('input', { name: 'workplaces', type: 'number', min: 1, max: 10000, value: String(existing?.workplaces ?? 1), required: true });
  const suitable = h('input', { name: 'disability_suitable', type: 'checkbox', checked: existing?.disability_suitable ?? false });
  const rows = h('div', { class: 'requirements' });
  for (const r of existing?.requirements.must ?? []) requirementRow(rows, 'must', r);
  for (const r of existing?.requirements.nice ?? []) requirementRow(rows, 'nice', r);
  const addMust = h('button', { type: 'button', class: 'secondary', onclick: () => requirementRow(rows, 'must').querySelector('input')?.focus() }, t('vacancies.req_add_must'));
  const addNice = h('button', { type: 'button', class: 'secondary', onclick: () => requirementRow(rows, 'nice').querySelector('input')?.focus() }, t('vacancies.req_add_nice'));
  const message = h('div', { 'aria-live': 'polite' });
  if (flash) message.append(statusBox(flash));
  flash = null;
  const submit = h('button', { type: 'submit' }, t('vacancies.save'));
  const reqHeading = uid('req-h');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    staff ? fields.field(t('vacancies.employer_bin'), bin, t('vacancies.employer_bin_hint')) : null,
    fields.field(t('vacancies.title_label'), title),
    fields.field(t('vacancies.description'), description),
    pickerField(fields, t('vacancies.nkz'), nkz, t('vacancies.nkz_hint')),
    pickerField(fields, t('vacancies.kato'), kato, t('vacancies.kato_hint')),
    fields.field(t('vacancies.wage'), wage, t('vacancies.wage_hint')),
    fields.field(t('vacancies.working_time'), workingTime),
    fields.field(t('vacancies.workplaces'), workplaces),
    fields.field(t('vacancies.disability_suitable'), suitable),
    h(
      'fieldset',
      { 'aria-labelledby': reqHeading },
      h('legend', { id: reqHeading }, t('vacancies.requirements')),
      h('p', { class: 'hint' }, t('vacancies.requirements_hint')),
      rows,
      h('div', { class: 'row' }, addMust, addNice),
    ),
    message,
    submit,
  );
  onSubmit(
    form,
    submit,
    message,
    async () => {
      if (staff && !validBin(bin.value.trim())) throw new Invalid(t('vacancies.bin_invalid'), bin);
      const tiyn = tengeToTiyn(wage.value);
      if (tiyn === null) throw new Invalid(t('vacancies.wage_invalid'), wage);
      const body: Record<string, unknown> = {
        title: title.value,
        description: description.value,
        nkz: nkz.value,
        kato: kato.value,
        wage: { amount: tiyn, currency: 'KZT' },
        working_time: workingTime.value,
        workplaces: Number(workplaces.value || 0),
        disability_suitable: suitable.checked,
        requirements: readRequirements(rows),
      };
      if (staff) body.employer_bin = bin.value.trim();
      if (existing) body.row_version = existing.row_version;
      const saved = existing
        ? await apiSend<Vacancy>('PUT', `/api/v1/vacancies/${existing.id}`, body)
        : await apiSend<Vacancy>('POST', '/api/v1/vacancies', body);
      flash = t('vacancies.saved', { title: saved.title });
      navigate(`/vacancies/${saved.id}/edit`);
    },
    fields,
  );
  main.append(
    pageTitle(existing ? t('vacancies.edit_title', { title: existing.title }) : t('vacancies.new_title')),
    h('p', null, link('/vacancies', t('vacancies.back'))),
    existing && existing.status !== 'draft' ? h('p', { class: 'warning' }, t('vacancies.not_draft', { status: label('vacancy_status', existing.status) })) : form,
  );
  const candidates = existing ? candidatesLink(existing) : null;
  if (candidates) main.append(h('p', null, candidates));
  if (existing?.status === 'draft') main.append(publishCard(existing, await userTimeZone()));
}

// Publish the saved draft now, or at a day and time on the office's clock (then it is scheduled
// until then).
function publishCard(v: Vacancy, zone: string | undefined): HTMLElement {
  const day = dayInput('publish_on');
  const time = timeInput('publish_time');
  const fields = new InputFields();
  const message = h('div', { 'aria-live': 'polite' });
  const now = h('button', { type: 'button' }, t('vacancies.publish_now'));
  const later = h('button', { type: 'submit', class: 'secondary' }, t('vacancies.publish_later'));
  const headingId = uid('pub-h');
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('vacancies.publish_heading')),
    h('p', null, now),
    h('p', { class: 'hint' }, t('vacancies.publish_at_hint')),
    h('div', { class: 'row fields' }, fields.field(t('vacancies.publish_on'), day, t('date.hint')), fields.field(t('vacancies.publish_time'), time, t('time.hint'))),
    message,
    later,
  );
  onSubmit(now, now, message, () => act(v, 'publish', '/vacancies'));
  onSubmit(
    form,
    later,
    message,
    async () => {
      const on = readDay(day);
      if (on === undefined) throw new Invalid(t('vacancies.publish_at_required'), day);
      const minutes = readTime(time);
      if (minutes === undefined) throw new Invalid(t('vacancies.publish_at_required'), time);
      await act(v, 'publish', '/vacancies', { publish_at: zonedInstant(on, minutes, zone).toISOString() }, 'vacancies.done_schedule');
    },
    fields,
  );
  return form;
}
