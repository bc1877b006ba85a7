import { apiSend } from '../api';
import { afterSignIn, busy, pageTitle, statusBox } from '../app';
import { field, h } from '../dom';
import { t } from '../i18n';
import type { User } from '../types';

export function loginPage(main: HTMLElement): void {
  const login = h('input', { name: 'login', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('login.submit'));
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true },
    field(t('login.login'), login),
    field(t('login.password'), password),
    message,
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    message.replaceChildren();
    if (!login.value.trim() || !password.value) {
      message.append(statusBox(t('login.required'), 'error'));
      (login.value.trim() ? password : login).focus();
      return;
    }
    void busy(submit, async () => {
      try {
        const res = await apiSend<{ user: User }>('POST', '/api/v1/auth/login', {
          login: login.value.trim(),
          password: password.value,
        });
        afterSignIn(res.user, new URLSearchParams(location.search).get('next'));
      } catch {
        message.append(statusBox(t('login.failed'), 'error'));
        password.value = '';
        password.focus();
      }
    });
  });
  main.append(pageTitle(t('login.title')), h('p', null, t('login.intro')), form);
}
