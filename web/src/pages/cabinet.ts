// Personal cabinets: an applicant's own cases, contact details and consent to e-mail and SMS,
// and applications sent through the portal, signed with the applicant's key file.
import { ApiError, apiGet, apiSend } from '../api';
import { grid, hasRole, Invalid, link, navigate, offices, onSubmit, pageTitle, processes, session, statusBox } from '../app';
import { actLine, caseStatus, termText } from '../case_status';
import { contactsSection } from '../contacts';
import { field, h, uid } from '../dom';
import { formEntries, restoreEntries } from '../drafts';
import { FieldForm, FormSet } from '../forms';
import { formatDay, formatInstant, label, loc, t } from '../i18n';
import { keyFileFields } from '../keyfile';
import { canonicalJson } from '../sign';
import type { CaseDetail, CaseSummary, Process, Task } from '../types';
import { cabinetContractsSection } from './contracts';
import { employerCapacity } from './employer_users';
import { cabinetPaymentsSection } from './payments';
import { profileSections } from './profile';

// The services offered through the portal to the kind of applicant signed in, as each
// service's definition declares who applies for it.
function servicesFor(all: Process[]): Process[] {
  const kind = hasRole('employer') ? 'employer' : 'person';
  return all.filter((p) => p.channels.includes('portal') && !p.concerns && (p.applicant ?? 'person') === kind);
}

export async function cabinetPage(main: HTMLElement): Promise<void> {
  const [all, mine] = await Promise.all([processes(), apiGet<{ items: CaseSummary[] }>('/api/v1/cases')]);
  main.append(pageTitle(t('cabinet.title')));
  // An employer's user acts in a capacity: the director manages the users, a drafter prepares.
  if (hasRole('employer')) {
    const me = await employerCapacity();
    main.append(
      h(
        'p',
        { class: 'capacity' },
        t('cabinet.capacity', { capacity: label('capacity', me.capacity) }),
        me.manages_users ? [' ', link('/cabinet/users', t('cabinet.manage_users'))] : null,
      ),
    );
    if (!me.may_file) main.append(statusBox(t('cabinet.drafter_note')));
  }
  // A person's individual employment card: status, attendance schedule and history.
  if (session.user?.iin && !hasRole('employer')) {
    main.append(h('p', null, link(`/people/${session.user.iin}/card`, t('card.title'))));
  }
  main.append(
    h('h2', null, t('cabinet.apply')),
    h(
      'ul',
      { class: 'services' },
      servicesFor(all).map((p) =>
        h(
          'li',
          null,
          link(`/cabinet/apply/${p.code}`, loc(p.title)),
          p.service_term?.portal ? ` — ${t('cabinet.term', { term: termText(p.service_term.portal) })}` : '',
          p.act ? h('small', { class: 'act' }, actLine(p)) : null,
        ),
      ),
    ),
    h('h2', null, t('cabinet.my_cases')),
    myCases(mine.items),
  );
  main.append(await mySteps());
  if (hasRole('employer')) main.append(await cabinetContractsSection(), await myPermits());
  // The payments made to the employer or the person (their own orders in the registry).
  if (hasRole('employer', 'job_seeker')) main.append(await cabinetPaymentsSection());
  // The job seeker's own profile and the vacancies that suit it.
  if (session.user?.iin && hasRole('job_seeker')) main.append(...(await profileSections(session.user.iin)));
  main.append(await contactsSection(true));
}

// The steps of the applicant's own cases that await them (a contract to sign, a vacancy to
// publish), by due time; each opens on its case page with its form.
async function mySteps(): Promise<HTMLElement> {
  const steps = await apiGet<Task[]>('/api/v1/tasks');
  const headingId = uid('steps-h');
  return h(
    'section',
    { 'aria-labelledby': headingId, class: 'my-steps' },
    h('h2', { id: headingId }, t('cabinet.my_steps')),
    steps.length
      ? h(
          'ul',
          null,
          steps.map((s) =>
            h(
              'li',
              null,
              link(`/cases/${s.case_id}`, loc(s.title) || s.step),
              ' — ',
              s.case_number ?? '',
              s.due_at ? [' · ', t('case.due', { due: formatInstant(s.due_at) })] : null,
              s.urgency === 'overdue' ? [' · ', h('strong', null, t('cabinet.step_overdue'))] : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('cabinet.no_steps')),
  );
}

interface Permit {
  number: string;
  kind: string;
  workers: number;
  occupation: string;
  valid_from: string;
  valid_until: string;
  status: string;
  case_id: number | null;
}

// The employer's permits from the registry, with their term and state today.
async function myPermits(): Promise<HTMLElement> {
  const permits = (await apiGet<{ items: Permit[] }>('/api/v1/permits')).items;
  const headingId = uid('permits-h');
  return h(
    'section',
    { 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('cabinet.my_permits')),
    permits.length
      ? grid(
          ['cabinet.permit', 'cabinet.workers', 'cabinet.occupation', 'cabinet.valid', 'case.status'],
          permits.map((p) =>
            h(
              'tr',
              null,
              h('td', null, p.case_id ? link(`/cases/${p.case_id}`, p.number) : p.number),
              h('td', null, String(p.workers)),
              h('td', null, p.occupation),
              h('td', null, `${formatDay(p.valid_from)} — ${formatDay(p.valid_until)}`),
              h('td', null, label('permit_status', p.status)),
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('cabinet.no_permits')),
  );
}

function myCases(cases: CaseSummary[]): HTMLElement {
  if (!cases.length) return h('p', { class: 'empty' }, t('cabinet.no_cases'));
  return h(
    'ul',
    { class: 'my-cases' },
    cases.map((c) =>
      h(
        'li',
        null,
        link(`/cases/${c.id}`, c.number),
        ' — ',
        loc(c.title) || c.process,
        ': ',
        caseStatus(c),
        c.result ? [' · ', label('result', c.result.kind)] : null,
        c.status === 'open' && c.result_due_on ? [' · ', t('case.result_due_on', { date: formatDay(c.result_due_on) })] : null,
      ),
    ),
  );
}

export async function applyPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const [all, officeList] = await Promise.all([processes(), offices()]);
  const process = servicesFor(all).find((p) => p.code === params.process);
  if (!process) {
    main.append(pageTitle(t('cabinet.apply')), statusBox(t('cabinet.no_such_service'), 'error'));
    return;
  }
  const level = process.provider === 'oblast' ? 'oblast' : 'centre';
  const choices = officeList.filter((o) => o.level === level);
  // An explicit choice, never the first by name: preselected from the applicant's registered
  // office (or the only office of the level), else left to choose.
  const own = await registeredOffice();
  const preselected = choices.length === 1 ? choices[0].id : choices.find((o) => o.id === own)?.id ?? '';
  const office = h(
    'select',
    { name: 'office', required: true },
    h('option', { value: '' }, t('cabinet.office_choose')),
    choices.map((o) => h('option', { value: o.id, selected: o.id === preselected }, loc(o.name))),
  );
  office.value = preselected;
  const docs = h(
    'fieldset',
    { class: 'checklist' },
    h('legend', null, t('cabinet.documents')),
    process.documents
      .filter((d) => !d.channel || d.channel === 'portal')
      .map((d) => {
        const id = uid('doc');
        return h(
          'div',
          { class: 'field check' },
          h('input', { type: 'checkbox', id, name: 'doc', value: d.type, checked: d.required }),
          h('label', { for: id }, label('doc', d.type), d.required ? ` (${t('intake.required')})` : ''),
        );
      }),
  );
  // The application's fields, as the service's definition declares them.
  const dataForm = await FieldForm.create(process.fields ?? [], {});
  const forms = new FormSet(() => [dataForm]);
  // Consent to the use of protected data, where the service asks for it (S4).
  const consentId = uid('consent');
  const consent = process.consent_required ? h('input', { type: 'checkbox', id: consentId, name: 'consent' }) : null;
  const keys = keyFileFields();
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('cabinet.sign_and_send'));
  // Before signing: the server runs the filing's own checks (an employer's arrears and time in
  // business for P2) on the unsigned request and stores nothing.
  const check = h('button', { type: 'button', class: 'secondary' }, t('cabinet.check'));
  // The draft is kept on the server until the application is sent (its entries as typed).
  const save = h('button', { type: 'button', class: 'secondary' }, t('cabinet.save_draft'));
  // A drafter prepares; the director or a signatory signs and sends (the server refuses too).
  if (hasRole('employer') && !(await employerCapacity()).may_file) {
    submit.disabled = true;
    message.append(statusBox(t('cabinet.drafter_note')));
  }
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    field(t('cabinet.office'), office),
    docs.querySelector('input') ? docs : null, // none asked for (P2's application is its data)
    dataForm.empty ? null : h('fieldset', { class: 'details' }, h('legend', null, t('cabinet.details')), dataForm.element),
    consent ? h('div', { class: 'field check' }, consent, h('label', { for: consentId }, t('cabinet.consent'))) : null,
    keys.element,
    message,
    h('div', { class: 'actions' }, save, ' ', check, ' ', submit),
  );
  const unsigned = () => {
    const data = forms.collect();
    if (!office.value) throw new Invalid(t('cabinet.office_required'), office);
    if (consent && !consent.checked) throw new Invalid(t('cabinet.consent_required'), consent);
    if (consent) data.consent = true;
    const documents = [...docs.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => ({ type: b.value }));
    return { process: process.code, channel: 'portal', office: office.value, documents, data };
  };
  const draftUrl = `/api/v1/drafts/${encodeURIComponent(process.code)}`;
  const saved = await savedDraft(draftUrl);
  if (saved) {
    restoreEntries(form, saved.data.entries ?? [], new Set());
    message.append(statusBox(t('cabinet.draft_restored', { time: new Date(saved.updated_at).toLocaleString() })));
  }
  onSubmit(save, save, message, async () => {
    await apiSend('PUT', draftUrl, { data: { entries: formEntries(form) } });
    message.append(statusBox(t('cabinet.draft_saved')));
  });
  onSubmit(check, check, message, async () => {
    await apiSend('POST', '/api/v1/cases/check', unsigned());
    message.append(statusBox(t('cabinet.check_passed')));
  }, forms);
  onSubmit(form, submit, message, async () => {
    const checked = unsigned();
    // The reasons a submission would be refused come before the signature is asked for.
    await apiSend('POST', '/api/v1/cases/check', checked);
    // The signed request carries a single-use challenge, so it cannot be sent twice.
    const { challenge } = await apiSend<{ challenge: string }>('POST', '/api/v1/challenges', {});
    const request = { ...checked, challenge };
    const signature = await keys.sign(new TextEncoder().encode(canonicalJson(request)));
    const kase = await apiSend<CaseDetail>('POST', '/api/v1/cases', { ...request, signature });
    navigate(`/cases/${kase.id}`);
  }, forms);
  const about = h(
    'p',
    { class: 'about-service' },
    process.service_term?.portal ? t('cabinet.term', { term: termText(process.service_term.portal) }) : '',
    process.act ? [h('br'), actLine(process)] : null,
  );
  main.append(pageTitle(t('cabinet.apply_for', { service: loc(process.title) })), about, form);
}

// The applicant's draft of this service kept on the server, if there is one.
async function savedDraft(
  url: string,
): Promise<{ data: { entries?: { name: string; value: string; checked?: boolean }[] }; updated_at: string } | null> {
  if (!hasRole('employer') && !hasRole('job_seeker')) return null;
  try {
    return await apiGet(url);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

// The office the applicant is registered with (a person's record, an employer's), if any.
async function registeredOffice(): Promise<string> {
  try {
    if (session.user?.bin) return (await apiGet<{ office?: string }>(`/api/v1/employers/${session.user.bin}`)).office ?? '';
    if (session.user?.iin) return (await apiGet<{ office?: string }>(`/api/v1/people/${session.user.iin}`)).office ?? '';
  } catch {
    // not registered yet: the applicant chooses
  }
  return '';
}
