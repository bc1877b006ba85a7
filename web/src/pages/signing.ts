// Batch signing: the drafts awaiting the caller's signature (GET /api/v1/signing). The signer
// ticks several, unlocks the key file once (or answers NCALayer once), and each draft is then
// signed and completed on its own, so the server verifies each separately; a draft that fails
// says why in its row and the others go on.
import { apiBytes, apiGet, apiSend } from '../api';
import { grid, Invalid, link, onSubmit, pageTitle } from '../app';
import { signEach, type SignState } from '../batch_sign';
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
    const show = (s: SignState, message = '') => {
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
    // Each draft fetched first, one unlock or one NCALayer prompt for all of them, then each
    // completed on its own (batch_sign.ts).
    const drafts = new Map<(typeof rows)[number], DraftToSign[]>();
    await signEach(
      picked,
      keys,
      async (row) => {
        const { items } = await apiGet<{ items: DraftToSign[] }>(row.item.documents_url);
        drafts.set(row, items);
        return Promise.all(items.map((d) => apiBytes(d.url)));
      },
      async (row, signatures) => {
        const body = { outcome: row.item.outcome, data: {}, ...signatureFields(drafts.get(row)!, signatures) };
        await apiSend('POST', `/api/v1/tasks/${row.item.task.id}/complete`, body);
      },
    );
    const signed = rows.filter((r) => r.tr.querySelector('[data-state=signed]')).length;
    summary.textContent = t('signing.done', { signed, total: rows.length });
  });

  main.append(h('p', { class: 'hint' }, t('signing.intro')), form);
}
