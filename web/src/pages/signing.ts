// Batch signing: the drafts awaiting the caller's signature (GET /api/v1/signing). The signer
// ticks several, unlocks the key file once (or answers NCALayer once), and each draft is then
// signed and completed on its own, so the server verifies each separately; a draft that fails
// says why in its row and the others go on.
import { apiBytes, apiGet, apiSend } from '../api';
import { errorText, grid, Invalid, link, onSubmit, pageTitle } from '../app';
import { h } from '../dom';
import { formatInstant, label, loc, t } from '../i18n';
import { keyFileFields } from '../keyfile';
import { signatureFields, type DraftToSign } from '../sign';
import type { Localized, Task } from '../types';

interface AwaitingSignature {
  task: Task;
  case_id: number;
  case_number: string;
  process: string;
  process_title: Localized;
  decided_kind: string | null;
  outcome: string;
  documents_url: string;
}

type RowState = 'waiting' | 'signing' | 'signed' | 'failed';

export async function signingPage(main: HTMLElement): Promise<void> {
  const { items } = await apiGet<{ items: AwaitingSignature[] }>('/api/v1/signing');
  main.append(pageTitle(t('signing.title')));
  if (!items.length) {
    main.append(h('p', { class: 'empty' }, t('signing.empty')));
    return;
  }

  const rows = items.map((item) => {
    const pick = h('input', {
      type: 'checkbox',
      name: 'pick',
      value: String(item.task.id),
      checked: true,
      'aria-label': t('signing.pick_label', { number: item.case_number }),
    });
    const state = h('td', { class: 'state', 'data-state': 'waiting' }, t('signing.state.waiting'));
    const tr = h(
      'tr',
      { 'data-task': String(item.task.id) },
      h('td', null, pick),
      h('td', null, link(`/cases/${item.case_id}`, item.case_number)),
      h('td', null, loc(item.process_title)),
      h('td', null, item.decided_kind ? label('result', item.decided_kind) : loc(item.task.title)),
      h('td', null, formatInstant(item.task.due_at)),
      state,
    );
    const show = (s: RowState, message = '') => {
      state.dataset.state = s;
      state.className = `state ${s}`;
      state.textContent = t(`signing.state.${s}`, { message });
      if (s === 'signed') pick.checked = pick.disabled = true;
    };
    return { item, pick, tr, show };
  });

  const all = h('input', { type: 'checkbox', id: 'pick-all', checked: true });
  all.addEventListener('change', () => {
    for (const r of rows) if (!r.pick.disabled) r.pick.checked = all.checked;
  });
  const table = grid(
    ['signing.col.pick', 'signing.col.case', 'signing.col.service', 'signing.col.draft', 'signing.col.due', 'signing.col.state'],
    rows.map((r) => r.tr),
    h('caption', { class: 'visually-hidden' }, t('signing.title')),
  );

  const keys = keyFileFields();
  const summary = h('p', { role: 'status', id: 'signing-summary' });
  const message = h('div', { class: 'message' });
  const submit = h('button', { type: 'submit' }, t('signing.submit'));
  const form = h(
    'form',
    { class: 'signing-batch', novalidate: true },
    h('div', { class: 'field check' }, all, h('label', { for: 'pick-all' }, t('signing.all'))),
    table,
    keys.element,
    message,
    submit,
    summary,
  );

  onSubmit(form, submit, message, async () => {
    const picked = rows.filter((r) => r.pick.checked && !r.pick.disabled);
    if (!picked.length) throw new Invalid(t('signing.none_picked'), all);
    summary.textContent = '';
    // Each draft fetched first; one that cannot be had fails alone.
    const ready: { row: (typeof rows)[number]; drafts: DraftToSign[]; bytes: Uint8Array[] }[] = [];
    for (const row of picked) {
      row.show('signing');
      try {
        const { items: drafts } = await apiGet<{ items: DraftToSign[] }>(row.item.documents_url);
        ready.push({ row, drafts, bytes: await Promise.all(drafts.map((d) => apiBytes(d.url))) });
      } catch (e) {
        row.show('failed', errorText(e));
      }
    }
    // One unlock or one NCALayer prompt for all of them; a refusal here (a wrong password)
    // concerns every draft, so it is shown at the form and nothing is sent.
    let signatures: string[];
    try {
      signatures = await keys.signAll(ready.flatMap((r) => r.bytes));
    } catch (e) {
      for (const r of ready) r.row.show('waiting');
      throw e;
    }
    let next = 0;
    for (const { row, drafts } of ready) {
      const mine = signatures.slice(next, next + drafts.length);
      next += drafts.length;
      const body = { outcome: row.item.outcome, data: {}, ...signatureFields(drafts, mine) };
      try {
        await apiSend('POST', `/api/v1/tasks/${row.item.task.id}/complete`, body);
        row.show('signed');
      } catch (e) {
        row.show('failed', errorText(e));
      }
    }
    const signed = rows.filter((r) => r.tr.querySelector('[data-state=signed]')).length;
    summary.textContent = t('signing.done', { signed, total: rows.length });
  });

  main.append(h('p', { class: 'hint' }, t('signing.intro')), form);
}
