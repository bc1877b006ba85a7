// Acting heads (/delegations): the delegations of the office with their state today, and for a
// head a form to make a colleague acting head for a period (both dates included) and a button
// to revoke one. While it is in force the acting head's queue holds the head's tasks and the
// documents they sign name them as acting head by this delegation.
import { apiGet, apiSend } from '../api';
import { grid, hasRole, Invalid, navigate, onSubmit, pageTitle, session, statusBox } from '../app';
import { field, h, uid } from '../dom';
import { formatDay, label, t } from '../i18n';

interface Person {
  login: string;
  full_name: string;
}

interface Delegation {
  id: number;
  role: string;
  delegator: Person;
  delegate: Person;
  starts_on: string;
  ends_on: string;
  status: 'scheduled' | 'in_force' | 'ended' | 'revoked';
}

let flash: string | null = null;

export async function delegationsPage(main: HTMLElement): Promise<void> {
  const list = (await apiGet<{ items: Delegation[] }>('/api/v1/delegations')).items;
  const canDelegate = hasRole('head', 'unit_head');
  const message = h('div', { 'aria-live': 'polite' });
  if (flash) message.append(statusBox(flash));
  flash = null;
  main.append(
    pageTitle(t('delegations.title')),
    h('p', null, t('delegations.intro')),
    message,
    list.length
      ? grid(
          ['delegations.role', 'delegations.delegator', 'delegations.delegate', 'delegations.period', 'delegations.status', 'users.action'],
          list.map((d) => {
            const revoke = h('button', { type: 'button', class: 'secondary' }, t('delegations.revoke'));
            revoke.setAttribute('aria-label', `${t('delegations.revoke')}: ${d.delegate.full_name}, ${formatDay(d.starts_on)} — ${formatDay(d.ends_on)}`);
            onSubmit(revoke, revoke, message, async () => {
              await apiSend('POST', `/api/v1/delegations/${d.id}/revoke`, {});
              flash = t('delegations.revoked', { name: d.delegate.full_name });
              navigate('/delegations');
            });
            const open = d.status === 'scheduled' || d.status === 'in_force';
            return h(
              'tr',
              null,
              h('td', null, label('role', d.role)),
              h('td', null, d.delegator.full_name),
              h('th', { scope: 'row' }, d.delegate.full_name),
              h('td', null, `${formatDay(d.starts_on)} — ${formatDay(d.ends_on)}`),
              h('td', null, label('delegation_status', d.status)),
              h('td', null, canDelegate && open ? revoke : '—'),
            );
          }),
        )
      : h('p', { class: 'empty' }, t('delegations.none')),
  );
  if (canDelegate) main.append(await createForm());
}

async function createForm(): Promise<HTMLElement> {
  const office = session.user?.office ?? '';
  const me = session.user?.login;
  const staff = (await apiGet<{ items: Person[] }>(`/api/v1/offices/${encodeURIComponent(office)}/staff`)).items.filter(
    (p) => p.login !== me,
  );
  const role = hasRole('head') ? 'head' : 'unit_head';
  const delegate = h(
    'select',
    { name: 'delegate', required: true },
    staff.map((p) => h('option', { value: p.login }, `${p.full_name} (${p.login})`)),
  );
  const from = h('input', { name: 'starts_on', type: 'date', required: true });
  const to = h('input', { name: 'ends_on', type: 'date', required: true });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('delegations.create'));
  const headingId = uid('delegate-h');
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('delegations.new', { role: label('role', role) })),
    field(t('delegations.delegate'), delegate),
    field(t('delegations.from'), from),
    field(t('delegations.to'), to, t('delegations.dates_hint')),
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    if (!from.value) throw new Invalid(t('delegations.dates_required'), from);
    if (!to.value) throw new Invalid(t('delegations.dates_required'), to);
    await apiSend('POST', '/api/v1/delegations', { delegate: delegate.value, role, starts_on: from.value, ends_on: to.value });
    flash = t('delegations.created', { name: delegate.selectedOptions[0]?.textContent ?? delegate.value });
    navigate('/delegations');
  });
  return form;
}
