// The case's issued documents with their state (valid, annulled, replaced), and for the head of
// the case's office the annulment and the replacement of a wrongly issued one (docs/ANNULMENT.md):
// a reason, for a replacement the corrected staff fields, and the EDS when the original had one.
import { apiBytes, apiGet, apiSend } from '../api';
import { hasRole, Invalid, onSubmit, session, statusBox } from '../app';
import { field, h, uid } from '../dom';
import { formatInstant, label, loc, t } from '../i18n';
import { keyFileFields } from '../keyfile';

interface StaffField {
  name: string;
  type: string;
  required: boolean;
  label: { kk: string; ru: string; en: string };
  value: string;
  max_length?: number;
}
interface IssuedDocument {
  id: number;
  kind: string;
  number: string;
  state: string;
  signed: boolean;
  staff_fields: StaffField[];
}
interface AnnulmentItem {
  action: 'annul' | 'replace';
  reason: string;
  at: string;
  by: { name: string; capacity: string };
  document: { id: number; number: string; url: string; verify_url: string } | null;
  replacement: { id: number; number: string; url: string; verify_url: string } | null;
}
interface Annulments {
  items: AnnulmentItem[];
  documents: IssuedDocument[];
}

const MAX_REASON = 2000;

// The section, filled in once the server answers; `office` is the case's office.
export function issuedDocumentsSection(caseId: number, office: string, onChange: () => void): HTMLElement {
  const section = h('section', { 'aria-labelledby': 'issued-h', class: 'issued' }, h('h2', { id: 'issued-h' }, t('annul.issued')));
  void apiGet<Annulments>(`/api/v1/cases/${caseId}/annulments`)
    .then((a) => section.append(...content(caseId, office, a, onChange)))
    .catch(() => section.append(h('p', { class: 'empty' }, t('annul.unavailable'))));
  return section;
}

function content(caseId: number, office: string, a: Annulments, onChange: () => void): HTMLElement[] {
  if (!a.documents.length) return [h('p', { class: 'empty' }, t('annul.none'))];
  const head = !!session.user && session.user.office === office && hasRole('head');
  const list = h('ul', { class: 'issued-list' });
  for (const d of a.documents) {
    const record = a.items.find((i) => i.document?.id === d.id);
    const item = h(
      'li',
      { 'data-document': String(d.id) },
      h('a', { href: `/api/v1/cases/${caseId}/documents/${d.id}`, download: `${d.number}.pdf` }, label('result', d.kind), ` № ${d.number}`),
      ' — ',
      h('strong', { class: `state state-${d.state}` }, t(`annul.state.${d.state}`)),
    );
    if (record) {
      item.append(
        h(
          'p',
          { class: 'annulment' },
          t(record.action === 'annul' ? 'annul.annulled_by' : 'annul.replaced_by_head', { name: record.by.name, at: formatInstant(record.at) }),
          ' ',
          t('annul.reason_was', { reason: record.reason }),
          record.replacement ? [' ', t('annul.new_document'), ' ', h('a', { href: record.replacement.verify_url }, `№ ${record.replacement.number}`)] : null,
        ),
      );
    }
    if (head && d.state === 'valid') item.append(actions(caseId, d, onChange));
    list.append(item);
  }
  return [list];
}

// Annul or replace one document: a reason, the staff fields for a replacement, the key file
// when the original was signed.
function actions(caseId: number, d: IssuedDocument, onChange: () => void): HTMLElement {
  const base = `/api/v1/cases/${caseId}/documents/${d.id}`;
  const name = uid('action');
  const choice = (value: string, text: string, checked: boolean) => {
    const id = uid('a');
    const input = h('input', { type: 'radio', name, id, value, checked });
    return { input, el: h('div', { class: 'field check' }, input, h('label', { for: id }, text)) };
  };
  const annul = choice('annul', t('annul.annul'), true);
  const replace = choice('replace', t('annul.replace'), false);
  const reason = h('textarea', { name: 'reason', rows: 3, maxlength: MAX_REASON, required: true });
  const inputs = new Map<string, HTMLInputElement>();
  const corrected = h(
    'fieldset',
    { class: 'corrected' },
    h('legend', null, t('annul.corrected')),
    d.staff_fields.length
      ? d.staff_fields.map((f) => {
          const input = h('input', { type: f.type === 'date' ? 'date' : 'text', name: f.name, value: f.value, required: f.required });
          if (f.max_length) input.maxLength = f.max_length;
          inputs.set(f.name, input);
          return field(loc(f.label) || f.name, input);
        })
      : h('p', { class: 'hint' }, t('annul.no_fields')),
  );
  const keys = d.signed ? keyFileFields() : null;
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('annul.annul'));
  const sync = () => {
    const replacing = replace.input.checked;
    corrected.hidden = !replacing;
    corrected.disabled = !replacing;
    if (keys) {
      keys.element.hidden = !replacing;
      (keys.element as HTMLFieldSetElement).disabled = !replacing;
    }
    submit.textContent = replacing ? (keys ? t('annul.sign_and_replace') : t('annul.replace')) : t('annul.annul');
  };
  annul.input.addEventListener('change', sync);
  replace.input.addEventListener('change', sync);
  const form = h(
    'form',
    { class: 'annul-form', novalidate: true, 'aria-label': t('annul.form', { number: d.number }) },
    h('fieldset', null, h('legend', null, t('annul.what')), annul.el, replace.el),
    field(t('annul.reason'), reason, t('annul.reason_hint')),
    corrected,
    keys?.element ?? null,
    message,
    submit,
  );
  sync();
  onSubmit(form, submit, message, async () => {
    const text = reason.value.trim();
    if (!text) throw new Invalid(t('annul.reason_required'), reason);
    if (annul.input.checked) {
      await apiSend('POST', `${base}/annul`, { reason: text });
    } else {
      // Only the values changed are sent: the rest stay as entered.
      const values: Record<string, string> = {};
      for (const f of d.staff_fields) {
        const v = inputs.get(f.name)!.value;
        if (v !== f.value) values[f.name] = v;
      }
      const r = await apiSend<{ status: string; draft_url?: string; sign_url?: string }>('POST', `${base}/replace`, { reason: text, values });
      if (r.status === 'draft' && keys && r.draft_url && r.sign_url) {
        const bytes = await apiBytes(r.draft_url);
        await apiSend('POST', r.sign_url, { signature: await keys.sign(bytes) });
      }
    }
    message.append(statusBox(t('annul.done')));
    onChange();
  });
  return h('details', { class: 'annul' }, h('summary', null, t('annul.open')), form);
}
