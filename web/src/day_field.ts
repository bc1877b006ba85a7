// Days and times typed as the app writes them (04.12.2026, 09:00), not through the browser's
// own date control, which follows the browser's language and not the page's (mm/dd/yyyy and a
// 12-hour clock for a Russian page in an English browser).
import { Invalid } from './app';
import { parseDay, parseTime } from './dates';
import { h } from './dom';
import { formatDay, t } from './i18n';

// A text input for a day; `iso` (YYYY-MM-DD) is shown as day.month.year.
export function dayInput(name: string, iso = ''): HTMLInputElement {
  return h('input', {
    name,
    inputmode: 'numeric',
    maxlength: 10,
    autocomplete: 'off',
    placeholder: t('date.placeholder'),
    class: 'day',
    value: dayText(iso),
  });
}

// YYYY-MM-DD as day.month.year; what is no day is shown as it came, for the server to refuse.
export function dayText(iso: string): string {
  return iso && formatDay(iso) !== '—' ? formatDay(iso) : iso;
}

export function timeInput(name: string): HTMLInputElement {
  return h('input', { name, inputmode: 'numeric', maxlength: 5, autocomplete: 'off', placeholder: t('time.placeholder'), class: 'time' });
}

// The day entered as YYYY-MM-DD, undefined when left empty; refused in words beside the field.
export function readDay(input: HTMLInputElement): string | undefined {
  const text = input.value.trim();
  if (!text) return undefined;
  const day = parseDay(text);
  if (day === null) throw new Invalid(t('date.invalid'), input);
  return day;
}

// The time entered as minutes after midnight, undefined when left empty.
export function readTime(input: HTMLInputElement): number | undefined {
  const text = input.value.trim();
  if (!text) return undefined;
  const minutes = parseTime(text);
  if (minutes === null) throw new Invalid(t('time.invalid'), input);
  return minutes;
}
