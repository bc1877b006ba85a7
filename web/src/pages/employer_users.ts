// The employer's users (/cabinet/users): the director lists the signatories and drafters of the
// employer, adds one (the one-time password is shown once, here, and never again) and
// deactivates them. A signatory files and signs like the director; a drafter prepares only.
import { apiGet, apiSend } from '../api';
import { grid, Invalid, navigate, onSubmit, pageTitle, statusBox } from '../app';
import { field, h, uid } from '../dom';
import { label, t } from '../i18n';

export interface EmployerCapacity {
  login: string;
  capacity: 'director' | 'signatory' | 'drafter';
  may_file: boolean;
  manages_users: boolean;
}

interface EmployerUser {
  login: string;
  full_name: string;
  capacity: string;
  iin: string;
  active: boolean;
  created_at: string;
  deactivated_at: string | null;
}

// A notice carried over the re-render after a change; the one-time password of a new user.
let flash: { text: string; password?: string } | null = null;

export function employerCapacity(): Promise<EmployerCapacity> {
  return apiGet<EmployerCapacity>('/api/v1/employer/capacity');
}

export async function employerUsersPage(main: HTMLElement): Promise<void> {
  const me = await employerCapacity();
  main.append(pageTitle(t('employer_users.title')));
  if (!me.manages_users) {
    main.append(statusBox(t('employer_users.director_only'), 'error'));
    return;
  }
  const users = (await apiGet<{ items: EmployerUser[] }>('/api/v1/employer/users')).items;
  const message = h('div', { 'aria-live': 'polite' });
  if (flash) {
    message.append(statusBox(flash.text));
    if (flash.password) {
      message.append(
        h(
          'p',
          { class: 'one-time-password' },
          t('employer_users.one_time_password'),
          ' ',
          h('code', null, flash.password),
        ),
      );
    }
  }
  flash = null;
  main.append(
    h('p', null, t('employer_users.intro')),
    message,
    users.length
      ? grid(
          ['users.login', 'users.full_name', 'employer_users.capacity', 'employer_users.iin', 'users.status', 'users.action'],
          users.map((u) => {
            const off = h('button', { type: 'button', class: 'secondary' }, t('users.deactivate'));
            off.setAttribute('aria-label', `${t('users.deactivate')}: ${u.login}`);
            onSubmit(off, off, message, async () => {
              await apiSend('POST', `/api/v1/employer/users/${encodeURIComponent(u.login)}/deactivate`, {});
              flash = { text: t('users.deactivated', { login: u.login }) };
              navigate('/cabinet/users');
            });
            return h(
              'tr',
              null,
              h('th', { scope: 'row' }, u.login),
              h('td', null, u.full_name),
              h('td', null, label('capacity', u.capacity)),
              h('td', null, u.iin),
              h('td', null, u.active ? t('users.active') : t('users.inactive')),
              h('td', null, u.active ? off : '—'),
            );
          }),
        )
      : h('p', { class: 'empty' }, t('employer_users.none')),
    createForm(),
  );
}

function createForm(): HTMLElement {
  const login = h('input', { name: 'login', autocomplete: 'off', required: true, pattern: '[a-z0-9._\\-]{2,40}' });
  const fullName = h('input', { name: 'full_name', autocomplete: 'off', required: true });
  const iin = h('input', { name: 'iin', autocomplete: 'off', inputmode: 'numeric', required: true, pattern: '[0-9]{12}' });
  const capacity = h(
    'select',
    { name: 'capacity', required: true },
    ['drafter', 'signatory'].map((c) => h('option', { value: c }, label('capacity', c))),
  );
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('users.create'));
  const headingId = uid('add-h');
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('employer_users.new')),
    field(t('users.login'), login, t('users.login_hint')),
    field(t('users.full_name'), fullName),
    field(t('employer_users.iin'), iin, t('employer_users.iin_hint')),
    field(t('employer_users.capacity'), capacity, t('employer_users.capacity_hint')),
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    if (!login.value.trim() || !login.checkValidity()) throw new Invalid(t('users.login_invalid'), login);
    if (!fullName.value.trim()) throw new Invalid(t('users.full_name_required'), fullName);
    if (!iin.checkValidity()) throw new Invalid(t('employer_users.iin_hint'), iin);
    const made = await apiSend<EmployerUser & { one_time_password: string }>('POST', '/api/v1/employer/users', {
      login: login.value.trim(),
      full_name: fullName.value.trim(),
      iin: iin.value,
      capacity: capacity.value,
    });
    flash = { text: t('users.created', { login: made.login }), password: made.one_time_password };
    navigate('/cabinet/users');
  });
  return form;
}
