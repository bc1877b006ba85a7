// Personal cabinets: an applicant's own cases, and applications sent through the portal,
// signed with the applicant's key file.
import { apiGet, apiSend } from '../api';
import { busy, errorBox, hasRole, link, navigate, offices, pageTitle, processes, statusBox } from '../app';
import { field, h, uid } from '../dom';
import { label, loc, t } from '../i18n';
import { keyFileFields } from '../keyfile';
import { canonicalJson } from '../sign';
import type { CaseDetail, CaseSummary, Process } from '../types';

// Which services each kind of applicant applies for in the cabinet (PROCESSES.md S1, S3, S4).
const SEEKER_SERVICES = ['job-seeker-registration', 'active-measures-referral'];
const EMPLOYER_PROVIDER = 'oblast';

function servicesFor(all: Process[]): Process[] {
  const portal = all.filter((p) => p.channels.includes('portal'));
  if (hasRole('employer')) return portal.filter((p) => p.provider === EMPLOYER_PROVIDER);
  return portal.filter((p) => SEEKER_SERVICES.includes(p.code));
}

export async function cabinetPage(main: HTMLElement): Promise<void> {
  const [all, mine] = await Promise.all([processes(), apiGet<{ items: CaseSummary[] }>('/api/v1/cases')]);
  main.append(
    pageTitle(t('cabinet.title')),
    h('h2', null, t('cabinet.apply')),
    h('ul', { class: 'services' }, servicesFor(all).map((p) => h('li', null, link(`/cabinet/apply/${p.code}`, loc(p.title))))),
    h('h2', null, t('cabinet.my_cases')),
    myCases(mine.items),
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
        h('span', { class: `status ${c.status}` }, label('status', c.status)),
        c.result ? [' · ', label('result', c.result.kind)] : null,
      ),
    ),
  );
}

// Data fields an application carries beyond its documents, by process.
interface DataField {
  name: string;
  type: 'number' | 'text';
  min?: number;
  max?: number;
  pattern?: string;
}
const PERMIT_FIELDS: DataField[] = [
  { name: 'category', type: 'number', min: 1, max: 4 },
  { name: 'workers', type: 'number', min: 1, max: 1000 },
  { name: 'occupation', type: 'text', pattern: '\\d{4}(-\\d)?' },
  { name: 'region', type: 'text', pattern: '\\d{9}' },
  { name: 'term_months', type: 'number', min: 1, max: 12 },
];
const DATA_FIELDS: Record<string, DataField[]> = { 'foreign-labour-permit': PERMIT_FIELDS };

export async function applyPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const [all, officeList] = await Promise.all([processes(), offices()]);
  const process = servicesFor(all).find((p) => p.code === params.process);
  if (!process) {
    main.append(pageTitle(t('cabinet.apply')), statusBox(t('cabinet.no_such_service'), 'error'));
    return;
  }
  const level = process.provider === 'oblast' ? 'oblast' : 'centre';
  const office = h(
    'select',
    { name: 'office', required: true },
    officeList.filter((o) => o.level === level).map((o) => h('option', { value: o.id }, loc(o.name))),
  );
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
  const inputs = (DATA_FIELDS[process.code] ?? []).map((f) => ({
    f,
    input: h('input', { name: f.name, type: f.type, min: f.min, max: f.max, pattern: f.pattern, required: true, inputmode: 'numeric' }),
  }));
  // Consent to the use of protected data, where the service asks for it (S4).
  const consentId = uid('consent');
  const consent = process.consent_required ? h('input', { type: 'checkbox', id: consentId, name: 'consent' }) : null;
  const keys = keyFileFields();
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('cabinet.sign_and_send'));
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    field(t('cabinet.office'), office),
    docs,
    inputs.length
      ? h('fieldset', null, h('legend', null, t('cabinet.details')), inputs.map(({ f, input }) => field(t(`data.${f.name}`), input, t(`data.${f.name}.hint`))))
      : null,
    consent ? h('div', { class: 'field check' }, consent, h('label', { for: consentId }, t('cabinet.consent'))) : null,
    keys.element,
    message,
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    message.replaceChildren();
    const data: Record<string, unknown> = {};
    for (const { f, input } of inputs) {
      if (!input.value.trim() || !input.checkValidity()) {
        message.append(statusBox(t('cabinet.fix_field', { field: t(`data.${f.name}`) }), 'error'));
        input.focus();
        return;
      }
      data[f.name] = f.type === 'number' ? Number(input.value) : input.value.trim();
    }
    if (consent && !consent.checked) {
      message.append(statusBox(t('cabinet.consent_required'), 'error'));
      consent.focus();
      return;
    }
    if (consent) data.consent = true;
    const documents = [...docs.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => ({ type: b.value }));
    const request = { process: process.code, channel: 'portal', office: office.value, documents, data };
    void busy(submit, async () => {
      try {
        const signature = await keys.sign(new TextEncoder().encode(canonicalJson(request)));
        const kase = await apiSend<CaseDetail>('POST', '/api/v1/cases', { ...request, signature });
        navigate(`/cases/${kase.id}`);
      } catch (err) {
        message.append(errorBox(err));
      }
    });
  });
  main.append(pageTitle(t('cabinet.apply_for', { service: loc(process.title) })), form);
}
