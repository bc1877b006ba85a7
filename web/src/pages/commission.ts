// The commission's agenda: permit cases before it, members' votes, the recommendation; a
// member votes here, the secretary records the recommendation on the case's own step.
import { apiGet, apiSend } from '../api';
import { hasRole, Invalid, link, navigate, onSubmit, pageTitle, processes } from '../app';
import { field, h, uid } from '../dom';
import type { FieldSpec } from '../fields';
import { displayValue } from '../forms';
import { formatDay, label, loc, t } from '../i18n';
import type { Task } from '../types';
import { taskForm } from './case';

interface AgendaItem {
  case_id: number;
  case_number: string;
  process: string;
  employer: { bin: string };
  application: Record<string, unknown>;
  meeting: { id: number | null; held_on: string | null };
  recommendation: string | null;
  reasons: string;
  votes: { member: string; vote: string; reasons: string; at: string }[];
}

export async function commissionPage(main: HTMLElement): Promise<void> {
  const agenda = await apiGet<{ items: AgendaItem[] }>('/api/v1/commission/agenda');
  main.append(pageTitle(t('commission.title')));
  if (!agenda.items.length) {
    main.append(h('p', { class: 'empty' }, t('commission.empty')));
    return;
  }
  // The secretary records the recommendation by completing the case's commission step.
  const tasks = hasRole('commission_secretary') ? await apiGet<Task[]>('/api/v1/tasks') : [];
  const procs = await processes();
  for (const item of agenda.items) {
    const section = itemView(item, procs.find((p) => p.code === item.process)?.fields ?? []);
    const task = tasks.find((x) => x.case_id === item.case_id && x.outcomes.length);
    if (task) section.append(await taskForm(item.process, task, () => navigate('/commission')));
    main.append(section);
  }
}

// The application's fields shown with their labels, as its definition declares them.
function itemView(item: AgendaItem, fields: FieldSpec[]): HTMLElement {
  const headingId = uid('agenda-h');
  return h(
    'section',
    { class: 'card', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, link(`/cases/${item.case_id}`, item.case_number)),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('case.bin')),
      h('dd', null, item.employer.bin),
      fields
        .filter((f) => f.name && item.application[f.name] !== undefined)
        .map((f) => [h('dt', null, loc(f.label)), h('dd', null, displayValue(f, item.application[f.name!]))]),
      h('dt', null, t('commission.meeting')),
      h('dd', null, item.meeting.held_on ? formatDay(item.meeting.held_on) : t('commission.no_meeting')),
      h('dt', null, t('commission.recommendation')),
      h('dd', null, item.recommendation ? label('vote', item.recommendation) : t('commission.pending')),
    ),
    item.votes.length
      ? h(
          'ul',
          { class: 'votes', 'aria-label': t('commission.votes') },
          item.votes.map((v) => h('li', null, `${v.member}: ${label('vote', v.vote)}`, v.reasons ? ` — ${v.reasons}` : '')),
        )
      : h('p', { class: 'empty' }, t('commission.no_votes')),
    hasRole('commission_member') && !item.recommendation ? voteForm(item) : null,
  );
}

function voteForm(item: AgendaItem): HTMLElement {
  const name = uid('vote');
  const options = ['grant', 'refuse'].map((v, i) => {
    const id = uid('v');
    const input = h('input', { type: 'radio', name, id, value: v, checked: i === 0 });
    return { input, el: h('div', { class: 'field check' }, input, h('label', { for: id }, label('vote', v))) };
  });
  const reasons = h('textarea', { name: 'reasons', rows: '3' });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('commission.vote'));
  const form = h(
    'form',
    { novalidate: true },
    h('fieldset', null, h('legend', null, t('commission.your_vote')), options.map((o) => o.el)),
    field(t('commission.reasons'), reasons, t('commission.reasons_hint')),
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    const vote = options.find((o) => o.input.checked)?.input.value ?? 'grant';
    if (vote === 'refuse' && !reasons.value.trim()) throw new Invalid(t('commission.reasons_required'), reasons);
    await apiSend('POST', `/api/v1/commission/agenda/${item.case_id}/votes`, {
      vote,
      ...(reasons.value.trim() ? { reasons: reasons.value.trim() } : {}),
    });
    navigate('/commission');
  });
  return form;
}
