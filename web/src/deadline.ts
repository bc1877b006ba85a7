// Time left on a task, as the server counts it on the office's calendar and hours, with its
// urgency; long spans read in working days of the office's hours.
import { offices } from './app';
import { h } from './dom';
import { t } from './i18n';
import type { Office, Task } from './types';

export type Urgency = 'ok' | 'near' | 'overdue';

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

function span(text: string | null | undefined): number {
  if (!text) return 0;
  const [from, to] = text.split('-');
  return minutesOf(to) - minutesOf(from);
}

// Minutes in one working day of the office (Monday's hours, less lunch); 8 hours when unknown.
export function workingDayMinutes(office: Pick<Office, 'hours'> | undefined): number {
  const day = office?.hours.mon ?? Object.values(office?.hours ?? {}).find((d) => d);
  const minutes = span(day?.hours) - span(day?.lunch);
  return minutes > 0 ? minutes : 480;
}

export function formatWorking(minutes: number, perDay: number): string {
  const abs = Math.abs(minutes);
  const days = Math.floor(abs / perDay);
  const hours = Math.floor((abs % perDay) / 60);
  const mins = abs % 60;
  const parts: string[] = [];
  if (days) parts.push(t('time.wd', { n: days }));
  if (hours) parts.push(t('time.h', { n: hours }));
  if (mins || !parts.length) parts.push(t('time.min', { n: mins }));
  return parts.join(' ');
}

export interface TimeLeft {
  urgency: Urgency;
  text: string;
  minutes: number;
}

// The server's figures in words; null for a task with no due time.
export function describeLeft(task: Pick<Task, 'working_minutes_left' | 'urgency'>, perDay: number): TimeLeft | null {
  const left = task.working_minutes_left;
  if (left === null || left === undefined) return null;
  const urgency: Urgency = task.urgency ?? (left <= 0 ? 'overdue' : 'ok');
  const text =
    urgency === 'overdue'
      ? t('time.overdue_by', { span: formatWorking(Math.min(left, 0), perDay) })
      : t('time.left', { span: formatWorking(left, perDay) });
  return { urgency, text, minutes: left };
}

export async function timeLeft(task: Task): Promise<TimeLeft | null> {
  const office = (await offices()).find((o) => o.id === task.office);
  return describeLeft(task, workingDayMinutes(office));
}

// A badge whose words carry the meaning; the colour only repeats it.
export function timeBadge(left: TimeLeft | null): HTMLElement {
  if (!left) return h('span', null, '—');
  const prefix = left.urgency === 'overdue' ? t('time.overdue') : left.urgency === 'near' ? t('time.near') : '';
  return h('span', { class: `badge ${left.urgency}` }, prefix ? `${prefix}: ` : '', left.text);
}
