// Calendar dates as the server counts them: Kazakhstan's, whatever the browser's own zone.

// The wall clock of `timeZone` at `instant`: year, month, day, hour, minute, second, as
// zero-padded digits (24-hour clock).
export function zonedParts(instant: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
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
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

// Offset of the zone from UTC at an instant, in minutes.
function zoneOffset(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

// The calendar date (YYYY-MM-DD) in `timeZone` at `instant`. The SLA report's days, the working
// calendar and a field's not_past / not_future are Kazakhstan's dates: from 19:00 UTC it is
// already the next day there.
export function localDate(instant: number, timeZone = 'Asia/Qyzylorda'): string {
  const shifted = new Date(instant + zoneOffset(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 10);
}

// A real calendar date written YYYY-MM-DD (not 2026-02-30).
export function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  return isDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

// Whether year, month (1-12) and day name a day of the Gregorian calendar.
export function isDay(year: number, month: number, day: number): boolean {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // Date.UTC would read years below 100 as 19xx
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// A day typed as people here write it, day.month.year (04.12.2026; 4.12.2026 too), as the API's
// YYYY-MM-DD; null when it is no day of the calendar.
export function parseDay(text: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000 || !isDay(year, month, day)) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// A time of day typed on the 24-hour clock (09:00, 9:00, 17:45) as minutes after midnight; null
// when it is none.
export function parseTime(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  return hour < 24 && minute < 60 ? hour * 60 + minute : null;
}

// The instant at which the wall clock of `timeZone` reads `day` (YYYY-MM-DD) at `minutes` after
// midnight: a time entered means that office's clock, not the browser's.
export function zonedInstant(day: string, minutes: number, timeZone = 'Asia/Qyzylorda'): Date {
  const [year, month, date] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date, Math.floor(minutes / 60), minutes % 60);
  const first = wall - zoneOffset(wall, timeZone) * 60_000;
  // Asked again at the instant found, for a day on which the zone's offset changes.
  return new Date(wall - zoneOffset(first, timeZone) * 60_000);
}
