// The key file and password fields of a signing form. The file is read into memory here and
// used by sign.ts; neither it nor the password is ever sent.
import { Invalid } from './app';
import { field, h } from './dom';
import { t } from './i18n';
import { SigningError, describeKey, signDetached } from './sign';

export interface KeyFields {
  element: HTMLElement;
  sign(content: Uint8Array): Promise<string>;
}

export function keyFileFields(): KeyFields {
  const file = h('input', { type: 'file', name: 'key-file', accept: '.p12,.pfx', required: true });
  const password = h('input', { type: 'password', name: 'key-password', autocomplete: 'off', required: true });
  const holder = h('p', { class: 'holder', role: 'status' });
  const element = h(
    'fieldset',
    { class: 'signing' },
    h('legend', null, t('sign.legend')),
    h('p', { class: 'hint' }, t('sign.key_stays')),
    field(t('sign.file'), file),
    field(t('sign.password'), password),
    holder,
  );
  // Once the file opens, the holder is named, so that the user sees whose key will sign.
  const showHolder = async () => {
    holder.textContent = '';
    const chosen = file.files?.[0];
    if (!chosen || !password.value) return;
    try {
      const who = describeKey(new Uint8Array(await chosen.arrayBuffer()), password.value);
      holder.textContent = t('sign.holder', { name: who.name, serial: who.serial });
    } catch {
      // a wrong password is reported when signing, next to the field
    }
  };
  file.addEventListener('change', () => void showHolder());
  password.addEventListener('change', () => void showHolder());
  return {
    element,
    async sign(content: Uint8Array): Promise<string> {
      const chosen = file.files?.[0];
      if (!chosen) throw new Invalid(t('sign.no_file'), file);
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      try {
        return signDetached(bytes, password.value, content);
      } catch (e) {
        if (e instanceof SigningError) {
          throw new Invalid(t(`sign.error.${e.reason}`), e.reason === 'bad_password' ? password : file);
        }
        throw e;
      }
    },
  };
}
