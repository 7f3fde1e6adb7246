// Event packs: a separate encrypted file, with its own passphrase, that an event laptop opens in
// event mode (sign-ups with consent, look-ups, sales; nothing erased or exported), and its merge
// back into the main file (duplicate review, field-by-field review of changes, one undoable batch).
import { z } from 'zod';
import { ANY_SIGNED_IN, MANAGERS, OWNER } from './roles';
import { NewPassphrase, Passphrase } from './vault';

const Id = z.number().int().positive();

/** The values a look-up list may carry; only those chosen are copied into the pack. */
export const LOOKUP_FIELDS = [
  'ref',
  'title',
  'given_name',
  'family_name',
  'preferred_name',
  'date_of_birth',
  'email',
  'phone',
  'address',
] as const;
export type LookupField = (typeof LOOKUP_FIELDS)[number];

export const LOOKUP_FIELD_LABELS: Record<LookupField, string> = {
  ref: 'Customer number',
  title: 'Title',
  given_name: 'Given name',
  family_name: 'Family name',
  preferred_name: 'Preferred name',
  date_of_birth: 'Date of birth',
  email: 'First email',
  phone: 'First phone',
  address: 'First address',
};

const Fields = z
  .array(z.enum(LOOKUP_FIELDS))
  .min(1, 'Choose at least one field for the look-up list.')
  .max(LOOKUP_FIELDS.length);

export const Lookup = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('segment'), segment_id: Id, fields: Fields }),
  z.object({
    kind: z.literal('refs'),
    refs: z.array(z.string().trim().min(1).max(40)).min(1, 'Give at least one customer number.').max(100_000),
    fields: Fields,
  }),
]);
export type Lookup = z.infer<typeof Lookup>;

const EventName = z.string().trim().min(1, 'Name the event.').max(120);
const EventDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the event date as YYYY-MM-DD.');
const Laptop = z.string().trim().min(1, 'Name the laptop the pack is for.').max(80);
/** A pack's file, by name, in the packs folder beside the main file: never a path from the window. */
const FileName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w .-]+$/, 'Choose a pack from the list.')
  .refine((n) => !n.startsWith('.'), 'Choose a pack from the list.');

export const MakePackInput = z.object({
  passphrase: NewPassphrase,
  event_name: EventName,
  event_date: EventDate,
  laptop: Laptop,
  /** Volunteer and staff accounts to carry (they sign in at the event with their own password or PIN). */
  account_ids: z.array(Id).max(50).default([]),
  lookup: Lookup.default({ kind: 'none' }),
});
export type MakePackInput = z.infer<typeof MakePackInput>;

export const PackInfo = z.object({
  pack_id: z.string(),
  event_name: z.string(),
  event_date: z.string(),
  laptop: z.string(),
  made_by: z.string(),
  made_at: z.string(),
  lookups: z.number().int(),
  lookup_fields: z.array(z.string()),
});
export type PackInfo = z.infer<typeof PackInfo>;

export const PackRow = z.object({
  pack_id: z.string(),
  event_name: z.string(),
  event_date: z.string(),
  laptop: z.string(),
  file_name: z.string(),
  file_present: z.boolean(),
  lookups: z.number().int(),
  made_by: z.string(),
  made_at: z.string(),
  status: z.enum(['made', 'merged', 'undone']),
  merged_at: z.string(),
  merged_by: z.string(),
  wiped_at: z.string(),
  queued_open: z.number().int(),
  changes_waiting: z.number().int(),
});
export type PackRow = z.infer<typeof PackRow>;

const AutoMerge = z.object({
  uid: z.string(),
  customer_id: z.number().int(),
  name: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
});

export const MergeSummary = z.object({
  pack_id: z.string(),
  event_name: z.string(),
  event_date: z.string(),
  laptop: z.string(),
  dry_run: z.boolean(),
  /** The stated score above which a new person is merged without asking anyone. */
  auto_threshold: z.number(),
  signups: z.number().int(),
  auto_merged: z.number().int(),
  created: z.number().int(),
  queued: z.number().int(),
  consents: z.number().int(),
  purchases: z.number().int(),
  changes_applied: z.number().int(),
  changes_waiting: z.number().int(),
  /** Looked-up people erased from this file since the pack was made: nothing of theirs is brought back. */
  erased_skipped: z.number().int(),
  rejected: z.array(z.object({ uid: z.string(), message: z.string() })),
  auto: z.array(AutoMerge),
});
export type MergeSummary = z.infer<typeof MergeSummary>;

const Side = z.object({ id: z.number().int(), version: z.number().int(), ref: z.string(), name: z.string() });

export const QueuedPair = z.object({
  id: z.number().int(),
  pack_id: z.string(),
  event_name: z.string(),
  uid: z.string(),
  created: Side.nullable(),
  candidate: Side.nullable(),
  score: z.number(),
  reasons: z.array(z.string()),
  /** open: waiting for a person; merged or dismissed in the duplicate review; gone: a record no longer exists. */
  status: z.enum(['open', 'merged', 'dismissed', 'gone']),
});
export type QueuedPair = z.infer<typeof QueuedPair>;

export const PackChange = z.object({
  id: z.number().int(),
  pack_id: z.string(),
  event_name: z.string(),
  customer_id: z.number().int(),
  name: z.string(),
  field: z.string(),
  replaced: z.string(),
  value: z.string(),
  current: z.string(),
  status: z.enum(['applied', 'waiting', 'accepted', 'rejected']),
});
export type PackChange = z.infer<typeof PackChange>;

const PackId = z.string().regex(/^[0-9a-f]{32}$/, 'That is not a pack id.');

export const packs = {
  'packs.make': {
    input: MakePackInput,
    output: z.object({
      pack_id: z.string(),
      file_name: z.string(),
      lookups: z.number().int(),
      accounts: z.number().int(),
      bytes: z.number().int(),
    }),
    roles: OWNER,
  },
  'packs.list': {
    input: z.object({}),
    output: z.object({ packs: z.array(PackRow), folder: z.string() }),
    roles: MANAGERS,
  },
  'packs.merge': {
    input: z.object({ file_name: FileName, passphrase: Passphrase, dry_run: z.boolean().default(false) }),
    output: MergeSummary,
    roles: MANAGERS,
  },
  'packs.queue': {
    input: z.object({ pack_id: PackId.optional() }),
    output: z.object({ pairs: z.array(QueuedPair) }),
    roles: MANAGERS,
  },
  'packs.changes': {
    input: z.object({ pack_id: PackId.optional() }),
    output: z.object({ changes: z.array(PackChange) }),
    roles: MANAGERS,
  },
  'packs.decide': {
    input: z.object({ change_id: Id, apply: z.boolean() }),
    output: PackChange,
    roles: MANAGERS,
  },
  'packs.undo': {
    input: z.object({ pack_id: PackId }),
    output: z.object({
      removed: z.number().int(),
      restored: z.number().int(),
      kept: z.number().int(),
      consents: z.number().int(),
      unmerged: z.number().int(),
    }),
    roles: MANAGERS,
  },
  'packs.wipe': {
    input: z.object({ pack_id: PackId }),
    output: z.object({ wiped: z.boolean() }),
    roles: MANAGERS,
  },
  /** The pack this file is, in event mode; null for the main file. */
  'packs.current': { input: z.object({}), output: PackInfo.nullable(), roles: ANY_SIGNED_IN },
} as const;
