// The clerk's intake: the service and channel, the applicant by IIN or BIN as the service
// declares (a person registered here when new), the document checklist, the application's
// fields, and the coupon to print.
import { ApiError, apiGet, apiSend } from '../api';
import { Invalid, link, onSubmit, pageTitle, processes, session, statusBox } from '../app';
import { formatDay } from '../case_status';
import { field, h, uid } from '../dom';
import { validBin, validIin } from '../fields';
import { FieldForm, FormSet } from '../forms';
import { formatInstant, label, loc, t } from '../i18n';
import type { CaseDetail, Person, Process } from '../types';

export async function intakePage(main: HTMLElement): Promise<void> {
  const procs = (await processes()).filter((p) => p.channels.includes('office') && !p.concerns);
  const service = h(
    'select',
    { name: 'process', required: true },
    procs.map((p) => h('option', { value: p.code }, loc(p.title))),
  );
  const channel = h('select', { name: 'channel' });
  const applicantId = h('input', { name: 'applicant', inputmode: 'numeric', autocomplete: 'off', maxlength: '12', required: true });
  const applicantLabel = h('span');
  const applicantBox = h('div', { 'aria-live': 'polite' });
  const checklist = h('fieldset', { class: 'checklist' });
  const details = h('fieldset', { class: 'details' });
  let dataForm: FieldForm | null = null;
  const forms = new FormSet(() => [dataForm]);
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('intake.submit'));
  const coupon = h('div');

  const current = (): Process => procs.find((p) => p.code === service.value) ?? procs[0];
  const drawChannel = () => {
    channel.replaceChildren(...current().channels.map((c) => h('option', { value: c }, label('channel', c))));
  };
  const drawChecklist = () => {
    const ch = channel.value || 'office';
    checklist.replaceChildren(h('legend', null, t('intake.checklist')));
    for (const d of current().documents.filter((x) => !x.channel || x.channel === ch)) {
      const id = uid('doc');
      const box = h('input', { type: 'checkbox', id, name: 'doc', value: d.type });
      const row = h('div', { class: 'field check doc-row' }, box, h('label', { for: id }, label('doc', d.type), d.required ? ` (${t('intake.required')})` : ''));
      if (d.must_not_be_expired) {
        const until = h('input', { type: 'date', name: `valid-${d.type}`, 'data-doc': d.type });
        row.append(field(t('intake.valid_until'), until));
      }
      checklist.append(row);
    }
  };
  // The service says who applies for it: an employer by BIN, or a person by IIN.
  const isEmployer = () => current().applicant === 'employer';
  const drawKind = () => {
    applicantLabel.textContent = isEmployer() ? t('intake.applicant_bin') : t('intake.applicant_iin');
    applicantBox.replaceChildren();
  };
  // The application's own fields, as the service's definition declares them.
  let drawn = 0;
  const drawFields = async () => {
    const mine = ++drawn;
    const fields = current().fields ?? [];
    const next = await FieldForm.create(fields, { office: session.user?.office ?? undefined });
    if (mine !== drawn) return; // another service was chosen meanwhile
    dataForm = next;
    details.hidden = next.empty;
    details.replaceChildren(h('legend', null, t('cabinet.details')), next.element);
  };
  service.addEventListener('change', () => {
    drawKind();
    drawChannel();
    drawChecklist();
    void drawFields();
  });
  channel.addEventListener('change', drawChecklist);
  drawKind();
  drawChannel();
  drawChecklist();
  await drawFields();

  // The IIN or BIN with its check digit, before anything is asked of the server.
  const applicant = (): string => {
    const id = applicantId.value.trim();
    if (isEmployer() ? !validBin(id) : !validIin(id)) throw new Invalid(isEmployer() ? t('intake.bad_bin') : t('intake.bad_iin'), applicantId);
    return id;
  };
  const find = h('button', { type: 'button', class: 'secondary' }, t('intake.find'));
  onSubmit(find, find, applicantBox, async () => {
    const id = applicant();
    try {
      if (isEmployer()) {
        const employer = await apiGet<{ name?: string }>(`/api/v1/employers/${id}`);
        applicantBox.append(statusBox(t('intake.found', { name: employer.name ?? id })));
      } else {
        const p = await apiGet<Person>(`/api/v1/people/${id}`);
        applicantBox.append(statusBox(t('intake.found', { name: [p.surname, p.given_name, p.patronymic].filter(Boolean).join(' ') })));
      }
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      // A new person is registered here; employers are registered by their specialist.
      applicantBox.append(isEmployer() ? statusBox(t('intake.no_employer'), 'error') : registerForm(id));
    }
  });

  const form = h(
    'form',
    { class: 'card', novalidate: true },
    field(t('intake.service'), service),
    field(t('intake.channel'), channel),
    h('div', { class: 'inline' }, field(applicantLabel, applicantId, t('intake.applicant_hint')), find),
    applicantBox,
    checklist,
    details,
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    const id = applicant();
    const data = forms.collect();
    const documents = [...checklist.querySelectorAll<HTMLInputElement>('input[name=doc]:checked')].map((box) => {
      const until = checklist.querySelector<HTMLInputElement>(`input[data-doc="${box.value}"]`)?.value;
      return until ? { type: box.value, valid_until: until } : { type: box.value };
    });
    const kase = await apiSend<CaseDetail>('POST', '/api/v1/cases', {
      process: service.value,
      channel: channel.value,
      applicant: isEmployer() ? { bin: id } : { iin: id },
      documents,
      data,
    });
    form.hidden = true;
    coupon.replaceChildren(couponView(kase, current()));
    coupon.querySelector<HTMLElement>('h2')?.focus();
  }, forms);
  main.append(pageTitle(t('intake.title')), form, coupon);
}

// Registers a new person: the IIN gives birth date and sex, the clerk types the name.
function registerForm(iin: string): HTMLElement {
  const surname = h('input', { name: 'surname', autocomplete: 'off', required: true });
  const given = h('input', { name: 'given_name', autocomplete: 'off', required: true });
  const patronymic = h('input', { name: 'patronymic', autocomplete: 'off' });
  const phone = h('input', { name: 'phone', type: 'tel', autocomplete: 'off' });
  const message = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'button' }, t('intake.register'));
  const box = h(
    'fieldset',
    { class: 'register' },
    h('legend', null, t('intake.new_person', { iin })),
    field(t('person.surname'), surname),
    field(t('person.given_name'), given),
    field(t('person.patronymic'), patronymic),
    field(t('person.phone'), phone),
    message,
    save,
  );
  onSubmit(save, save, message, async () => {
    if (!surname.value.trim() || !given.value.trim()) throw new Invalid(t('intake.name_required'), surname.value.trim() ? given : surname);
    const p = await apiSend<Person>('POST', '/api/v1/people', {
      iin,
      surname: surname.value.trim(),
      given_name: given.value.trim(),
      patronymic: patronymic.value.trim() || undefined,
      phone: phone.value.trim() || undefined,
    });
    box.replaceChildren(statusBox(t('intake.registered', { name: `${p.surname} ${p.given_name}` })));
  });
  return box;
}

// The tear-off coupon: registration date, the day the result is due (the service term from
// filing on the working calendar, not the next step's limit), and the receiving clerk.
function couponView(kase: CaseDetail, process: Process): HTMLElement {
  const print = h('button', { type: 'button', class: 'no-print' }, t(process.number === 'S4a' ? 'coupon.print' : 'coupon.print_slip'));
  print.addEventListener('click', () => window.print());
  return h(
    'section',
    { class: 'coupon card', 'aria-labelledby': 'coupon-h' },
    // Only S4a's 6.2 names a tear-off coupon (seed 004); S4b-S4e give a receipt and seed 003
    // names neither, so the others print a plain registration slip.
    h('h2', { id: 'coupon-h', tabindex: '-1' }, t(process.number === 'S4a' ? 'coupon.title' : 'coupon.title_slip')),
    kase.status === 'refused' ? statusBox(t('coupon.refused'), 'error') : null,
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('coupon.number')),
      h('dd', { id: 'coupon-number' }, kase.number),
      h('dt', null, t('coupon.service')),
      h('dd', null, loc(process.title)),
      h('dt', null, t('coupon.registered')),
      h('dd', null, formatInstant(kase.created_at)),
      h('dt', null, t('coupon.result_due')),
      h('dd', { id: 'coupon-due' }, formatDay(kase.result_due_on)),
      h('dt', null, t('coupon.clerk')),
      h('dd', null, session.user?.full_name || session.user?.login || ''),
    ),
    h('p', { class: 'no-print' }, print, ' ', link(`/cases/${kase.id}`, t('coupon.open_case'))),
  );
}
