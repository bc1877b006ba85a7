// A case: applicant, documents, result, the timeline, and a form for each open task the user
// may take.
import { apiBytes, apiGet, apiSend } from '../api';
import { grid, hasRole, Invalid, isApplicant, link, navigate, offices, onSubmit, pageTitle, processes, session, statusBox } from '../app';
import { caseStatus } from '../case_status';
import { complaintsSection } from './case-complaints';
import { caseContractLine } from './contracts';
import { notesSection } from './case-notes';
import { reassignSection } from './case-reassign';
import { timeBadge, timeLeft } from '../deadline';
import { field, h, uid } from '../dom';
import { displayValue, FieldForm, FormSet } from '../forms';
import { formatDay, formatInstant, label, loc, t } from '../i18n';
import { keyFileFields } from '../keyfile';
import { signDrafts, type DraftToSign } from '../sign';
import { issuedDocumentsSection } from './case-annulment';
import type { CaseDetail, Office, Person, RefusalGround, StaffMember, Task } from '../types';
import type { FieldSpec } from '../fields';

const CARD_PROCESSES = ['job-seeker-registration', 'unemployed-registration', 'active-measures-referral', 'unemployed-attendance'];

// A notice carried over a re-render after a completed task.
let flash: string | null = null;

export async function casePage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const kase = await apiGet<CaseDetail>(`/api/v1/cases/${params.id}`);
  const officeList = await offices();
  const office = officeList.find((o) => o.id === kase.office);

  main.append(pageTitle(t('case.title', { number: kase.number })));
  if (flash) {
    main.append(statusBox(flash));
    flash = null;
  }
  const fields = (await processes()).find((p) => p.code === kase.process)?.fields ?? [];
  // The applicant's own view: what was asked, where it stands, what to collect (item 4).
  if (isApplicant()) {
    await applicantView(main, kase, office, officeList, fields);
    return;
  }
  // An office the case was handed from reads it only: it is told so, and offered no form.
  const readOnly = kase.read_only === true;
  if (readOnly) main.append(readOnlyNotice(kase, officeList));
  main.append(headerFacts(kase, office), (await caseContractLine(kase.id)) ?? '');
  main.append(await applicantSection(kase));
  main.append(applicationSection(kase, fields, officeList));
  main.append(documentsSection(kase));
  if (kase.result) main.append(resultSection(kase));
  main.append(issuedDocumentsSection(kase.id, kase.office, () => navigate(`/cases/${kase.id}`)));
  const open = kase.tasks.filter((task) => task.open);
  for (const task of open) main.append(await taskSection(kase, task, readOnly));
  if (!readOnly) main.append((await reassignSection(kase)) ?? '');
  main.append((await notesSection(kase, readOnly)) ?? '');
  main.append((await complaintsSection(kase, readOnly)) ?? '');
  main.append(historySection(kase), timelineSection(kase, officeList));
}

// The event of a hand-off: an action, not a catalogue key (the key scan reads quoted dotted names).
const HAND_OFF_ACTION = ['case', 'hand_off'].join('.');
// The latest hand-off of the case (P1 route A at 6.1): from which office, to which, at what step.
interface HandOff {
  from: string;
  to: string;
  step: string;
}
function handOffOf(data: Record<string, unknown>): HandOff | null {
  const { from, to, step } = data;
  return typeof from === 'string' && typeof to === 'string' ? { from, to, step: typeof step === 'string' ? step : '' } : null;
}
function officeName(officeList: Office[], id: string): string {
  return loc(officeList.find((o) => o.id === id)?.name) || id;
}

function readOnlyNotice(kase: CaseDetail, officeList: Office[]): HTMLElement {
  const last = kase.events.filter((ev) => ev.action === HAND_OFF_ACTION).map((ev) => handOffOf(ev.data)).filter((x) => x !== null).pop();
  const to = officeName(officeList, last?.to ?? kase.office);
  return h(
    'section',
    { class: 'read-only-notice', id: 'read-only-notice', 'aria-labelledby': 'read-only-h' },
    h('h2', { id: 'read-only-h' }, t('case.read_only.title')),
    h('p', null, last?.step ? t('case.read_only.handed', { to, step: last.step }) : t('case.read_only.kept', { to })),
  );
}

function fact(term: string, value: string | Node): HTMLElement[] {
  return [h('dt', null, term), h('dd', null, value)];
}

// What the case is, where and since when: the same facts head the staff's and the applicant's view.
function headerFacts(kase: CaseDetail, office: Office | undefined): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    fact(t('case.process'), loc(kase.title) || kase.process),
    fact(t('case.status'), caseStatus(kase)),
    fact(t('case.channel'), label('channel', kase.channel)),
    fact(t('case.office'), loc(office?.name) || kase.office),
    fact(t('case.created'), formatInstant(kase.created_at)),
    kase.accepted_at ? fact(t('case.accepted'), formatInstant(kase.accepted_at)) : null,
    kase.result_due_on ? fact(t('case.result_due'), h('span', { id: 'result-due' }, formatDay(kase.result_due_on))) : null,
  );
}

async function applicantSection(kase: CaseDetail): Promise<HTMLElement> {
  const section = h('section', { 'aria-labelledby': 'applicant-h' }, h('h2', { id: 'applicant-h' }, t('case.applicant')));
  const facts = h('dl', { class: 'facts' });
  if (kase.applicant.iin) {
    facts.append(...fact(t('case.iin'), kase.applicant.iin));
    // The individual employment card of S1-S3 and the unemployed person's year.
    if (CARD_PROCESSES.includes(kase.process)) {
      facts.append(...fact(t('card.open'), link(`/people/${kase.applicant.iin}/card`, t('card.title'))));
    }
    try {
      const p = await apiGet<Person>(`/api/v1/people/${kase.applicant.iin}`);
      facts.append(...fact(t('case.name'), [p.surname, p.given_name, p.patronymic].filter(Boolean).join(' ')));
    } catch {
      // no person record yet, or not ours to read: the IIN alone is shown
    }
  }
  if (kase.applicant.bin) {
    facts.append(...fact(t('case.bin'), kase.applicant.bin));
    try {
      const e = await apiGet<{ name?: string }>(`/api/v1/employers/${kase.applicant.bin}`);
      if (e.name) facts.append(...fact(t('case.name'), e.name));
    } catch {
      // as above
    }
  }
  section.append(facts);
  return section;
}

function documentsSection(kase: CaseDetail): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'docs-h' },
    h('h2', { id: 'docs-h' }, t('case.documents')),
    kase.documents.length
      ? h(
          'ul',
          null,
          kase.documents.map((d) =>
            h('li', null, label('doc', d.type), d.valid_until ? ` — ${t('case.valid_until', { date: formatDay(d.valid_until) })}` : ''),
          ),
        )
      : h('p', { class: 'empty' }, t('case.no_documents')),
  );
}

function resultSection(kase: CaseDetail): HTMLElement {
  const r = kase.result!;
  return h(
    'section',
    { 'aria-labelledby': 'result-h', class: 'result' },
    h('h2', { id: 'result-h' }, t('case.result')),
    h('p', { id: 'result-kind' }, label('result', r.kind), r.number ? ` № ${r.number}` : ''),
    r.grounds.length
      ? h('ul', null, r.grounds.map((g) => h('li', null, loc(g.text) || g.code, g.item ? ` (${g.item})` : '')))
      : null,
    r.missing.length ? h('p', null, t('case.missing'), ' ', r.missing.map((d) => label('doc', d)).join(', ')) : null,
    r.expired.length ? h('p', null, t('case.expired'), ' ', r.expired.map((d) => label('doc', d)).join(', ')) : null,
    r.document_url
      ? h('p', null, h('a', { href: r.document_url, download: `${r.number || kase.number}.pdf`, class: 'button-link' }, t('case.download')))
      : r.document_unavailable
        ? h('p', { id: 'result-unavailable' }, t(`case.document_unavailable.${r.document_unavailable.reason === 'no_printed_form' ? 'no_printed_form' : 'not_drawn'}`))
        : null,
  );
}

// Staff take the tasks of their roles; an applicant answers the steps that wait for them
// (the permit fee in S4) and works the steps of their applicant role (the server lists only
// their own cases' tasks to them).
function mayTake(task: Task): boolean {
  if (!session.user) return false;
  if (isApplicant()) return task.kind === 'wait' || (task.kind === 'user' && (task.role === 'employer' || task.role === 'job_seeker'));
  if (task.assignee && task.assignee !== session.user.login) return false;
  return !!task.role && hasRole(task.role);
}

async function taskSection(kase: CaseDetail, task: Task, readOnly = false): Promise<HTMLElement> {
  const headingId = uid('task-h');
  const section = h(
    'section',
    { class: 'task card', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('case.open_task'), ': ', isApplicant() ? loc(task.title) : `${task.ref} ${loc(task.title)}`),
    h(
      'p',
      null,
      isApplicant() ? null : [t('case.role', { role: label('role', task.role ?? 'applicant') }), ' · '],
      t('case.due', { due: formatInstant(task.due_at) }),
      ' ',
      timeBadge(await timeLeft(task)),
    ),
  );
  if (readOnly || !mayTake(task) || !task.outcomes.length) return section;
  section.append(
    await taskForm(kase.process, task, (outcome) => {
      flash = t('task.done', { outcome: label('outcome', outcome) });
      navigate(`/cases/${kase.id}`);
    }),
  );
  return section;
}

// The outcomes of an open task as a form: appointee, refusal grounds, the data an outcome
// needs, and the EDS signature where the step asks for one.
export async function taskForm(process: string, task: Task, onDone: (outcome: string) => void): Promise<HTMLElement> {
  const name = uid('outcome');
  const radios = task.outcomes.map((o, i) => {
    const id = uid('o');
    const input = h('input', { type: 'radio', name, id, value: o, checked: i === 0 });
    return { input, el: h('div', { class: 'field check' }, input, h('label', { for: id }, label('outcome', o))) };
  });
  const outcomes = h('fieldset', null, h('legend', null, t('task.outcome')), radios.map((r) => r.el));
  const chosen = () => radios.find((r) => r.input.checked)?.input.value ?? task.outcomes[0];

  let assignee: HTMLSelectElement | null = null;
  const extra: HTMLElement[] = [];
  if (task.assigns) {
    // Offer only whom the server accepts: active staff of the task's office with the role the
    // step appoints, so the head picks a name rather than typing a login.
    const staff = await apiGet<{ items: StaffMember[] }>(
      `/api/v1/offices/${encodeURIComponent(task.office)}/staff?role=${encodeURIComponent(task.assigns)}`,
    );
    assignee = h(
      'select',
      { name: 'assignee', required: true },
      h('option', { value: '' }, staff.items.length ? t('task.assignee_choose') : t('task.assignee_none')),
      staff.items.map((m) => h('option', { value: m.login }, `${m.full_name} (${m.login})`)),
    );
    // The only one who can be appointed comes chosen (docs/COUNTER.md: two clicks saved).
    if (staff.items.length === 1) assignee.value = staff.items[0].login;
    extra.push(field(t('task.assignee', { role: label('role', task.assigns) }), assignee, t('task.assignee_hint')));
  }

  let groundsBox: HTMLFieldSetElement | null = null;
  if (task.requires_grounds.length) {
    const grounds = await apiGet<RefusalGround[]>(`/api/v1/refusal-grounds?process=${encodeURIComponent(process)}`);
    groundsBox = h(
      'fieldset',
      { class: 'grounds' },
      h('legend', null, t('task.grounds')),
      grounds.map((g) => {
        const id = uid('g');
        return h(
          'div',
          { class: 'field check' },
          h('input', { type: 'checkbox', id, value: g.code, name: 'ground' }),
          h('label', { for: id }, loc(g.text), g.item ? ` (${g.item})` : ''),
        );
      }),
    );
    const sync = () => (groundsBox!.hidden = !task.requires_grounds.includes(chosen()));
    radios.forEach((r) => r.input.addEventListener('change', sync));
    sync();
  }

  // The step's fields always; an outcome's only while it is chosen (hidden and disabled
  // otherwise, and not sent).
  const context = { office: task.office };
  const fields = task.fields ?? [];
  const stepForm = await FieldForm.create(fields.filter((f) => !f.outcome), context);
  if (!stepForm.empty) extra.push(stepForm.element);
  const outcomeForms = new Map<string, FieldForm>();
  for (const o of task.outcomes) {
    const own = fields.filter((f) => f.outcome === o);
    if (!own.length) continue;
    const outcomeForm = await FieldForm.create(own, context);
    outcomeForms.set(o, outcomeForm);
    const box = h('fieldset', { class: 'outcome-data', 'data-outcome': o }, h('legend', null, label('outcome', o)), outcomeForm.element);
    extra.push(box);
    const sync = () => {
      box.hidden = chosen() !== o;
      box.disabled = box.hidden;
    };
    radios.forEach((r) => r.input.addEventListener('change', sync));
    sync();
  }
  const forms = new FormSet(() => [stepForm, outcomeForms.get(chosen())]);

  const keys = task.signature_required ? keyFileFields() : null;
  // An outcome taken without the signature (the head returns a contract for revision) hides it.
  const signs = () => !!keys && !(task.unsigned_outcomes ?? []).includes(chosen());
  const signBox = keys ? h('div', { class: 'sign-box' }, draftList(task), keys.element) : null;
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' });
  const syncSigning = () => {
    if (signBox) signBox.hidden = !signs();
    submit.textContent = signs() ? t('task.sign_and_complete') : t('task.complete');
  };
  radios.forEach((r) => r.input.addEventListener('change', syncSigning));
  syncSigning();
  const form = h(
    'form',
    { class: 'task-form', novalidate: true },
    outcomes,
    extra,
    groundsBox,
    signBox,
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    const outcome = chosen();
    const data: Record<string, unknown> = {};
    if (assignee) {
      if (!assignee.value) throw new Invalid(t('task.assignee_required'), assignee);
      data.assignee = assignee.value;
    }
    if (groundsBox && !groundsBox.hidden) {
      const codes = [...groundsBox.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
      if (!codes.length) throw new Invalid(t('task.grounds_required'), groundsBox.querySelector('input') ?? undefined);
      data.grounds = codes;
    }
    Object.assign(data, forms.collect());
    const body: Record<string, unknown> = { outcome, data };
    if (keys && signs()) {
      // Every document the step signs, each with its own signature, asked for at once.
      const drafts = await apiGet<{ items: DraftToSign[] }>(`/api/v1/tasks/${task.id}/documents`);
      Object.assign(body, await signDrafts(drafts.items, apiBytes, (contents) => keys.signAll(contents)));
    }
    await apiSend('POST', `/api/v1/tasks/${task.id}/complete`, body);
    onDone(outcome);
  }, forms);
  return form;
}

// The documents a signing task signs, each a link to its draft PDF (one, or the notice and the
// permit at S4c 6.5); filled in once the server lists them.
function draftList(task: Task): HTMLElement {
  const list = h('ul', { class: 'drafts', 'aria-label': t('task.drafts') });
  void apiGet<{ items: DraftToSign[] }>(`/api/v1/tasks/${task.id}/documents`)
    .then((drafts) => {
      list.replaceChildren(
        ...drafts.items.map((d) =>
          h('li', null, h('a', { href: d.url, target: '_blank', rel: 'noopener', 'data-kind': d.kind }, t('task.view_draft_of', { title: loc(d.title) }))),
        ),
      );
    })
    .catch(() => {
      list.replaceChildren(h('li', null, h('a', { href: `/api/v1/tasks/${task.id}/document`, target: '_blank', rel: 'noopener' }, t('task.view_draft'))));
    });
  return list;
}

function historySection(kase: CaseDetail): HTMLElement {
  const done = kase.tasks.filter((x) => x.completed_at);
  return h(
    'section',
    { 'aria-labelledby': 'steps-h' },
    h('h2', { id: 'steps-h' }, t('case.steps')),
    done.length
      ? grid(
          ['case.step', 'case.by', 'case.outcome', 'case.when'],
          done.map((x) =>
              h(
                'tr',
                null,
                h('td', null, `${x.ref} ${loc(x.title)}`),
                h('td', null, fullName(kase, x.completed_by)),
                h('td', null, label('outcome', x.outcome ?? '')),
                h('td', null, formatInstant(x.completed_at)),
              ),
          ),
        )
      : h('p', { class: 'empty' }, t('case.no_steps')),
  );
}

function timelineSection(kase: CaseDetail, officeList: Office[]): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'timeline-h' },
    h('h2', { id: 'timeline-h' }, t('case.timeline')),
    h(
      'ol',
      { class: 'timeline' },
      kase.events.map((ev) => {
        const outcome = typeof ev.data.outcome === 'string' ? ev.data.outcome : null;
        const handOff = ev.action === HAND_OFF_ACTION ? handOffOf(ev.data) : null;
        // P1's social contract: its new status in words (in force once the last party signed).
        const contractStatus = ev.action === 'social_contract.status' && typeof ev.data.status === 'string' ? ev.data.status : null;
        return h(
          'li',
          null,
          h('time', { datetime: ev.at }, formatInstant(ev.at)),
          ' — ',
          h('strong', null, fullName(kase, ev.actor)),
          ': ',
          handOff
            ? t('case.handed_off', { from: officeName(officeList, handOff.from), to: officeName(officeList, handOff.to), step: handOff.step })
            : contractStatus
              ? t('case.social_contract_status', { status: label('contract_status', contractStatus) })
              : label('event', ev.action),
          outcome ? ` (${label('outcome', outcome)})` : '',
        );
      }),
    ),
  );
}


// Whoever acted, by full name (the server's `names`); the engine's automatic steps as the system;
// the login only for an account it does not know.
function fullName(kase: CaseDetail, login: string | undefined | null): string {
  if (!login) return '';
  if (login === 'system') return t('case.by_system');
  return kase.names?.[login] || login;
}

// What the applicant asked for: the application's fields as the definition labels them, each
// value in words (an office by name, a choice by its label).
function applicationSection(kase: CaseDetail, fields: FieldSpec[], officeList: Office[]): HTMLElement {
  const shown = fields.filter((f) => f.name && f.name !== 'consent' && kase.data[f.name] !== undefined && kase.data[f.name] !== null);
  const value = (f: FieldSpec): string => {
    const v = kase.data[f.name!];
    if (f.type === 'office') return loc(officeList.find((o) => o.id === v)?.name) || String(v);
    return displayValue(f, v);
  };
  return h(
    'section',
    { 'aria-labelledby': 'application-h', class: 'application' },
    h('h2', { id: 'application-h' }, t('case.application')),
    shown.length
      ? h('dl', { class: 'facts' }, shown.map((f) => fact(loc(f.label) || t('case.application_field'), value(f))))
      : h('p', { class: 'empty' }, t('case.application_documents_only')),
  );
}

// The status of an open or ended case as one sentence for the applicant.
function statusSentence(kase: CaseDetail): string {
  const due = kase.result_due_on ? formatDay(kase.result_due_on) : '';
  if (kase.status === 'open') {
    if (kase.tasks.some((x) => x.open && mayTake(x))) return t(kase.data === undefined ? 'mycase.party_waits_for_you' : 'mycase.waits_for_you');
    if (kase.accepted_at || kase.tasks.some((x) => x.completed_at)) {
      return due ? t('mycase.in_progress_due', { date: due }) : t('mycase.in_progress');
    }
    return due ? t('mycase.received_due', { date: due }) : t('mycase.received');
  }
  return t(`mycase.ended_${kase.status}`);
}

async function applicantView(main: HTMLElement, kase: CaseDetail, office: Office | undefined, officeList: Office[], fields: FieldSpec[]): Promise<void> {
  main.append(
    h('p', { class: 'status-sentence', id: 'status-sentence' }, statusSentence(kase)),
    headerFacts(kase, office),
    (await caseContractLine(kase.id)) ?? '',
  );
  // A party that is not the applicant (P1's employer signing the social contract) is not sent
  // the person's application: only what it signs.
  const party = kase.data === undefined;
  if (!party) main.append(applicationSection(kase, fields, officeList));
  main.append(documentsSection(kase));
  if (kase.result) main.append(resultSection(kase));
  else if (!party) main.append(toCollectSection(kase));
  main.append(issuedDocumentsSection(kase.id, kase.office, () => navigate(`/cases/${kase.id}`)));
  // The steps that wait for the applicant (the permit fee in S4), by what they ask, no step numbers or roles.
  for (const task of kase.tasks.filter((x) => x.open && mayTake(x))) main.append(await taskSection(kase, task));
  main.append((await complaintsSection(kase, party)) ?? '');
}

// Before the result: what the applicant will collect, and where.
function toCollectSection(kase: CaseDetail): HTMLElement {
  const open = kase.status === 'open';
  return h(
    'section',
    { 'aria-labelledby': 'collect-h' },
    h('h2', { id: 'collect-h' }, t('mycase.to_collect')),
    h('p', null, open ? t(kase.channel === 'portal' ? 'mycase.collect_portal' : 'mycase.collect_office') : t('mycase.nothing_to_collect')),
  );
}
