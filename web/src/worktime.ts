// Working minutes between two instants in an office's hours and the working calendar: the
// same notion of time the engine's limits use, so "time left" reads like the limit itself.
import type { Office } from './types';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function range(text: string | null | undefined): [number, number] | null {
  if (!text) return null;
  const [a, b] = text.split('-');
  return [minutesOf(a), minutesOf(b)];
}

// Offset of the zone from UTC at an instant, in minutes.
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

export type IsWorkingDay = (date: string) => boolean;

// The working intervals [start, end) of one local day, in epoch milliseconds.
function dayIntervals(office: Office, date: string, isWorking: IsWorkingDay): [number, number][] {
  if (!isWorking(date)) return [];
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
  const day = office.hours[weekday];
  const open = range(day?.hours);
  if (!open) return [];
  const lunch = range(day?.lunch);
  const pieces: [number, number][] = lunch
    ? [
        [open[0], lunch[0]],
        [lunch[1], open[1]],
      ]
    : [open];
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const offset = zoneOffset(midnightUtc + 12 * 3600_000, office.time_zone);
  return pieces
    .filter(([a, b]) => b > a)
    .map(([a, b]) => [midnightUtc + (a - offset) * 60_000, midnightUtc + (b - offset) * 60_000]);
}

// The calendar date (YYYY-MM-DD) in `timeZone` at `instant`. Dates the server counts in (the
// SLA report's days, the working calendar) are Kazakhstan's, whatever the browser's own zone:
// from 19:00 UTC it is already the next day there.
export function localDate(instant: number, timeZone = 'Asia/Qyzylorda'): string {
  const shifted = new Date(instant + zoneOffset(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

// Working minutes from `from` to `to` (negative when `to` is earlier).
export function workingMinutes(from: Date, to: Date, office: Office, isWorking: IsWorkingDay): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -workingMinutes(to, from, office, isWorking);
  let total = 0;
  let date = localDate(a, office.time_zone);
  const last = localDate(b, office.time_zone);
  for (let guard = 0; guard < 3660 && date <= last; guard += 1, date = nextDate(date)) {
    for (const [s, e] of dayIntervals(office, date, isWorking)) {
      const lo = Math.max(s, a);
      const hi = Math.min(e, b);
      if (hi > lo) total += hi - lo;
    }
  }
  return Math.floor(total / 60_000);
}

// Minutes in one working day of the office (Monday's hours), to show days for long limits.
export function workingDayMinutes(office: Office): number {
  const day = office.hours.mon ?? Object.values(office.hours).find((d) => d);
  const open = range(day?.hours);
  if (!open) return 480;
  const lunch = range(day?.lunch);
  return open[1] - open[0] - (lunch ? lunch[1] - lunch[0] : 0);
}

export type Urgency = 'ok' | 'near' | 'overdue';

// Near: less than a quarter of the step's own working time is left.
export function urgency(leftMinutes: number, totalMinutes: number): Urgency {
  if (leftMinutes <= 0) return 'overdue';
  if (leftMinutes * 4 <= totalMinutes) return 'near';
  return 'ok';
}
