// How two records of one person become one: which value each field takes (the defaults the
// review screen pre-selects) and the union of emails, phones and addresses without repeats.
// Shared so the side-by-side view shows exactly what the core will store.
import { z } from 'zod';
import type { Customer, CustomerData } from './customer';
import { FIELD_LABELS, TEXT_FIELDS, type TextField } from './fields';
import { fold } from './text';

/** The record's own text fields (shared/fields.ts): one value is chosen for each. */
export const MERGE_FIELDS = TEXT_FIELDS;
export type MergeField = TextField;

export const MERGE_FIELD_LABELS = Object.fromEntries(MERGE_FIELDS.map((f) => [f, FIELD_LABELS[f]])) as Record<
  MergeField,
  string
>;

/** Which record's value a field keeps; notes may keep both, one after the other. */
export const MergeChoice = z.enum(['keep', 'merge', 'both']);
export type MergeChoice = z.infer<typeof MergeChoice>;
export type MergeChoices = Record<MergeField, MergeChoice>;

type Side = Pick<Customer, MergeField | 'emails' | 'phones' | 'addresses' | 'updated_at' | 'verified_at'>;

/** The more recently confirmed record wins a disagreement: verified or edited, whichever is later. */
function freshness(c: Side): string {
  return c.verified_at > c.updated_at ? c.verified_at : c.updated_at;
}

/** Defaults: a value beats a blank, a fuller form beats its abbreviation ("J" / "John"), then the fresher record. */
export function defaultChoices(keep: Side, merge: Side): MergeChoices {
  const fresher: MergeChoice = freshness(merge) > freshness(keep) ? 'merge' : 'keep';
  const choose = (field: MergeField): MergeChoice => {
    const [a, b] = [keep[field], merge[field]];
    if (!b || a === b) return 'keep';
    if (!a) return 'merge';
    if (field === 'notes') return 'both';
    const [fa, fb] = [fold(a), fold(b)];
    if (fa === fb) return fresher;
    if (fb.startsWith(fa.replace(/\.$/, ''))) return 'merge';
    if (fa.startsWith(fb.replace(/\.$/, ''))) return 'keep';
    return fresher;
  };
  return Object.fromEntries(MERGE_FIELDS.map((f) => [f, choose(f)])) as MergeChoices;
}

const emailKey = (e: { address: string }) => e.address.toLowerCase();
const phoneKey = (p: { number: string; e164: string }) => p.e164 || p.number.replace(/\D/g, '');
const addressKey = (a: Customer['addresses'][number]) =>
  [a.line1, a.postcode, a.town].map((v) => fold(v).replace(/[^a-z0-9]/g, '')).join('|');

/** The kept record's entries first, then the other's not already there (compared normalised). */
function unionBy<T>(first: readonly T[], second: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set(first.map(key));
  const out = [...first];
  for (const item of second) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

/** The data the kept record will hold after the merge. */
export function mergedData(keep: Side, merge: Side, choices: Partial<MergeChoices> = {}): CustomerData {
  const chosen = { ...defaultChoices(keep, merge), ...choices };
  const pick = (field: MergeField): string => {
    const choice = chosen[field];
    if (choice === 'merge') return merge[field];
    if (choice === 'both' && field === 'notes' && keep.notes && merge.notes && keep.notes !== merge.notes) {
      return `${keep.notes}\n\n${merge.notes}`;
    }
    return choice === 'both' ? keep[field] || merge[field] : keep[field];
  };
  return {
    ...(Object.fromEntries(MERGE_FIELDS.map((f) => [f, pick(f)])) as Record<MergeField, string>),
    emails: unionBy(keep.emails, merge.emails, emailKey),
    phones: unionBy(keep.phones, merge.phones, phoneKey),
    addresses: unionBy(keep.addresses, merge.addresses, addressKey),
  };
}

/** A group merge's choice per field: the id of the member whose value it keeps, or 'all' (notes). */
export type GroupChoices = Partial<Record<MergeField, number | 'all'>>;

/**
 * The pairwise choices for the step of a group merge that takes in `memberId`: the survivor
 * takes each member in turn, so a field takes that member's value at its step and keeps it after.
 */
export function groupStepChoices(choices: GroupChoices, memberId: number): Partial<MergeChoices> {
  const out: Partial<MergeChoices> = {};
  for (const field of MERGE_FIELDS) {
    const chosen = choices[field];
    if (chosen === undefined) continue;
    out[field] = chosen === 'all' ? 'both' : chosen === memberId ? 'merge' : 'keep';
  }
  return out;
}

/** The data the survivor of a group merge will hold: the steps the core runs, in the same order. */
export function groupMergedData<T extends Side & { id: number }>(
  keep: T,
  others: readonly T[],
  choices: GroupChoices,
): CustomerData {
  let data: Side = keep;
  for (const other of others) {
    data = { ...data, ...mergedData(data, other, groupStepChoices(choices, other.id)) };
  }
  const { title, given_name, family_name, preferred_name, date_of_birth, ref, notes, emails, phones, addresses } = data;
  return { title, given_name, family_name, preferred_name, date_of_birth, ref, notes, emails, phones, addresses };
}
