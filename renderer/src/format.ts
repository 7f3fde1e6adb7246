// How values read on screen: British dates, names via the shared rule, empty values hidden.
import { type CustomerSummary, displayName } from '../../shared/customer';
import { formatDay } from '../../shared/dates';

export { formatDay, formatStamp } from '../../shared/dates';
export { plural } from '../../shared/format';

/** A date of birth (YYYY-MM-DD) as "3 Mar 1985", with the age. */
export function formatBirthDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const now = new Date();
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < mo || (now.getMonth() + 1 === mo && now.getDate() < d)) age--;
  return `${formatDay(value)} (age ${age})`;
}

export function fullName(c: Pick<CustomerSummary, 'title' | 'given_name' | 'family_name' | 'preferred_name'>): string {
  return displayName(c);
}

export function joinPresent(parts: (string | undefined)[], separator = ', '): string {
  return parts.filter((p) => p && p.trim() !== '').join(separator);
}
