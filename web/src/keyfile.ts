// The key file and password fields of a signing form. The file is read into memory here and
// used by sign.ts; neither it nor the password is ever sent.
import { field, h } from './dom';
import { t } from './i18n';
import { SigningError, signDetached } from './sign';

export interface KeyFields {
  element: HTMLElement;
  sign(content: Uint8Array): Promise<string>;
}

export function keyFileFields(): KeyFields {
  const file = h('input', { type: 'file', name: 'key-file', accept: '.p12,.pfx', required: true });
  const password = h('input', { type: 'password', name: 'key-password', autocomplete: 'off', required: true });
  const element = h(
    'fieldset',
    { class: 'signing' },
    h('legend', null, t('sign.legend')),
    h('p', { class: 'hint' }, t('sign.key_stays')),
    field(t('sign.file'), file),
    field(t('sign.password'), password),
  );
  return {
    element,
    async sign(content: Uint8Array): Promise<string> {
      const chosen = file.files?.[0];
      if (!chosen) {
        file.focus();
        throw new Error(t('sign.no_file'));
      }
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      try {
        return signDetached(bytes, password.value, content);
      } catch (e) {
        if (e instanceof SigningError) {
          (e.reason === 'bad_password' ? password : file).focus();
          throw new Error(t(`sign.error.${e.reason}`));
        }
        throw e;
      }
    },
  };
}
