// The complaints about a case (C1, Law "On public services" art. 25): each with its term and,
// once given, the reasoned answer; and a form to file one, for the applicant in the cabinet or
// for a clerk at the office on the applicant's behalf.
import { apiGet, apiSend } from '../api';
import { hasRole, Invalid, isApplicant, link, navigate, onSubmit, statusBox } from '../app';
import { timeBadge, timeLeft } from '../deadline';
import { field, h, uid } from '../dom';
import { formatDay, formatInstant, label, t } from '../i18n';
import type { CaseDetail, Task } from '../types';

const COMPLAINT_PROCESS = 'public-service-complaint';
const MIN_TEXT = 10;
const MAX_TEXT = 5000;

interface Complaint {
  id: number;
  number: string;
  status: string;
  text: string;
  filed_at: string;
  result_due_on?: string | null;
  task: Task | null;
  answer: string | null;
  outcome: string | null;
  answered_at: string | null;
  reopened: boolean;
  result: { document_url?: string | null; number?: string } | null;
}

// A notice carried over the re-render after filing.
let flash: string | null = null;

// `readOnly`: the complaints are listed, none filed from here (an office the case was handed from).
export async function complaintsSection(kase: CaseDetail, readOnly = false): Promise<HTMLElement | null> {
  if (kase.process === COMPLAINT_PROCESS) return null;
  const list = await apiGet<{ items: Complaint[] }>(`/api/v1/cases/${kase.id}/complaints`);
  const section = h(
    'section',
    { 'aria-labelledby': 'complaints-h', class: 'complaints' },
    h('h2', { id: 'complaints-h' }, t('complaint.title')),
  );
  if (flash) {
    section.append(statusBox(flash));
    flash = null;
  }
  if (!list.items.length) section.append(h('p', { class: 'empty' }, t('complaint.none')));
  for (const c of list.items) section.append(await complaintCard(c));
  if (!readOnly && (isApplicant() || hasRole('office_clerk'))) section.append(fileForm(kase));
  return section;
}

async function complaintCard(c: Complaint): Promise<HTMLElement> {
  const headingId = uid('complaint-h');
  const facts = h('dl', { class: 'facts' });
  const fact = (term: string, value: string | Node) => facts.append(h('dt', null, term), h('dd', null, value));
  fact(t('complaint.filed'), formatInstant(c.filed_at));
  if (c.result_due_on) fact(t('complaint.due'), formatDay(c.result_due_on));
  fact(t('complaint.status'), c.answer ? label('outcome', c.outcome ?? '') : t('complaint.pending'));
  if (c.task) fact(t('complaint.time_left'), timeBadge(await timeLeft(c.task)));
  if (c.answered_at) fact(t('complaint.answered'), formatInstant(c.answered_at));
  return h(
    'article',
    { class: 'complaint card', 'aria-labelledby': headingId, 'data-complaint': c.id },
    h('h3', { id: headingId }, link(`/cases/${c.id}`, t('complaint.number', { number: c.number }))),
    facts,
    h('p', { class: 'complaint-text' }, h('strong', null, t('complaint.text'), ': '), c.text),
    c.answer
      ? h('p', { class: 'complaint-answer' }, h('strong', null, t('complaint.answer'), ': '), c.answer)
      : null,
    c.reopened ? h('p', { class: 'complaint-reopened' }, t('complaint.reopened')) : null,
    c.result?.document_url
      ? h('p', null, h('a', { href: c.result.document_url, download: `${c.result.number ?? c.number}.pdf`, class: 'button-link' }, t('complaint.download')))
      : null,
  );
}

function fileForm(kase: CaseDetail): HTMLElement {
  const text = h('textarea', { name: 'text', rows: 5, required: true, minlength: MIN_TEXT, maxlength: MAX_TEXT });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('complaint.submit'));
  const hint = isApplicant() ? t('complaint.hint_applicant') : t('complaint.hint_clerk');
  const form = h(
    'form',
    { class: 'complaint-form', novalidate: true, 'aria-labelledby': 'complaint-form-h' },
    h('h3', { id: 'complaint-form-h' }, t('complaint.file')),
    field(t('complaint.text'), text, hint),
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    const value = text.value.trim();
    if (value.length < MIN_TEXT) throw new Invalid(t('complaint.too_short', { min: MIN_TEXT }), text);
    await apiSend('POST', `/api/v1/cases/${kase.id}/complaints`, { text: value });
    flash = t('complaint.filed_ok');
    navigate(`/cases/${kase.id}`);
  });
  return form;
}
