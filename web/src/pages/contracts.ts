// Programme contracts (docs/CONTRACTS.md): the list the user may see (staff: their offices';
// an employer: its own), one contract with its parties, sums, term, returns, refusal and the
// signatures in order with each detached CMS, and the short forms the case page and the
// employer's cabinet show. The parties sign on the case's steps (4.1, 5.1), never here.
import { apiGet, query } from '../api';
import { grid, hasRole, isApplicant, link, offices, pageTitle, processes } from '../app';
import { field, h, uid } from '../dom';
import { decimalMark } from '../field_nodes';
import { displayValue } from '../forms';
import { formatDay, formatInstant, label, loc, t } from '../i18n';
import { formatTenge } from '../money';
import type { CaseDetail, Contract, ContractSignature, ContractStatus, Task } from '../types';
import type { FieldSpec } from '../fields';
import { hasLife, lifeActions, lifeSections, loadLife } from './contract_life';

export const CONTRACT_STATUSES: ContractStatus[] = ['draft', 'returned', 'signed_by_centre', 'in_force', 'refused', 'ended'];

// The parties in the order they sign (the template's signers: the centre's head, then the employer).
const PARTIES = ['customer', 'contractor'];

// The steps on which each party signs or declines (processes/subsidised-jobs 4.1 and 5.1).
const SIGNING_STEPS: Record<string, string> = { head_signs: 'head', employer_signs: 'employer' };

// No contract is for nothing (3.4 asks at least 1 tiyn): 0 is an amount not entered yet.
const money = (m: { amount: number } | null | undefined): string => (m?.amount ? formatTenge(m.amount, decimalMark()) : '—');

export function contractTitle(c: Contract): string {
  return c.number ? t('contracts.title_numbered', { number: c.number }) : t('contracts.title_unnumbered');
}

function statusBadge(status: string): HTMLElement {
  return h('span', { class: `status contract-${status}`, 'data-status': status }, label('contract_status', status));
}

function term(c: Contract): string {
  if (!c.starts_on && !c.ends_on) return '—';
  return `${formatDay(c.starts_on || null)} — ${formatDay(c.ends_on || null)}`;
}

// Who reads contracts: staff, and an employer its own (the API refuses a job seeker).
export function readsContracts(): boolean {
  return !isApplicant() || hasRole('employer');
}

export async function contractsPage(main: HTMLElement): Promise<void> {
  main.append(...(await contractsView(main)));
}

// The list's nodes; a new filter draws them again in `host`, the page's own container.
async function contractsView(host: HTMLElement): Promise<Node[]> {
  const status = new URLSearchParams(location.search).get('status') ?? '';
  const [list, all] = await Promise.all([
    apiGet<Contract[]>(`/api/v1/contracts${query({ status: CONTRACT_STATUSES.includes(status as ContractStatus) ? status : undefined })}`),
    processes(),
  ]);
  const programme = (code: string) => loc(all.find((p) => p.code === code)?.title) || code;
  const filter = h(
    'select',
    {
      name: 'status',
      id: 'contracts-status',
      onchange: (e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        history.replaceState(null, '', `/contracts${v ? `?status=${v}` : ''}`);
        void refresh(host);
      },
    },
    h('option', { value: '' }, t('contracts.all')),
    CONTRACT_STATUSES.map((s) => h('option', { value: s, selected: s === status }, label('contract_status', s))),
  );
  const rows = list.map((c) =>
    h(
      'tr',
      { 'data-contract': c.id },
      h('th', { scope: 'row' }, link(`/contracts/${c.id}`, c.number || t('contracts.no_number'))),
      h('td', null, c.contractor.name, h('br'), h('span', { class: 'hint' }, t('contracts.bin_value', { bin: c.contractor.bin }))),
      h('td', null, programme(c.programme)),
      h('td', { class: 'num' }, money(c.amount)),
      h('td', null, term(c)),
      h('td', null, statusBadge(c.status)),
    ),
  );
  return [
    pageTitle(t('contracts.list_title')),
    h('p', null, t(isApplicant() ? 'contracts.intro_employer' : 'contracts.intro_staff')),
    field(t('contracts.filter'), filter),
    rows.length
      ? grid(['contracts.number', 'contracts.contractor', 'contracts.programme', 'contracts.amount', 'contracts.term', 'contracts.status'], rows)
      : h('p', { class: 'empty' }, t('contracts.none')),
  ];
}

async function refresh(host: HTMLElement): Promise<void> {
  host.replaceChildren(...(await contractsView(host)));
  document.getElementById('page-title')?.focus();
}

function fact(term: string, value: string | Node | (string | Node)[]): HTMLElement[] {
  return [h('dt', null, term), h('dd', null, value)];
}

// A member of a group field of the application, e.g. requisites.signatory_name.
function member(kase: CaseDetail | null, group: string, name: string): unknown {
  const g = kase?.data?.[group];
  return g && typeof g === 'object' ? (g as Record<string, unknown>)[name] : undefined;
}

function fieldSpec(fields: FieldSpec[], group: string, name: string): FieldSpec | undefined {
  return fields.find((f) => f.name === group)?.fields?.find((f) => f.name === name);
}

// Whose signature the contract awaits: the customer's until the centre signs, then the
// contractor's; nobody's once in force, refused or ended.
function awaitedParty(c: Contract): string | null {
  if (c.status === 'draft' || c.status === 'returned') return 'customer';
  if (c.status === 'signed_by_centre') return 'contractor';
  return null;
}

export async function contractPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const c = await apiGet<Contract>(`/api/v1/contracts/${params.id}`);
  // The case holds what the record does not: the signatory, the measure, who is on which step.
  const [officeList, all, kase, life] = await Promise.all([
    offices(),
    processes(),
    apiGet<CaseDetail>(`/api/v1/cases/${c.case_id}`).catch(() => null),
    hasLife(c) ? loadLife(c) : null,
  ]);
  const fields = all.find((p) => p.code === c.programme)?.fields ?? [];
  const office = officeList.find((o) => o.id === c.office);
  // Staff read full names (the case's `names`); the employer reads the centre's acts by role.
  const name = (login: string) => kase?.names?.[login] || (isApplicant() ? label('role', 'head') : login);

  main.append(pageTitle(contractTitle(c)));
  main.append(h('p', { class: 'status-sentence', id: 'contract-status' }, statusBadge(c.status), ' — ', t(`contracts.status_sentence.${c.status}`)));
  const action = signAction(c, kase?.tasks ?? []);
  if (action) main.append(action);
  // What the contract's life awaits from the viewer: the employer's monthly report, a step of
  // staff's.
  const lifeAction = life ? lifeActions(c, kase?.tasks ?? [], life) : null;
  if (lifeAction) main.append(lifeAction);

  const signatory = member(kase, 'requisites', 'signatory_name');
  const position = member(kase, 'requisites', 'signatory_position');
  const measure = member(kase, 'application', 'measure');
  const measureSpec = fieldSpec(fields, 'application', 'measure');
  // The proposal and the reason are shown when the amount entered differs from the proposal.
  const amountChanged = !!c.amount?.amount && !!c.proposed_amount?.amount && c.amount.amount !== c.proposed_amount.amount;
  main.append(
    h(
      'dl',
      { class: 'facts', id: 'contract-facts' },
      fact(t('contracts.number'), c.number || t('contracts.no_number')),
      fact(t('contracts.programme'), loc(all.find((p) => p.code === c.programme)?.title) || c.programme),
      measure !== undefined && measureSpec ? fact(loc(measureSpec.label), displayValue(measureSpec, measure)) : null,
      fact(t('contracts.case'), link(`/cases/${c.case_id}`, kase?.number ?? t('contracts.open_case'))),
      fact(t('contracts.created'), formatInstant(c.created_at)),
      fact(t('contracts.updated'), formatInstant(c.updated_at)),
    ),
  );

  main.append(
    section('contracts.parties', [
      h(
        'dl',
        { class: 'facts', id: 'contract-parties' },
        fact(t('contracts.customer'), loc(office?.name) || c.office),
        fact(t('contracts.contractor'), c.contractor.name),
        fact(t('contracts.bin'), c.contractor.bin),
        typeof signatory === 'string' && signatory
          ? fact(t('contracts.signatory'), typeof position === 'string' && position ? `${signatory}, ${position}` : signatory)
          : null,
      ),
    ]),
  );

  main.append(
    section('contracts.sum_and_term', [
      h(
        'dl',
        { class: 'facts', id: 'contract-sum' },
        fact(t('contracts.amount'), c.amount?.amount ? money(c.amount) : t('contracts.not_entered')),
        amountChanged ? fact(t('contracts.proposed_amount'), money(c.proposed_amount)) : null,
        amountChanged ? fact(t('contracts.amount_reason'), c.amount_reason || '—') : null,
        !c.amount?.amount && c.proposed_amount?.amount ? fact(t('contracts.proposed_amount'), money(c.proposed_amount)) : null,
        fact(t('contracts.starts_on'), formatDay(c.starts_on || null)),
        fact(t('contracts.ends_on'), formatDay(c.ends_on || null)),
      ),
    ]),
  );

  if (c.return_reasons.length) {
    main.append(
      section('contracts.returns', [
        grid(
          ['contracts.return_reason', 'contracts.return_by', 'contracts.return_at'],
          c.return_reasons.map((r) => h('tr', null, h('td', null, r.reason), h('td', null, name(r.login)), h('td', null, formatInstant(r.at)))),
        ),
      ]),
    );
  }
  if (c.refusal_reason) {
    main.append(section('contracts.refusal', [h('p', { id: 'contract-refusal' }, c.refusal_reason)]));
  }

  main.append(
    section('contracts.document', [
      c.pdf_url
        ? h('p', null, h('a', { href: c.pdf_url, download: `contract-${c.number || c.id}.pdf`, class: 'button-link', id: 'contract-pdf' }, t('contracts.download_pdf')))
        : h('p', { class: 'empty' }, t('contracts.no_pdf')),
    ]),
  );
  main.append(signaturesSection(c, name));
  if (life) main.append(...(await lifeSections(c, kase, life)));
}

function section(headingKey: string, body: (Node | null)[]): HTMLElement {
  const id = uid('contract-h');
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, t(headingKey)), body);
}

// The signatures in signing order, each party's slot filled or awaited.
function signaturesSection(c: Contract, name: (login: string) => string): HTMLElement {
  const awaited = awaitedParty(c);
  const slots: { party: string; signature: ContractSignature | null; n: number }[] = c.signatures.map((s, i) => ({ party: s.party, signature: s, n: i + 1 }));
  for (const party of PARTIES) {
    if (!slots.some((s) => s.party === party)) slots.push({ party, signature: null, n: slots.length + 1 });
  }
  return section('contracts.signatures', [
    h(
      'ol',
      { class: 'signatures', id: 'contract-signatures' },
      slots.map(({ party, signature: s, n }) =>
        h(
          'li',
          { 'data-party': party, 'data-signed': s ? 'true' : 'false' },
          h('strong', null, label('contract_party', party)),
          s
            ? h(
                'dl',
                { class: 'facts' },
                fact(t('contracts.signed_by'), `${s.signer_name || name(s.login)} (${s.login})`),
                s.bin ? fact(t('contracts.bin'), s.bin) : null,
                s.iin ? fact(t('contracts.iin'), s.iin) : null,
                s.subject ? fact(t('contracts.certificate'), s.subject) : null,
                fact(t('contracts.signed_at'), formatInstant(s.signed_at)),
                fact(
                  t('contracts.cms'),
                  h('a', { href: s.url, download: `contract-${c.id}-${party}.p7s` /* as the server names it */, 'data-signature': n }, t('contracts.download_cms', { n })),
                ),
              )
            : h('p', { class: 'awaited' }, party === awaited ? t('contracts.awaited') : t('contracts.not_signed')),
        ),
      ),
    ),
  ]);
}

// A clear way to the case step where the viewer signs (or returns, or refuses) the contract.
function signAction(c: Contract, tasks: Task[]): HTMLElement | null {
  const open = tasks.find((x) => x.open && SIGNING_STEPS[x.step] && hasRole(SIGNING_STEPS[x.step]));
  if (!open) return null;
  const key = open.step === 'employer_signs' ? 'contracts.sign_or_refuse' : 'contracts.sign_or_return';
  return h('p', { class: 'contract-action', id: 'contract-action' }, link(`/cases/${c.case_id}`, t(key), { class: 'button-link' }));
}

// The case page's line about its contract, if it has one the user may read.
export async function caseContractLine(caseId: number): Promise<HTMLElement | null> {
  if (!readsContracts()) return null;
  let list: Contract[];
  try {
    list = await apiGet<Contract[]>(`/api/v1/contracts${query({ case: String(caseId) })}`);
  } catch {
    return null; // not a reader of contracts after all: the case page goes on without
  }
  if (!list.length) return null;
  return h(
    'p',
    { class: 'case-contract', id: 'case-contract' },
    list.map((c, i) => [i ? h('br') : null, link(`/contracts/${c.id}`, contractTitle(c)), ': ', statusBadge(c.status)]),
  );
}

// The employer's contracts in the cabinet, with their status.
export async function cabinetContractsSection(): Promise<HTMLElement> {
  const list = await apiGet<Contract[]>('/api/v1/contracts');
  const headingId = uid('contracts-h');
  return h(
    'section',
    { 'aria-labelledby': headingId, class: 'my-contracts' },
    h('h2', { id: headingId }, t('contracts.my_contracts')),
    list.length
      ? h(
          'ul',
          null,
          list.map((c) =>
            h('li', { 'data-contract': c.id }, link(`/contracts/${c.id}`, contractTitle(c)), ' — ', money(c.amount), ' · ', statusBadge(c.status)),
          ),
        )
      : h('p', { class: 'empty' }, t('contracts.none')),
    list.length ? h('p', null, link('/contracts', t('contracts.all_contracts'))) : null,
  );
}
