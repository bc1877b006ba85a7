// Contact details and consent to e-mail and SMS (GET/PUT /api/v1/me/contacts): in an
// applicant's or employer's cabinet, and on a staff member's account page (e-mail only: the
// server keeps no phone for staff). The inbox is always on; e-mail and SMS only when chosen.
import { apiGet, apiSend } from './api';
import { errorBox, Invalid, onSubmit, statusBox } from './app';
import { h, uid } from './dom';
import { InputFields } from './forms';
import { LANGS, lang, t } from './i18n';
import { detailField, readContacts, type ContactLanguage, type Contacts } from './notices';

export async function contactsSection(withPhone: boolean): Promise<HTMLElement> {
  const headingId = uid('contacts-h');
  const heading = h('h2', { id: headingId }, t('contacts.title'));
  let saved: Contacts;
  try {
    saved = await apiGet<Contacts>('/api/v1/me/contacts');
  } catch (e) {
    return h('section', { class: 'card', 'aria-labelledby': headingId }, heading, errorBox(e));
  }
  const fields = new InputFields(detailField);
  const email = h('input', { name: 'email', type: 'email', autocomplete: 'email', spellcheck: 'false', maxlength: 254 });
  const phone = h('input', { name: 'phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel', maxlength: 20 });
  const language = h(
    'select',
    { name: 'language' },
    LANGS.map((l) => h('option', { value: l }, t(`lang.${l}`))),
  );
  const emailOptIn = h('input', { name: 'email_opt_in', type: 'checkbox' });
  const smsOptIn = h('input', { name: 'sms_opt_in', type: 'checkbox' });
  const fill = (c: Contacts) => {
    email.value = c.email ?? '';
    phone.value = c.phone ?? '';
    language.value = LANGS.includes(c.language) ? c.language : lang();
    emailOptIn.checked = !!c.email_opt_in;
    smsOptIn.checked = !!c.sms_opt_in;
  };
  fill(saved);
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('contacts.save'));
  const form = h(
    'form',
    { class: 'card narrow contacts', novalidate: true, 'aria-labelledby': headingId },
    heading,
    h('p', null, t(withPhone ? 'contacts.inbox_always' : 'contacts.inbox_always_staff')),
    fields.field(t('contacts.email'), email, t(withPhone ? 'contacts.email_hint' : 'contacts.email_hint_staff')),
    withPhone ? fields.field(t('contacts.phone'), phone, t('contacts.phone_hint')) : null,
    fields.field(t('contacts.language'), language, t('contacts.language_hint')),
    h(
      'fieldset',
      { 'aria-describedby': `${headingId}-opt-in` },
      h('legend', null, t('contacts.channels')),
      fields.field(t('contacts.email_opt_in'), emailOptIn),
      withPhone ? fields.field(t('contacts.sms_opt_in'), smsOptIn) : null,
      h('p', { class: 'hint', id: `${headingId}-opt-in` }, t('contacts.opt_in_hint')),
    ),
    message,
    submit,
  );
  onSubmit(
    form,
    submit,
    message,
    async () => {
      const raw: Contacts = {
        email: email.value,
        phone: phone.value,
        language: language.value as ContactLanguage,
        email_opt_in: emailOptIn.checked,
        sms_opt_in: smsOptIn.checked,
      };
      const { contacts, problems } = readContacts(raw, withPhone);
      if (problems.length) {
        let first: HTMLElement | null = null;
        for (const p of problems) first ??= fields.showAt(p.field, t(p.key));
        throw new Invalid(t('form.fix_fields'), first ?? undefined);
      }
      fill(await apiSend<Contacts>('PUT', '/api/v1/me/contacts', contacts));
      message.append(statusBox(t('contacts.saved')));
    },
    fields,
  );
  return form;
}
