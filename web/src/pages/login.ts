import { ApiError, apiSend } from '../api';
import { afterSignIn, Invalid, onSubmit, pageTitle } from '../app';
import { field, h } from '../dom';
import { t } from '../i18n';
import type { User } from '../types';
import { edsLoginBlock } from './eds_login';

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
  onSubmit(form, submit, message, async () => {
    if (!login.value.trim() || !password.value) {
      throw new Invalid(t('login.required'), login.value.trim() ? password : login);
    }
    try {
      const res = await apiSend<{ user: User }>('POST', '/api/v1/auth/login', {
        login: login.value.trim(),
        password: password.value,
      });
      afterSignIn(res.user, new URLSearchParams(location.search).get('next'));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      password.value = '';
      throw new Invalid(t('login.failed'), password);
    }
  });
  main.append(pageTitle(t('login.title')), h('p', null, t('login.intro')), form, edsLoginBlock());
}
