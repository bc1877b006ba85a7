// Administration: offices with their hours, and days of the working calendar.
import { apiGet, apiSend } from '../api';
import { forgetCaches, grid, hasRole, Invalid, offices, onSubmit, pageTitle, statusBox } from '../app';
import { field, h, uid } from '../dom';
import { formatDay, label, loc, t } from '../i18n';
import type { DayHours, Office } from '../types';
import { localDate } from '../dates';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export async function adminPage(main: HTMLElement): Promise<void> {
  const list = await offices();
  main.append(
    pageTitle(t('admin.title')),
    h('h2', null, t('admin.offices')),
    grid(
      ['admin.office', 'admin.level', 'admin.zone', 'admin.hours'],
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
    ...(hasRole('admin') ? [hoursSection(list)] : []),
    await calendarSection(hasRole('national_admin')),
  );
}

// The calendar is national: everyone reads it, only a national administrator changes a day.
async function calendarSection(editable: boolean): Promise<HTMLElement> {
  const today = localDate(Date.now());
  const in60 = localDate(Date.now() + 60 * 86_400_000);
  const days = await apiGet<{ date: string; working: boolean; kind: string; note?: string }[]>(
    `/api/v1/calendar/days?from=${today}&to=${in60}`,
  );
  const date = h('input', { type: 'date', name: 'date', required: true });
  const working = h('select', { name: 'working' }, h('option', { value: 'false' }, t('admin.day_off')), h('option', { value: 'true' }, t('admin.working_day')));
  const note = h('input', { name: 'note', required: true, autocomplete: 'off' });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('admin.save_day'));
  const form = h('form', { class: 'card', novalidate: true }, field(t('admin.date'), date), field(t('admin.kind'), working), field(t('admin.note'), note), message, submit);
  onSubmit(form, submit, message, async () => {
    if (!date.value || !note.value.trim()) throw new Invalid(t('admin.day_required'), date.value ? note : date);
    await apiSend('PUT', `/api/v1/calendar/days/${date.value}`, { working: working.value === 'true', note: note.value.trim() });
    message.append(statusBox(t('admin.day_saved', { date: formatDay(date.value) })));
  });
  const special = days.filter((d) => !d.working && d.kind !== 'weekend');
  return h(
    'section',
    { 'aria-labelledby': 'cal-h' },
    h('h2', { id: 'cal-h' }, t('admin.calendar')),
    h('p', null, t(editable ? 'admin.calendar_intro' : 'admin.calendar_national')),
    special.length ? h('ul', null, special.map((d) => h('li', null, `${formatDay(d.date)}: ${label('daykind', d.kind)}${d.note ? ` — ${d.note}` : ''}`))) : null,
    editable ? form : null,
  );
}

const SPAN = '[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]';

// An office's hours by weekday: an empty "hours" field makes the day closed.
function hoursSection(list: Office[]): HTMLElement {
  const office = h('select', { name: 'office' }, list.map((o) => h('option', { value: o.id }, loc(o.name))));
  const rows = WEEK.map((d) => ({
    d,
    hours: h('input', { name: `hours-${d}`, pattern: SPAN, autocomplete: 'off', placeholder: '09:00-18:30' }),
    lunch: h('input', { name: `lunch-${d}`, pattern: SPAN, autocomplete: 'off', placeholder: '13:00-14:30' }),
  }));
  const fill = () => {
    const o = list.find((x) => x.id === office.value)!;
    for (const r of rows) {
      r.hours.value = o.hours[r.d]?.hours ?? '';
      r.lunch.value = o.hours[r.d]?.lunch ?? '';
    }
  };
  office.addEventListener('change', fill);
  fill();
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('admin.save_hours'));
  const headingId = uid('hours-h');
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('admin.office_hours')),
    field(t('admin.office'), office),
    rows.map((r) =>
      h(
        'fieldset',
        { class: 'inline' },
        h('legend', null, t(`day.${r.d}`)),
        field(t('admin.hours'), r.hours, t('admin.hours_hint')),
        field(t('admin.lunch'), r.lunch),
      ),
    ),
    message,
    submit,
  );
  onSubmit(form, submit, message, async () => {
    const bad = rows.flatMap((r) => [r.hours, r.lunch]).find((i) => i.value && !new RegExp(`^${SPAN}$`).test(i.value));
    if (bad) throw new Invalid(t('admin.hours_invalid'), bad);
    const o = list.find((x) => x.id === office.value)!;
    const hours: Record<string, DayHours | null> = {};
    for (const r of rows) hours[r.d] = r.hours.value ? { hours: r.hours.value, lunch: r.lunch.value || null } : null;
    const { id, ...rest } = o;
    await apiSend('PUT', `/api/v1/offices/${id}`, { ...rest, hours });
    forgetCaches();
    message.append(statusBox(t('admin.hours_saved', { office: loc(o.name) })));
  });
  return form;
}
