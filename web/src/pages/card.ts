// A person's individual employment card (/people/{iin}/card): its status, the attendance
// schedule of the unemployed person's year (the next visit, or the visit due now and by when),
// and its history — each visit to the centre and a deregistration with its ground, date and who.
// Staff of the card's office and the person themself read it; the visit is recorded on the task
// of the attendance case, linked from here.
import { ApiError, apiGet } from '../api';
import { grid, isApplicant, link, pageTitle, statusBox } from '../app';
import { h } from '../dom';
import { formatDay, formatInstant, label, t } from '../i18n';
import { profileSections } from './profile';

interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  case_id: number | null;
  data: Record<string, unknown>;
}

interface Attendance {
  case_id: number;
  case_number: string;
  status: string;
  next_visit_at: string | null;
  visit_due_by: string | null;
  visit_task_id: number | null;
}

interface Card {
  iin: string;
  office: string;
  status: string;
  job_seeker_since: string;
  unemployed_since: string | null;
  history: HistoryEntry[];
  attendance: Attendance | null;
}

export async function cardPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  let card: Card;
  try {
    card = await apiGet<Card>(`/api/v1/people/${params.iin}/employment-card`);
  } catch (err) {
    // No card yet: the person's profile and suitable vacancies still have their place here.
    if (!(err instanceof ApiError && err.status === 404 && err.key.startsWith('card.'))) throw err;
    main.append(pageTitle(t('card.title')), statusBox(t('card.no_card')), ...(await profileSections(params.iin)));
    return;
  }
  main.append(
    pageTitle(t('card.title')),
    h(
      'dl',
      { class: 'facts' },
      fact(t('case.iin'), card.iin),
      fact(t('card.status'), h('span', { class: `status card-${card.status}` }, label('card_status', card.status))),
      fact(t('card.job_seeker_since'), card.job_seeker_since),
      fact(t('card.unemployed_since'), card.unemployed_since ?? '—'),
    ),
    scheduleSection(card.attendance),
    historySection(card.history),
    ...(await profileSections(params.iin)),
  );
}

function fact(term: string, value: string | Node): HTMLElement[] {
  return [h('dt', null, term), h('dd', null, value)];
}

function scheduleSection(a: Attendance | null): HTMLElement {
  const section = h('section', { 'aria-labelledby': 'schedule-h' }, h('h2', { id: 'schedule-h' }, t('card.schedule')));
  if (!a) {
    section.append(h('p', null, t('card.no_schedule')));
    return section;
  }
  const facts = h('dl', { class: 'facts' });
  facts.append(
    ...fact(t('card.schedule_case'), link(`/cases/${a.case_id}`, a.case_number)),
    ...fact(t('case.status'), label('status', a.status)),
  );
  if (a.visit_due_by) facts.append(...fact(t('card.visit_due_by'), h('strong', null, formatInstant(a.visit_due_by))));
  if (a.next_visit_at) facts.append(...fact(t('card.next_visit'), formatInstant(a.next_visit_at)));
  section.append(facts);
  if (a.visit_due_by) section.append(h('p', null, t(isApplicant() ? 'card.visit_note_person' : 'card.visit_note_staff')));
  return section;
}

// What an entry's data says, in words: the ground, the visit date and what was recorded.
function details(e: HistoryEntry): string {
  const d = e.data;
  const parts: string[] = [];
  if (typeof d.ground === 'string') parts.push(`${t('card.ground')}: ${label('deregistration_ground', d.ground)}`);
  if (typeof d.visited_on === 'string') parts.push(`${t('card.visited_on')}: ${formatDay(d.visited_on)}`);
  if (typeof d.employed_on === 'string') parts.push(`${t('card.employed_on')}: ${formatDay(d.employed_on)}`);
  if (typeof d.employer === 'string') parts.push(`${t('card.employer')}: ${d.employer}`);
  if (typeof d.vacancy === 'number') parts.push(`${t('card.vacancy')}: № ${d.vacancy}`);
  if (typeof d.hired_on === 'string') parts.push(`${t('card.hired_on')}: ${formatDay(d.hired_on)}`);
  if (typeof d.reason === 'string') parts.push(`${t('card.reason')}: ${d.reason}`);
  if (typeof d.note === 'string') parts.push(`${t('card.note')}: ${d.note}`);
  if (typeof d.case_number === 'string') parts.push(`${t('card.case')}: ${d.case_number}`);
  return parts.join('; ') || '—';
}

function historySection(history: HistoryEntry[]): HTMLElement {
  const rows = [...history].reverse().map((e) =>
    h(
      'tr',
      null,
      h('td', null, formatInstant(e.at)),
      h('th', { scope: 'row' }, label('card_action', e.action)),
      h('td', null, e.actor === 'system' ? t('card.by_system') : e.actor),
      h('td', null, details(e)),
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'card-history-h' },
    h('h2', { id: 'card-history-h' }, t('card.history')),
    grid(['card.when', 'card.what', 'card.who', 'card.details'], rows),
  );
}
