// Referrals to vacancies and the employer's answer (docs/PLACEMENTS.md): the employer sees the
// people referred to its vacancies and records, once, whether each was hired (on which date)
// or not and why; staff of the office see the same list, and an employer-interaction
// specialist records the answer on the employer's word.
import { apiGet, apiSend, query } from '../api';
import { grid, hasRole, isApplicant, link, onSubmit, pageTitle, statusBox } from '../app';
import { localDate } from '../dates';
import { dayInput, readDay } from '../day_field';
import { field, h, uid } from '../dom';
import { formatDay, formatInstant, label, t } from '../i18n';

interface Placement {
  id: number;
  case_id: number;
  case_number: string;
  vacancy: { id: number; title: string; kato: string; status: string; office: string };
  employer: { bin: string; name: string };
  person_iin: string;
  office: string;
  status: 'referred' | 'hired' | 'not_hired';
  hired_on: string | null;
  reason: string | null;
  reason_text: string | null;
  answered_by: string | null;
  answered_at: string | null;
  corrections: number;
  referred_at: string;
}

const REASONS = ['did_not_come', 'not_qualified', 'person_declined', 'position_filled', 'other'];

export async function placementsPage(main: HTMLElement): Promise<void> {
  await drawPlacements(main, main);
}

// Draws the page into `main`; `host` is the page's element that later refreshes redraw (`main`
// is a scratch element on a refresh, whose content then replaces the host's).
async function drawPlacements(main: HTMLElement, host: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const status = params.get('status') ?? '';
  const list = await apiGet<{ items: Placement[] }>(`/api/v1/placements${query({ status: status || undefined })}`);
  const filter = h(
    'select',
    {
      name: 'status',
      id: 'placements-status',
      onchange: (e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        history.replaceState(null, '', `/placements${v ? `?status=${v}` : ''}`);
        void placementsRefresh(host);
      },
    },
    h('option', { value: '' }, t('placements.all')),
    ['referred', 'hired', 'not_hired'].map((s) => h('option', { value: s, selected: s === status }, label('placement_status', s))),
  );
  const answers = hasRole('employer', 'employer_specialist');
  const rows = list.items.map((p) =>
    h(
      'tr',
      null,
      h('td', null, isApplicant() ? p.case_number : link(`/cases/${p.case_id}`, p.case_number)),
      h('td', null, p.person_iin),
      h('th', { scope: 'row' }, `${p.vacancy.title} (№ ${p.vacancy.id})`, h('br'), h('span', { class: 'hint' }, p.employer.name)),
      h('td', null, formatInstant(p.referred_at)),
      h('td', null, h('span', { class: `status placement-${p.status}` }, label('placement_status', p.status))),
      h('td', null, answerCell(p, answers, host)),
    ),
  );
  main.append(
    pageTitle(t('placements.title')),
    h('p', null, t(isApplicant() ? 'placements.intro_employer' : 'placements.intro_staff')),
    field(t('placements.filter'), filter),
    rows.length
      ? grid(['placements.case', 'placements.person', 'placements.vacancy', 'placements.referred_at', 'placements.status', 'placements.answer'], rows)
      : h('p', { class: 'empty' }, t('placements.none')),
  );
}

async function placementsRefresh(main: HTMLElement): Promise<void> {
  const fresh = h('div');
  await drawPlacements(fresh, main);
  main.replaceChildren(...fresh.childNodes);
  document.getElementById('page-title')?.focus();
}

// The answer given, or the form that records it (the employer, the employer specialist).
function answerCell(p: Placement, answers: boolean, main: HTMLElement): Node {
  if (p.status === 'hired') return document.createTextNode(t('placements.hired_on', { date: formatDay(p.hired_on) }));
  if (p.status === 'not_hired') {
    const why = label('placement_reason', p.reason ?? '');
    return document.createTextNode(p.reason_text ? `${why}: ${p.reason_text}` : why);
  }
  if (!answers) return document.createTextNode(t('placements.awaiting'));
  const key = uid('answer');
  const outcome = h(
    'select',
    { name: 'hired', id: `${key}-hired` },
    h('option', { value: 'true' }, t('placements.was_hired')),
    h('option', { value: 'false' }, t('placements.not_hired')),
  );
  const date = dayInput('hired_on', localDate(Date.now()));
  date.id = `${key}-date`;
  const reason = h('select', { name: 'reason', id: `${key}-reason` }, REASONS.map((r) => h('option', { value: r }, label('placement_reason', r))));
  const text = h('input', { type: 'text', name: 'reason_text', id: `${key}-text`, maxlength: 1000 });
  const dateField = field(t('placements.hired_on_label'), date, t('date.hint'));
  const reasonField = field(t('placements.reason'), reason);
  const textField = field(t('placements.reason_text'), text);
  const sync = () => {
    const hired = outcome.value === 'true';
    dateField.hidden = !hired;
    reasonField.hidden = hired;
    textField.hidden = hired;
  };
  outcome.addEventListener('change', sync);
  sync();
  const button = h('button', { type: 'submit' }, t('placements.record'));
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'placement-answer', 'aria-label': t('placements.answer_for', { number: p.case_number }) }, field(t('placements.outcome'), outcome), dateField, reasonField, textField, button, message);
  onSubmit(form, button, message, async () => {
    const hired = outcome.value === 'true';
    const body = hired ? { hired, hired_on: readDay(date) ?? '' } : { hired, reason: reason.value, reason_text: text.value || undefined };
    await apiSend('POST', `/api/v1/placements/${p.id}/answer`, body);
    await placementsRefresh(main);
    main.prepend(statusBox(t('placements.recorded')));
  });
  return form;
}
