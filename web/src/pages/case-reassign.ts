// Reassigning the case's open tasks (docs/CASEWORK.md): the head of the task's office, or an
// acting head while their delegation is in force, hands a task to another holder of its role
// (the executor is ill). The server decides who may; this panel only shows itself to those it
// lets, and lists whom the server offers.
import { apiGet, apiSend } from '../api';
import { hasRole, isApplicant, navigate, onSubmit, session, statusBox } from '../app';
import { field, h, uid } from '../dom';
import { label, loc, t } from '../i18n';
import type { CaseDetail, Task } from '../types';

interface Candidate {
  login: string;
  full_name: string;
  current: boolean;
}
interface Assignees {
  role: string;
  assignee: string | null;
  items: Candidate[];
}

// A notice carried over the re-render after reassigning.
let flash: string | null = null;

// Whether the signed-in user holds the head's role today: their own, or by a delegation in force.
async function actsAsHead(): Promise<boolean> {
  if (hasRole('head')) return true;
  try {
    const list = await apiGet<{ items: { role: string; status: string; delegate: { login: string } }[] }>('/api/v1/delegations');
    return list.items.some((d) => d.role === 'head' && d.status === 'in_force' && d.delegate.login === session.user?.login);
  } catch {
    return false;
  }
}

export async function reassignSection(kase: CaseDetail): Promise<HTMLElement | null> {
  if (!session.user || isApplicant()) return null;
  const open = kase.tasks.filter((task) => task.open && task.role && task.office === session.user?.office);
  if (!open.length || !(await actsAsHead())) return null;
  const forms: HTMLElement[] = [];
  for (const task of open) {
    let offered: Assignees;
    try {
      offered = await apiGet<Assignees>(`/api/v1/tasks/${task.id}/assignees`);
    } catch {
      continue; // not a step staff work, or no longer open
    }
    forms.push(reassignForm(kase, task, offered));
  }
  if (!forms.length) return null;
  const section = h(
    'section',
    { class: 'reassign card', 'aria-labelledby': 'reassign-h' },
    h('h2', { id: 'reassign-h' }, t('reassign.title')),
    h('p', { class: 'hint' }, t('reassign.hint')),
  );
  if (flash) {
    section.append(statusBox(flash));
    flash = null;
  }
  section.append(...forms);
  return section;
}

function reassignForm(kase: CaseDetail, task: Task, offered: Assignees): HTMLElement {
  const current = offered.items.find((c) => c.current);
  const others = offered.items.filter((c) => !c.current);
  const headingId = uid('reassign-task');
  const who = h(
    'select',
    { name: 'assignee' },
    h('option', { value: '' }, t('reassign.choose')),
    others.map((c) => h('option', { value: c.login }, c.full_name)),
  );
  const reason = h('input', { type: 'text', name: 'reason', maxlength: 500, autocomplete: 'off' });
  const button = h('button', { type: 'submit' }, t('reassign.submit'));
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'reassign-task', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `${task.ref} ${loc(task.title)}`),
    h(
      'p',
      null,
      t('reassign.now', {
        role: label('role', offered.role),
        who: current?.full_name ?? (offered.assignee || t('reassign.anyone')),
      }),
    ),
    others.length
      ? [field(t('reassign.to'), who), field(t('reassign.reason'), reason), h('div', { class: 'actions' }, button)]
      : h('p', { class: 'empty' }, t('reassign.nobody')),
    message,
  );
  onSubmit(form, button, message, async () => {
    if (!who.value) {
      who.setAttribute('aria-invalid', 'true');
      who.focus();
      message.append(statusBox(t('reassign.choose_first'), 'error'));
      return;
    }
    const chosen = others.find((c) => c.login === who.value);
    await apiSend('POST', `/api/v1/tasks/${task.id}/reassign`, { assignee: who.value, reason: reason.value.trim() || undefined });
    flash = t('reassign.done', { step: task.ref, who: chosen?.full_name ?? who.value });
    navigate(`/cases/${kase.id}`);
  });
  return form;
}
