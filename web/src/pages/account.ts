// My account: change the password (the only page open to a session signed in with a one-time
// password), the e-mail address for alerts (staff), set up a TOTP second factor (staff), and
// sign out everywhere.
import { apiSend } from '../api';
import { forgetCaches, Invalid, isApplicant, navigate, onSubmit, pageTitle, session, statusBox } from '../app';
import { contactsSection } from '../contacts';
import { field, h } from '../dom';
import { t } from '../i18n';

const MIN_PASSWORD = 12;

export async function accountPage(main: HTMLElement): Promise<void> {
  const user = session.user!;
  main.append(pageTitle(t('account.title')));
  if (user.must_change_password) {
    main.append(h('p', { class: 'notice', role: 'status' }, t('account.must_change')));
  }
  main.append(passwordSection());
  if (!user.must_change_password) {
    // Applicants keep their contact details in the cabinet.
    if (!isApplicant()) main.append(await contactsSection(false), secondFactorSection());
    main.append(signOutEverywhereSection());
  }
}

function passwordSection(): HTMLElement {
  const current = h('input', { name: 'current_password', type: 'password', autocomplete: 'current-password', required: true });
  const fresh = h('input', { name: 'new_password', type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_PASSWORD });
  const repeat = h('input', { name: 'repeat_password', type: 'password', autocomplete: 'new-password', required: true });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('account.change_password'));
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true, 'aria-labelledby': 'password-heading' },
    h('h2', { id: 'password-heading' }, t('account.password')),
    h('p', null, t('account.password_rules', { min: MIN_PASSWORD })),
    field(t('account.current_password'), current),
    field(t('account.new_password'), fresh),
    field(t('account.repeat_password'), repeat),
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    if (!current.value) throw new Invalid(t('account.current_required'), current);
    if (fresh.value.length < MIN_PASSWORD) throw new Invalid(t('account.too_short', { min: MIN_PASSWORD }), fresh);
    if (fresh.value !== repeat.value) throw new Invalid(t('account.mismatch'), repeat);
    await apiSend('POST', '/api/v1/auth/password', { current_password: current.value, new_password: fresh.value });
    const forced = session.user?.must_change_password;
    if (session.user) session.user.must_change_password = false;
    current.value = fresh.value = repeat.value = '';
    if (forced) {
      navigate('/');
      return;
    }
    message.append(statusBox(t('account.password_changed')));
  });
  return form;
}

function secondFactorSection(): HTMLElement {
  const section = h('section', { class: 'card narrow', 'aria-labelledby': 'totp-heading' }, h('h2', { id: 'totp-heading' }, t('account.totp')));
  const message = h('div', { 'aria-live': 'polite' });
  if (session.user?.second_factor) {
    section.append(h('p', null, t('account.totp_on')));
    return section;
  }
  const start = h('button', { type: 'button', class: 'secondary' }, t('account.totp_start'));
  section.append(h('p', null, t('account.totp_intro')), start, message);
  onSubmit(start, start, message, async () => {
    const enrolment = await apiSend<{ secret: string; otpauth_uri: string }>('POST', '/api/v1/auth/totp');
    const code = h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6, required: true });
    const confirm = h('button', { type: 'submit' }, t('account.totp_confirm'));
    const confirmMessage = h('div', { 'aria-live': 'polite' });
    const grouped = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();
    const form = h(
      'form',
      { novalidate: true },
      h('p', null, t('account.totp_secret_intro')),
      h('p', null, h('code', { class: 'secret', id: 'totp-secret' }, grouped)),
      h('p', { class: 'muted' }, h('a', { href: enrolment.otpauth_uri }, t('account.totp_link'))),
      field(t('account.totp_code'), code),
      confirmMessage,
      confirm,
    );
    onSubmit(form, confirm, confirmMessage, async () => {
      if (!/^[0-9]{6}$/.test(code.value.trim())) throw new Invalid(t('account.totp_code_format'), code);
      await apiSend('POST', '/api/v1/auth/totp/confirm', { code: code.value.trim() });
      if (session.user) session.user.second_factor = true;
      section.replaceChildren(h('h2', { id: 'totp-heading' }, t('account.totp')), statusBox(t('account.totp_enabled')));
    });
    start.remove();
    section.append(form);
    code.focus();
  });
  return section;
}

function signOutEverywhereSection(): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary', id: 'sign-out-everywhere' }, t('account.sign_out_everywhere'));
  onSubmit(button, button, message, async () => {
    await apiSend('POST', '/api/v1/auth/logout-all');
    session.user = null;
    forgetCaches();
    navigate('/login');
  });
  return h(
    'section',
    { class: 'card narrow', 'aria-labelledby': 'everywhere-heading' },
    h('h2', { id: 'everywhere-heading' }, t('account.everywhere')),
    h('p', null, t('account.everywhere_intro')),
    button,
    message,
  );
}
