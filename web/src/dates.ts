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
