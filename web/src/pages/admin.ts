// Administration: offices with their hours, and days of the working calendar.
import { apiGet, apiSend } from '../api';
import { busy, errorBox, offices, pageTitle, statusBox } from '../app';
import { field, h } from '../dom';
import { label, loc, t } from '../i18n';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export async function adminPage(main: HTMLElement): Promise<void> {
  const list = await offices();
  main.append(
    pageTitle(t('admin.title')),
    h('h2', null, t('admin.offices')),
    h(
      'table',
      { class: 'grid' },
      h('thead', null, h('tr', null, ['admin.office', 'admin.level', 'admin.zone', 'admin.hours'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h(
        'tbody',
        null,
        list.map((o) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, loc(o.name), h('br'), h('small', null, o.id)),
            h('td', null, label('level', o.level)),
            h('td', null, o.time_zone),
            h(
              'td',
              null,
              WEEK.map((d) => o.hours[d])
                .map((x, i) => `${t(`day.${WEEK[i]}`)} ${x ? x.hours : t('admin.closed')}`)
                .join('; '),
            ),
          ),
        ),
      ),
    ),
    await calendarSection(),
  );
}

async function calendarSection(): Promise<HTMLElement> {
  const today = new Date().toISOString().slice(0, 10);
  const in60 = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const days = await apiGet<{ date: string; working: boolean; kind: string; note?: string }[]>(
    `/api/v1/calendar/days?from=${today}&to=${in60}`,
  );
  const date = h('input', { type: 'date', name: 'date', required: true });
  const working = h('select', { name: 'working' }, h('option', { value: 'false' }, t('admin.day_off')), h('option', { value: 'true' }, t('admin.working_day')));
  const note = h('input', { name: 'note', required: true, autocomplete: 'off' });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('admin.save_day'));
  const form = h('form', { class: 'card', novalidate: true }, field(t('admin.date'), date), field(t('admin.kind'), working), field(t('admin.note'), note), message, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    message.replaceChildren();
    if (!date.value || !note.value.trim()) {
      message.append(statusBox(t('admin.day_required'), 'error'));
      (date.value ? note : date).focus();
      return;
    }
    void busy(submit, async () => {
      try {
        await apiSend('PUT', `/api/v1/calendar/days/${date.value}`, { working: working.value === 'true', note: note.value.trim() });
        message.append(statusBox(t('admin.day_saved', { date: date.value })));
      } catch (err) {
        message.append(errorBox(err));
      }
    });
  });
  const special = days.filter((d) => !d.working && d.kind !== 'weekend');
  return h(
    'section',
    { 'aria-labelledby': 'cal-h' },
    h('h2', { id: 'cal-h' }, t('admin.calendar')),
    h('p', null, t('admin.calendar_intro')),
    special.length ? h('ul', null, special.map((d) => h('li', null, `${d.date}: ${label('daykind', d.kind)}${d.note ? ` — ${d.note}` : ''}`))) : null,
    form,
  );
}
