// Time left on a task, in the office's working time, with its urgency.
import { apiGet } from './api';
import { offices } from './app';
import { h } from './dom';
import { t } from './i18n';
import type { Office, Task } from './types';
import { urgency, workingDayMinutes, workingMinutes, type IsWorkingDay, type Urgency } from './worktime';

let calendar: Promise<IsWorkingDay> | null = null;

// Working days for a window around today (the API lists at most 400 days at once).
function workingDays(): Promise<IsWorkingDay> {
  calendar ??= (async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const days = await apiGet<{ date: string; working: boolean }[]>(
      `/api/v1/calendar/days?from=${day(-180)}&to=${day(180)}`,
    );
    const map = new Map(days.map((d) => [d.date, d.working]));
    return (date: string) => map.get(date) ?? !['0', '6'].includes(String(new Date(`${date}T00:00:00Z`).getUTCDay()));
  })();
  return calendar;
}

export function formatWorking(minutes: number, office: Office): string {
  const perDay = workingDayMinutes(office);
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

export async function timeLeft(task: Task, now = new Date()): Promise<TimeLeft | null> {
  if (!task.due_at) return null;
  const [list, isWorking] = await Promise.all([offices(), workingDays()]);
  const office = list.find((o) => o.id === task.office);
  if (!office) return null;
  const due = new Date(task.due_at);
  const left = workingMinutes(now, due, office, isWorking);
  const total = workingMinutes(new Date(task.created_at), due, office, isWorking);
  const level = task.overdue || due <= now ? 'overdue' : urgency(left, total);
  const span = formatWorking(level === 'overdue' ? Math.min(left, 0) : left, office);
  const text = level === 'overdue' ? t('time.overdue_by', { span }) : t('time.left', { span });
  return { urgency: level, text, minutes: left };
}

// A badge whose words carry the meaning; the colour only repeats it.
export function timeBadge(left: TimeLeft | null): HTMLElement {
  if (!left) return h('span', null, '—');
  const prefix = left.urgency === 'overdue' ? t('time.overdue') : left.urgency === 'near' ? t('time.near') : '';
  return h('span', { class: `badge ${left.urgency}` }, prefix ? `${prefix}: ` : '', left.text);
}
