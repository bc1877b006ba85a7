// Internal notes on a case (docs/CASEWORK.md): what the office's staff tell each other about it.
// Never shown to the applicant (the server answers them 403); a note, once written, stays.
import { apiGet, apiSend } from '../api';
import { isApplicant, onSubmit, session, statusBox } from '../app';
import { field, h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { CaseDetail } from '../types';

interface Note {
  id: number;
  author: { login: string; full_name: string };
  text: string;
  at: string;
}

const MAX_NOTE = 2000;

// `readOnly`: the notes are listed without the form (an office the case was handed from).
export async function notesSection(kase: CaseDetail, readOnly = false): Promise<HTMLElement | null> {
  // Staff of the case's office only; others would be refused.
  if (!session.user || isApplicant() || session.user.office !== kase.office) return null;
  let notes: Note[];
  try {
    notes = (await apiGet<{ items: Note[] }>(`/api/v1/cases/${kase.id}/notes`)).items;
  } catch {
    return null;
  }
  const list = h('ol', { class: 'notes', id: 'case-notes' });
  const empty = h('p', { class: 'empty' }, t('notes.none'));
  const show = () => {
    list.replaceChildren(
      ...notes.map((n) =>
        h(
          'li',
          { class: 'note' },
          h('p', { class: 'note-meta' }, h('strong', null, n.author.full_name), ' · ', h('time', { datetime: n.at }, formatInstant(n.at))),
          h('p', { class: 'note-text' }, n.text),
        ),
      ),
    );
    empty.hidden = notes.length > 0;
  };
  show();
  const text = h('textarea', { name: 'text', rows: 3, maxlength: MAX_NOTE });
  const button = h('button', { type: 'submit' }, t('notes.add'));
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'note-form' }, field(t('notes.text'), text, t('notes.hint')), h('div', { class: 'actions' }, button), message);
  onSubmit(form, button, message, async () => {
    if (!text.value.trim()) {
      text.setAttribute('aria-invalid', 'true');
      text.focus();
      message.append(statusBox(t('notes.empty'), 'error'));
      return;
    }
    const added = await apiSend<Note>('POST', `/api/v1/cases/${kase.id}/notes`, { text: text.value });
    notes = [...notes, added];
    show();
    text.value = '';
    message.append(statusBox(t('notes.added')));
  });
  return h(
    'section',
    { class: 'notes-panel card', 'aria-labelledby': 'notes-h' },
    h('h2', { id: 'notes-h' }, t('notes.title')),
    h('p', { class: 'hint' }, t('notes.private')),
    list,
    empty,
    readOnly ? null : form,
  );
}
