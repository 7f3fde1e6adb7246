// Dates as a person in the UK reads and types them: day first, whatever the browser's locale.
// Stored values stay ISO (YYYY-MM-DD for a day, a full timestamp for a moment); this is the one
// place that turns them into words ("6 Dec 2026", "6 Dec 2026, 14:30", "06/12/2026") and that
// reads what was typed (06/12/2026, 6/12/26, 6 Dec 2026, 2026-12-06) back into a stored day.

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const STAMP = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** What a date box shows as its example. */
export const DAY_PLACEHOLDER = 'dd/mm/yyyy';

const two = (n: number) => String(n).padStart(2, '0');

function isoParts(value: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** A stored day (YYYY-MM-DD, or the day of a timestamp's text) as "6 Dec 2026"; anything else as it is. */
export function formatDay(value: string): string {
  const p = isoParts(value);
  if (!p || !realDay(...p)) return value;
  return DAY.format(new Date(Date.UTC(p[0], p[1] - 1, p[2])));
}

/** A stored day as a date box shows it: "06/12/2026" ('' stays ''). */
export function formatDayNumeric(value: string): string {
  const p = isoParts(value);
  return p ? `${two(p[2])}/${two(p[1])}/${p[0]}` : value;
}

/** A moment (ISO timestamp) as "6 Dec 2026, 14:30" in this computer's time. */
export function formatStamp(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : STAMP.format(date);
}

function realDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A two-digit year: up to ten years ahead of now is this century, the rest the last one. */
function fullYear(text: string, now: Date): number {
  const y = Number(text);
  if (text.length !== 2) return y;
  const thisCentury = 2000 + y;
  return thisCentury <= now.getFullYear() + 10 ? thisCentury : 1900 + y;
}

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const i = MONTHS.findIndex(
    (m) => m.toLowerCase().startsWith(w) && (w.length === 3 || m.toLowerCase() === w || w === 'sept'),
  );
  return i === -1 ? null : i + 1;
}

type ParsedDay = { ok: true; iso: string } | { ok: false; message: string };

/**
 * What a person typed, read day first: 06/12/2026, 6/12/26, 6.12.2026, 6-12-2026, 6 Dec 2026,
 * 6 December 2026, or 2026-12-06. A day that does not exist (31/02) is refused in plain words.
 */
export function parseDay(text: string, now: Date = new Date()): ParsedDay {
  const t = text.trim().replace(/\s+/g, ' ');
  let parts: [number, number, number] | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!parts) {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
    if (m) parts = [fullYear(m[3] ?? '', now), Number(m[2]), Number(m[1])];
  }
  if (!parts) {
    m = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+\.?),? (\d{2}|\d{4})$/i.exec(t);
    const month = m ? monthNumber(m[2] ?? '') : null;
    if (m && month) parts = [fullYear(m[3] ?? '', now), month, Number(m[1])];
  }
  if (!parts) return { ok: false, message: 'Enter the date day first, such as 06/12/2026.' };
  const [y, mo, d] = parts;
  if (mo < 1 || mo > 12)
    return { ok: false, message: `There is no month ${mo}: enter the day first, such as 06/12/2026.` };
  if (!realDay(y, mo, d)) return { ok: false, message: `${MONTHS[mo - 1]} ${y} has no day ${d}.` };
  if (y < 1800) return { ok: false, message: `${y} is too long ago: check the year.` };
  return { ok: true, iso: `${y}-${two(mo)}-${two(d)}` };
}

/**
 * A day and a time typed day first ("06/12/2026 14:30", "6/12/26 9.05", or a day alone for
 * midnight) as that moment in this computer's time; null when it is not a real one.
 */
export function parseDayTime(text: string, now: Date = new Date()): Date | null {
  const m = /^(.*?)(?:[\sT,]+(\d{1,2})[:.](\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const day = parseDay(m[1] ?? '', now);
  if (!day.ok) return null;
  const [hours, minutes] = [Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (hours > 23 || minutes > 59) return null;
  const [y, mo, d] = isoParts(day.iso) as [number, number, number];
  return new Date(y, mo - 1, d, hours, minutes);
}

/** This computer's day (not UTC's) as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
