// How values read on screen: British dates, names via the shared rule, empty values hidden.
import { type CustomerSummary, displayName } from '../../shared/customer';

const stamp = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatStamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : stamp.format(date);
}

/** A date of birth (YYYY-MM-DD) as "3 March 1985", with the age. */
export function formatBirthDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const now = new Date();
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < mo || (now.getMonth() + 1 === mo && now.getDate() < d)) age--;
  return `${day.format(new Date(Date.UTC(y, mo - 1, d)))} (age ${age})`;
}

export function fullName(c: Pick<CustomerSummary, 'title' | 'given_name' | 'family_name' | 'preferred_name'>): string {
  return displayName(c);
}

export function joinPresent(parts: (string | undefined)[], separator = ', '): string {
  return parts.filter((p) => p && p.trim() !== '').join(separator);
}

/** A calendar day (YYYY-MM-DD) as "3 March 2025". */
export function formatDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.slice(0, 10));
  if (!m) return value;
  return day.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** "1 row", "1,250 rows". */
export const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
