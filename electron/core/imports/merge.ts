// What an imported row does to the record it matched: fill only the empty fields (and add the
// emails and phones it lacks), or overwrite with every value the file gives (a blank cell never
// erases anything). The customer number of
// an existing record is never changed by a match on email or phone.
import type { OnMatch } from '../../../shared/contract/imports';
import { type Customer, type CustomerData, LIMITS } from '../../../shared/customer';
import { TEXT_FIELDS } from '../../../shared/fields';

type How = Extract<OnMatch, 'update-empty' | 'overwrite'>;
// The customer number is not among them: see above.
const SCALARS = TEXT_FIELDS.filter((f) => f !== 'ref');

function uniqueBy<T>(items: T[], key: (t: T) => string, max: number): T[] {
  const seen = new Set<string>();
  return items.filter((t) => !seen.has(key(t)) && seen.add(key(t))).slice(0, max);
}

export function mergeCustomer(existing: Customer, incoming: CustomerData, how: How): CustomerData {
  const merged: CustomerData = {
    ref: existing.ref || incoming.ref,
    title: existing.title,
    given_name: existing.given_name,
    family_name: existing.family_name,
    preferred_name: existing.preferred_name,
    emails: existing.emails,
    phones: existing.phones,
    addresses: existing.addresses,
    date_of_birth: existing.date_of_birth,
    notes: existing.notes,
  };
  for (const field of SCALARS) {
    const value = incoming[field];
    if (value && (how === 'overwrite' || !existing[field])) merged[field] = value;
  }
  if (how === 'overwrite') {
    merged.emails = uniqueBy([...incoming.emails, ...existing.emails], (e) => e.address.toLowerCase(), LIMITS.emails);
    merged.phones = uniqueBy([...incoming.phones, ...existing.phones], (p) => p.e164, LIMITS.phones);
    if (incoming.addresses[0]) merged.addresses = [incoming.addresses[0], ...existing.addresses.slice(1)];
  } else {
    // An email or phone the record lacks is added after its own, never dropped: the row matched
    // on another one (often an earlier row of the same file), and its different address is a value.
    merged.emails = uniqueBy([...existing.emails, ...incoming.emails], (e) => e.address.toLowerCase(), LIMITS.emails);
    merged.phones = uniqueBy([...existing.phones, ...incoming.phones], (p) => p.e164, LIMITS.phones);
    if (existing.addresses.length === 0) merged.addresses = incoming.addresses;
  }
  return merged;
}

/** Nothing would change: the row is counted as skipped and nothing is written. */
export function sameData(existing: Customer, data: CustomerData): boolean {
  const pick = (c: CustomerData | Customer) =>
    JSON.stringify([
      c.ref,
      ...SCALARS.map((f) => c[f]),
      c.emails.map((e) => [e.address, e.label]),
      c.phones.map((p) => [p.number, p.e164, p.label]),
      c.addresses,
    ]);
  return pick(existing) === pick(data);
}
