import { ApiError, apiSend } from '../api';
import { afterSignIn, Invalid, link, onSubmit, pageTitle } from '../app';
import { field, h } from '../dom';
import { t } from '../i18n';
import type { User } from '../types';
import { edsLoginBlock } from './eds_login';
import { JOBS_PATH } from './vacancy_search';

export function loginPage(main: HTMLElement): void {
  const login = h('input', { name: 'login', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  // Asked of everyone: whether an account has a second factor is not told before sign-in.
  const code = h('input', { name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, pattern: '[0-9]{6}' });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('login.submit'));
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true },
    field(t('login.login'), login),
    field(t('login.password'), password),
    field(t('login.totp'), code, t('login.totp_hint')),
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    if (!login.value.trim() || !password.value) {
      throw new Invalid(t('login.required'), login.value.trim() ? password : login);
    }
    try {
      const body: Record<string, string> = { login: login.value.trim(), password: password.value };
      if (code.value.trim()) body.totp = code.value.trim();
      const res = await apiSend<{ user: User }>('POST', '/api/v1/auth/login', body);
      afterSignIn(res.user, new URLSearchParams(location.search).get('next'));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      password.value = '';
      code.value = '';
      throw new Invalid(t('login.failed'), password);
    }
  });
  main.append(pageTitle(t('login.title')), h('p', null, t('login.intro')), form, edsLoginBlock());
  main.append(h('p', { class: 'jobs-link' }, link(JOBS_PATH, t('login.jobs'))));
}
