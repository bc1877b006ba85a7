// Sign-in with an EDS key, for applicants: the server issues a single-use challenge, the key
// file (opened in this browser, as when signing an application) signs it, and the server
// checks the certificate and signs in the account of its IIN/BIN. The key never leaves here.
import { ApiError, apiSend } from '../api';
import { afterSignIn, Invalid, onSubmit } from '../app';
import { h } from '../dom';
import { t } from '../i18n';
import { keyFileFields } from '../keyfile';
import type { User } from '../types';

interface Challenge {
  challenge: string;
  expires_at: string;
}

export function edsLoginBlock(): HTMLElement {
  const keys = keyFileFields();
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('eds_login.submit'));
  const form = h(
    'form',
    { class: 'card narrow eds-login', novalidate: true, 'aria-labelledby': 'eds-login-title' },
    h('h2', { id: 'eds-login-title' }, t('eds_login.title')),
    h('p', null, t('eds_login.intro')),
    keys.element,
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    const { challenge } = await apiSend<Challenge>('POST', '/api/v1/auth/eds-challenge', {});
    const signature = await keys.sign(new TextEncoder().encode(challenge));
    try {
      const res = await apiSend<{ user: User }>('POST', '/api/v1/auth/eds-login', { challenge, signature });
      afterSignIn(res.user, new URLSearchParams(location.search).get('next'));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      throw new Invalid(t('eds_login.no_account'));
    }
  });
  return form;
}
