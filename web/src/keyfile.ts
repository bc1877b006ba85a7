// The signing part of a form: NCALayer when it answers on this machine, else (or by choice)
// the key file and its password. A key file is read into memory here and used by sign.ts;
// neither it nor the password is ever sent. The fieldset's data-ncalayer says what the probe
// found: probing, present or absent.
import { Invalid } from './app';
import { field, h, uid } from './dom';
import { t } from './i18n';
import { NcalayerError, probeNcalayer, signWithNcalayer } from './ncalayer';
import { SigningError, describeKey, openKeyFile, signDetachedWith } from './sign';

export interface KeyFields {
  element: HTMLElement;
  sign(content: Uint8Array): Promise<string>;
  // Each of `contents` signed with one key-file unlock or one NCALayer prompt, in order.
  signAll(contents: Uint8Array[]): Promise<string[]>;
}

export function keyFileFields(): KeyFields {
  const file = h('input', { type: 'file', name: 'key-file', accept: '.p12,.pfx', required: true });
  const password = h('input', { type: 'password', name: 'key-password', autocomplete: 'off', required: true });
  const holder = h('p', { class: 'holder', role: 'status' });
  const keyFile = h('div', { class: 'key-file' }, h('p', { class: 'hint' }, t('sign.key_stays')), field(t('sign.file'), file), field(t('sign.password'), password), holder);
  // Named per form: a page may hold more than one signing form.
  const method = uid('sign-method');
  const viaNcalayer = h('input', { type: 'radio', name: method, id: `${method}-ncalayer`, value: 'ncalayer', checked: true });
  const viaFile = h('input', { type: 'radio', name: method, id: `${method}-keyfile`, value: 'keyfile' });
  const version = h('span');
  const methods = h(
    'fieldset',
    { class: 'sign-method', hidden: true },
    h('legend', null, t('sign.method')),
    h('div', { class: 'field check' }, viaNcalayer, h('label', { for: viaNcalayer.id }, t('sign.via_ncalayer'), ' ', version)),
    h('div', { class: 'field check' }, viaFile, h('label', { for: viaFile.id }, t('sign.via_key_file'))),
    h('p', { class: 'hint' }, t('sign.ncalayer_hint')),
  );
  const element = h('fieldset', { class: 'signing', 'data-ncalayer': 'probing' }, h('legend', null, t('sign.legend')), methods, keyFile);

  let ncalayer = false;
  const useNcalayer = () => ncalayer && viaNcalayer.checked;
  // The key file's fields take part only when they are the way of signing.
  const showMethod = () => {
    keyFile.hidden = useNcalayer();
    file.disabled = password.disabled = useNcalayer();
  };
  viaNcalayer.addEventListener('change', showMethod);
  viaFile.addEventListener('change', showMethod);
  void probeNcalayer().then((found) => {
    element.dataset.ncalayer = found ? 'present' : 'absent';
    if (!found) return;
    ncalayer = true;
    version.textContent = t('sign.ncalayer_version', { version: found });
    methods.hidden = false;
    showMethod();
  });

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

  const signAll = async (contents: Uint8Array[]): Promise<string[]> => {
    if (useNcalayer()) {
      try {
        return await signWithNcalayer(contents);
      } catch (e) {
        if (e instanceof NcalayerError) {
          throw new Invalid(t(`sign.ncalayer_error.${e.reason}`, { detail: e.message }), viaNcalayer);
        }
        throw e;
      }
    }
    const chosen = file.files?.[0];
    if (!chosen) throw new Invalid(t('sign.no_file'), file);
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    try {
      const opened = openKeyFile(bytes, password.value);
      return contents.map((content) => signDetachedWith(opened, content));
    } catch (e) {
      if (e instanceof SigningError) {
        throw new Invalid(t(`sign.error.${e.reason}`), e.reason === 'bad_password' ? password : file);
      }
      throw e;
    }
  };
  return {
    element,
    signAll,
    async sign(content: Uint8Array): Promise<string> {
      return (await signAll([content]))[0];
    },
  };
}
