// The clerk's intake: the service and channel, the applicant by IIN or BIN as the service
// declares (a person registered here when new), the document checklist, the application's
// fields, and the coupon to print. Enter in a field does that field's action only (the IIN
// looks the applicant up, a new person's fields register the person); only the button files,
// and an incomplete set is shown, with the refusal it will bring, before it is filed.
import { ApiError, apiGet, apiSend, query } from '../api';
import { Invalid, link, offices, onSubmit, pageTitle, processes, session, statusBox } from '../app';
import { field, h, uid } from '../dom';
import { formEntries, keepOnSignOut, restoreEntries, takeDraft } from '../drafts';
import { validBin, validIin } from '../fields';
import { FieldForm, FormSet } from '../forms';
import { formatDay, formatInstant, label, loc, t } from '../i18n';
import type { CaseDetail, CaseSummary, Person, Process } from '../types';

type Entry = { name: string; value: string; checked?: boolean };
const LAST_SERVICE = 'jumys.intake.service';

export function personName(p: Person): string {
  return [p.surname, p.given_name, p.patronymic].filter(Boolean).join(' ');
}

// Today as YYYY-MM-DD on this machine's calendar (the counter's), to compare validity dates.
function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export async function intakePage(main: HTMLElement): Promise<void> {
  const procs = (await processes()).filter((p) => p.channels.includes('office') && !p.concerns);
  const service = h(
    'select',
    { name: 'process', required: true },
    procs.map((p) => h('option', { value: p.code }, loc(p.title))),
  );
  // The service this clerk filed last comes preselected: a counter serves a queue of the same.
  const last = localStorage.getItem(LAST_SERVICE);
  if (last && procs.some((p) => p.code === last)) service.value = last;
  const channel = h('select', { name: 'channel' });
  const applicantId = h('input', { name: 'applicant', inputmode: 'numeric', autocomplete: 'off', maxlength: '12', required: true });
  const applicantLabel = h('span');
  const applicantBox = h('div', { 'aria-live': 'polite' });
  const openCases = h('div', { class: 'open-cases' });
  const checklist = h('fieldset', { class: 'checklist' });
  const details = h('fieldset', { class: 'details' });
  let dataForm: FieldForm | null = null;
  const forms = new FormSet(() => [dataForm]);
  const message = h('div', { 'aria-live': 'polite' });
  const warning = h('div');
  const submit = h('button', { type: 'button', id: 'file-case' }, t('intake.submit'));
  const coupon = h('div', { class: 'coupon-wrap' });
  // The person found or registered, for the coupon; null until then.
  let person: Person | null = null;
  let lookedUp = false;

  const current = (): Process => procs.find((p) => p.code === service.value) ?? procs[0];
  const drawChannel = () => {
    channel.replaceChildren(...current().channels.map((c) => h('option', { value: c }, label('channel', c))));
  };
  const checklistDocs = () => {
    const ch = channel.value || 'office';
    return current().documents.filter((x) => !x.channel || x.channel === ch);
  };
  const drawChecklist = () => {
    checklist.replaceChildren(h('legend', null, t('intake.checklist')));
    for (const d of checklistDocs()) {
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
    openCases.replaceChildren();
    person = null;
    lookedUp = false;
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
    warning.replaceChildren();
    void drawFields();
  });
  channel.addEventListener('change', () => {
    drawChecklist();
    warning.replaceChildren();
  });
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

  // The person's open cases of the chosen service in the clerk's scope: a second one is
  // usually a mistake (and refused where the service allows only one), so they are shown with
  // their links before anything is filed.
  const showOpenCases = async (iin: string) => {
    const asked = service.value;
    const list = await apiGet<{ items: CaseSummary[] }>(`/api/v1/cases${query({ iin, process: asked, status: 'open', limit: '20' })}`);
    if (service.value !== asked) return;
    openCases.replaceChildren();
    if (!list.items.length) return;
    openCases.append(
      h(
        'div',
        { class: 'warning', role: 'alert', id: 'open-cases' },
        h('p', null, t('intake.open_cases', { service: loc(current().title) })),
        h('ul', null, list.items.map((c) => h('li', null, link(`/cases/${c.id}`, c.number), ` — ${formatInstant(c.created_at)}`))),
      ),
    );
  };

  const lookUp = async () => {
    const id = applicant();
    applicantBox.replaceChildren();
    openCases.replaceChildren();
    person = null;
    lookedUp = true;
    try {
      if (isEmployer()) {
        const employer = await apiGet<{ name?: string }>(`/api/v1/employers/${id}`);
        const found = statusBox(t('intake.found', { name: employer.name ?? id }));
        found.tabIndex = -1;
        found.id = 'applicant-found';
        applicantBox.append(found);
        found.focus();
      } else {
        const p = await apiGet<Person>(`/api/v1/people/${id}`);
        person = p;
        const found = statusBox(t('intake.found', { name: personName(p) }));
        found.tabIndex = -1;
        found.id = 'applicant-found';
        applicantBox.append(found);
        await showOpenCases(id);
        found.focus();
      }
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      // A new person is registered here; employers are registered by their specialist.
      if (isEmployer()) {
        applicantBox.append(statusBox(t('intake.no_employer'), 'error'));
      } else {
        const form = registerForm(id, (p) => {
          person = p;
        });
        applicantBox.append(form.box);
        form.first.focus();
      }
    }
  };
  const find = h('button', { type: 'button', class: 'secondary', id: 'find-applicant' }, t('intake.find'));
  onSubmit(find, find, applicantBox, lookUp);

  const form = h(
    'form',
    { class: 'card', novalidate: true },
    field(t('intake.service'), service),
    field(t('intake.channel'), channel),
    h('div', { class: 'inline' }, field(applicantLabel, applicantId, t('intake.applicant_hint')), find),
    applicantBox,
    openCases,
    checklist,
    details,
    message,
    warning,
    submit,
  );
  // Enter never files: in the IIN it looks the applicant up, in a new person's fields it
  // registers the person, anywhere else it does nothing (a button still answers its own Enter,
  // a text area takes its new line).
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    const target = e.target as HTMLElement;
    if (target instanceof HTMLButtonElement || target instanceof HTMLTextAreaElement || target instanceof HTMLAnchorElement) return;
    e.preventDefault();
    if (target === applicantId) find.click();
    else target.closest('fieldset.register')?.querySelector<HTMLButtonElement>('button.register-save')?.click();
  });

  // What makes the set incomplete, in words, with the control to fix first.
  const problems = (): { text: string; focus: HTMLElement }[] => {
    const out: { text: string; focus: HTMLElement }[] = [];
    const today = todayIso();
    for (const d of checklistDocs()) {
      const box = checklist.querySelector<HTMLInputElement>(`input[name=doc][value="${CSS.escape(d.type)}"]`);
      if (!box) continue;
      const until = checklist.querySelector<HTMLInputElement>(`input[data-doc="${CSS.escape(d.type)}"]`);
      const name = label('doc', d.type);
      if (!box.checked) {
        if (d.required) out.push({ text: t('intake.problem_missing', { doc: name }), focus: box });
      } else if (until && !until.value) {
        out.push({ text: t('intake.problem_no_date', { doc: name }), focus: until });
      } else if (until && until.value < today) {
        out.push({ text: t('intake.problem_expired', { doc: name, date: formatDay(until.value) }), focus: until });
      }
    }
    return out;
  };

  const file = async () => {
    const id = applicant();
    const data = forms.collect();
    // A dated document given without its date cannot be taken as valid: it counts as not received.
    const documents = [...checklist.querySelectorAll<HTMLInputElement>('input[name=doc]:checked')].flatMap((box) => {
      const until = checklist.querySelector<HTMLInputElement>(`input[data-doc="${CSS.escape(box.value)}"]`);
      if (!until) return [{ type: box.value }];
      return until.value ? [{ type: box.value, valid_until: until.value }] : [];
    });
    const kase = await apiSend<CaseDetail>('POST', '/api/v1/cases', {
      process: service.value,
      channel: channel.value,
      applicant: isEmployer() ? { bin: id } : { iin: id },
      documents,
      data,
    });
    if (!isEmployer() && !person) {
      try {
        person = await apiGet<Person>(`/api/v1/people/${id}`);
      } catch {
        person = null; // the coupon then shows the IIN alone
      }
    }
    localStorage.setItem(LAST_SERVICE, service.value);
    form.hidden = true;
    main.classList.add('print-coupon');
    coupon.replaceChildren(await couponView(kase, current(), person));
    coupon.querySelector<HTMLElement>('h2')?.focus();
  };

  onSubmit(submit, submit, message, async () => {
    warning.replaceChildren();
    applicant(); // a wrong IIN is said first, before anything else
    const found = problems();
    if (!found.length) return file();
    const anyway = h('button', { type: 'button', class: 'danger', id: 'file-anyway' }, t('intake.file_anyway'));
    const cancel = h('button', { type: 'button', class: 'secondary', id: 'file-cancel' }, t('intake.cancel'));
    const box = h(
      'div',
      { class: 'warning', role: 'alertdialog', 'aria-labelledby': 'incomplete-h', 'aria-describedby': 'incomplete-p', id: 'incomplete' },
      h('h2', { id: 'incomplete-h', tabindex: '-1' }, t('intake.incomplete_title')),
      h('ul', null, found.map((p) => h('li', null, p.text))),
      h('p', { id: 'incomplete-p' }, t('intake.incomplete_refusal')),
      h('div', { class: 'actions' }, anyway, ' ', cancel),
    );
    const boxMessage = h('div', { 'aria-live': 'polite' });
    box.append(boxMessage);
    cancel.addEventListener('click', () => {
      warning.replaceChildren();
      found[0].focus.focus();
    });
    onSubmit(anyway, anyway, boxMessage, async () => {
      await file();
      warning.replaceChildren();
    }, forms);
    warning.append(box);
    box.querySelector<HTMLElement>('h2')?.focus();
  }, forms);

  main.append(pageTitle(t('intake.title')), form, coupon);

  // A session that ends mid-entry keeps the entries (never a password) for the same user.
  keepOnSignOut(() => ({ entries: formEntries(form), lookedUp }));
  const draft = takeDraft(session.user?.login);
  if (draft) {
    const entries = (draft.entries ?? []) as Entry[];
    const value = (name: string) => entries.find((e) => e.name === name)?.value ?? '';
    if (procs.some((p) => p.code === value('process'))) {
      service.value = value('process');
      drawKind();
      drawChannel();
      await drawFields();
    }
    if ([...channel.options].some((o) => o.value === value('channel'))) channel.value = value('channel');
    drawChecklist();
    applicantId.value = value('applicant');
    if (draft.lookedUp && applicantId.value) {
      try {
        await lookUp();
      } catch {
        // shown again when the clerk asks
      }
    }
    restoreEntries(form, entries, new Set(['process', 'channel', 'applicant']));
    main.querySelector('h1')?.after(statusBox(t('intake.restored')));
  }
}

// Registers a new person: the IIN gives birth date and sex, the clerk types the name.
function registerForm(iin: string, registered: (p: Person) => void): { box: HTMLElement; first: HTMLElement } {
  const surname = h('input', { name: 'surname', autocomplete: 'off', required: true });
  const given = h('input', { name: 'given_name', autocomplete: 'off', required: true });
  const patronymic = h('input', { name: 'patronymic', autocomplete: 'off' });
  const phone = h('input', { name: 'phone', type: 'tel', autocomplete: 'off' });
  const message = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'button', class: 'register-save' }, t('intake.register'));
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
    registered(p);
    const done = statusBox(t('intake.registered', { name: personName(p) }));
    done.tabIndex = -1;
    done.id = 'applicant-found';
    box.replaceChildren(done);
    done.focus();
  });
  return { box, first: surname };
}

// The coupon the applicant takes away: the case number, the office by name, the service, the
// applicant, each document received (with its validity), when it was registered, the day the
// result is due (the service term from filing on the working calendar) and the clerk who
// received it. Printed, only this card is on the page.
async function couponView(kase: CaseDetail, process: Process, person: Person | null): Promise<HTMLElement> {
  const print = h('button', { type: 'button', class: 'no-print' }, t(process.number === 'S4a' ? 'coupon.print' : 'coupon.print_slip'));
  print.addEventListener('click', () => window.print());
  let officeName = kase.office;
  try {
    const office = (await offices()).find((o) => o.id === kase.office);
    if (office) officeName = loc(office.name);
  } catch {
    // the code stands in for the name
  }
  const who = kase.applicant.iin
    ? [person ? personName(person) : '', t('coupon.iin', { iin: kase.applicant.iin })].filter(Boolean).join(', ')
    : t('coupon.bin', { bin: kase.applicant.bin ?? '' });
  const documents = kase.documents ?? [];
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
      h('dt', null, t('coupon.office')),
      h('dd', { id: 'coupon-office' }, officeName),
      h('dt', null, t('coupon.service')),
      h('dd', null, loc(process.title)),
      h('dt', null, t('coupon.applicant')),
      h('dd', { id: 'coupon-applicant' }, who),
      h('dt', null, t('coupon.documents')),
      h(
        'dd',
        { id: 'coupon-documents' },
        documents.length
          ? h(
              'ul',
              { class: 'plain' },
              documents.map((d) =>
                h('li', null, label('doc', d.type), d.valid_until ? `, ${t('coupon.valid_until', { date: formatDay(d.valid_until) })}` : ''),
              ),
            )
          : '—',
      ),
      h('dt', null, t('coupon.registered')),
      h('dd', { id: 'coupon-registered' }, formatInstant(kase.created_at)),
      // A refused application has no result to wait for: its numbered refusal stands instead.
      kase.status === 'refused' && kase.result
        ? [h('dt', null, t('coupon.refusal')), h('dd', { id: 'coupon-refusal' }, kase.result.number)]
        : [h('dt', null, t('coupon.result_due')), h('dd', { id: 'coupon-due' }, formatDay(kase.result_due_on))],
      h('dt', null, t('coupon.clerk')),
      h('dd', { id: 'coupon-clerk' }, session.user?.full_name || session.user?.login || ''),
    ),
    h('p', { class: 'no-print' }, print, ' ', link(`/cases/${kase.id}`, t('coupon.open_case'))),
  );
}
