// Administration → Users: the staff accounts of the administrator's oblast, a form to create
// one, a button to disable or re-enable each (disabling ends its sessions on the server), and
// one to reset its password to a one-time password shown once.
import { apiGet, apiSend } from '../api';
import { grid, Invalid, navigate, offices, onSubmit, pageTitle, session, statusBox } from '../app';
import { field, h, uid } from '../dom';
import { label, loc, t } from '../i18n';
import type { Office, UserAccount } from '../types';

// The roles an administrator may give: every role but the applicants'.
const STAFF_ROLES = [
  'office_clerk', 'head', 'executor', 'employment_specialist', 'employer_specialist', 'unit_head',
  'analyst', 'commission_member', 'commission_secretary', 'admin', 'national_admin',
];

// A notice carried over the re-render after a change.
let flash: string | null = null;

export async function usersPage(main: HTMLElement): Promise<void> {
  const [list, users] = await Promise.all([offices(), apiGet<{ items: UserAccount[] }>('/api/v1/users')]);
  const officeName = (id: string) => {
    const o = list.find((x) => x.id === id);
    return o ? loc(o.name) : id;
  };
  const message = h('div', { 'aria-live': 'polite' });
  if (flash) message.append(statusBox(flash));
  flash = null;
  main.append(
    pageTitle(t('users.title')),
    message,
    grid(
      ['users.login', 'users.full_name', 'users.office', 'users.roles', 'users.status', 'users.action'],
      users.items.map((u) => {
        const toggle = h('button', { type: 'button', class: 'secondary' }, u.active ? t('users.deactivate') : t('users.activate'));
        toggle.setAttribute('aria-label', `${u.active ? t('users.deactivate') : t('users.activate')}: ${u.login}`);
        const setActive = async () => {
          await apiSend('PATCH', `/api/v1/users/${encodeURIComponent(u.login)}`, { active: !u.active });
          flash = t(u.active ? 'users.deactivated' : 'users.activated', { login: u.login });
          navigate('/admin/users');
        };
        // Deactivating signs the person out at once: it is asked for twice.
        if (u.active) toggle.addEventListener('click', () => confirmDeactivate(u, message, toggle, setActive));
        else onSubmit(toggle, toggle, message, setActive);
        // A one-time password is shown here once; the account must change it at sign-in.
        const reset = h('button', { type: 'button', class: 'secondary' }, t('users.reset_password'));
        reset.setAttribute('aria-label', `${t('users.reset_password')}: ${u.login}`);
        onSubmit(reset, reset, message, async () => {
          const res = await apiSend<{ one_time_password: string }>('POST', `/api/v1/users/${encodeURIComponent(u.login)}/password-reset`);
          message.append(statusBox(t('users.password_reset', { login: u.login, password: res.one_time_password })));
        });
        return h(
          'tr',
          null,
          h('th', { scope: 'row' }, u.login),
          h('td', null, u.full_name),
          h('td', null, officeName(u.office)),
          h('td', null, u.roles.map((r) => label('role', r)).join(', ')),
          h('td', null, u.active ? t('users.active') : t('users.inactive')),
          // The server refuses to disable one's own account; offer no button for it.
          h('td', null, u.login === session.user?.login ? '—' : [toggle, ' ', reset]),
        );
      }),
    ),
    // The server answers 403 for offices of other oblasts; offer only the admin's own.
    createForm(list.filter((o) => o.oblast_kato === list.find((x) => x.id === session.user?.office)?.oblast_kato)),
  );
}

function confirmDeactivate(u: UserAccount, message: HTMLElement, toggle: HTMLButtonElement, setActive: () => Promise<void>): void {
  message.replaceChildren();
  const textId = uid('confirm');
  const yes = h('button', { type: 'button', class: 'danger' }, t('users.deactivate_confirm'));
  const no = h('button', { type: 'button', class: 'secondary' }, t('users.deactivate_cancel'));
  const result = h('div', { 'aria-live': 'polite' });
  const box = h(
    'div',
    { class: 'confirm card', role: 'alertdialog', 'aria-labelledby': textId },
    h('p', { id: textId }, t('users.deactivate_question', { name: u.full_name, login: u.login })),
    h('div', { class: 'actions' }, yes, ' ', no),
    result,
  );
  onSubmit(yes, yes, result, setActive);
  no.addEventListener('click', () => {
    message.replaceChildren();
    toggle.focus();
  });
  message.append(box);
  no.focus();
}

function createForm(list: Office[]): HTMLElement {
  const login = h('input', { name: 'login', autocomplete: 'off', required: true, pattern: '[a-z0-9._\\-]{2,40}' });
  const fullName = h('input', { name: 'full_name', autocomplete: 'off', required: true });
  const office = h('select', { name: 'office', required: true }, list.map((o) => h('option', { value: o.id }, loc(o.name))));
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: '8' });
  const iin = h('input', { name: 'iin', autocomplete: 'off', inputmode: 'numeric', pattern: '[0-9]{12}' });
  const roles = h(
    'fieldset',
    null,
    h('legend', null, t('users.roles')),
    STAFF_ROLES.map((r) => {
      const id = uid('role');
      return h('div', { class: 'field check' }, h('input', { type: 'checkbox', id, name: 'role', value: r }), h('label', { for: id }, label('role', r)));
    }),
  );
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('users.create'));
  const headingId = uid('create-h');
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('users.new')),
    field(t('users.login'), login, t('users.login_hint')),
    field(t('users.full_name'), fullName),
    field(t('users.office'), office),
    roles,
    field(t('users.password'), password, t('users.password_hint')),
    field(t('users.iin'), iin, t('users.iin_hint')),
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    if (!login.value.trim() || !login.checkValidity()) throw new Invalid(t('users.login_invalid'), login);
    if (!fullName.value.trim()) throw new Invalid(t('users.full_name_required'), fullName);
    const chosen = [...roles.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    if (!chosen.length) throw new Invalid(t('users.roles_required'), roles.querySelector('input') ?? undefined);
    if (password.value.length < 8) throw new Invalid(t('users.password_hint'), password);
    if (iin.value && !iin.checkValidity()) throw new Invalid(t('users.iin_hint'), iin);
    const body: Record<string, unknown> = {
      login: login.value.trim(),
      full_name: fullName.value.trim(),
      office: office.value,
      roles: chosen,
      password: password.value,
    };
    if (iin.value) body.iin = iin.value;
    await apiSend('POST', '/api/v1/users', body);
    flash = t('users.created', { login: login.value.trim() });
    navigate('/admin/users');
  });
  return form;
}
