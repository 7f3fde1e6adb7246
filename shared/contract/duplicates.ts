// Keeping the records accurate: likely duplicates across the whole file (the review queue), the
// warning at the counter while a new record is typed, "not duplicates" remembered, and merging
// two records of one person (and undoing it).
import { z } from 'zod';
import { Customer, CustomerInput } from '../customer';
import { MERGE_FIELDS, MergeChoice } from '../merge';
import { CAN_EDIT, CAN_READ, MANAGERS, type Role } from './roles';

const Id = z.number().int().positive();

/** Everyone who can add a record is warned before saving a likely duplicate. */
const CAN_ADD: readonly Role[] = ['owner', 'manager', 'staff', 'volunteer'];

export const DuplicateSide = z.object({ id: z.number().int(), ref: z.string(), name: z.string() });

export const DuplicatePair = z.object({
  a: DuplicateSide,
  b: DuplicateSide,
  /** 0–1; 0.5 is the decision threshold, so every reported pair is above it. */
  score: z.number(),
  /** Why, in plain words: what agrees and what differs. */
  reasons: z.array(z.string()),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const LargeGroup = z.object({ kind: z.string(), description: z.string(), size: z.number().int() });

export const DuplicateMatch = z.object({
  id: z.number().int(),
  ref: z.string(),
  name: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
});

export const MergeRecord = z.object({
  id: z.number().int(),
  kept_id: z.number().int(),
  merged_id: z.number().int(),
  /** The merged-away record's name and number as they were (it no longer exists on its own). */
  merged_name: z.string(),
  merged_ref: z.string(),
  kept_name: z.string(),
  merged_at: z.string(),
  merged_by: z.string(),
  undone_at: z.string(),
  undone_by: z.string(),
  /** Why undo is not possible now (already undone, the kept record changed since), or ''. */
  blocked: z.string(),
});
export type MergeRecord = z.infer<typeof MergeRecord>;

export const duplicates = {
  'duplicates.scan': {
    input: z.object({
      /** The strongest pairs returned; every pair above the threshold is still counted in `total`. */
      limit: z.number().int().min(1).max(10_000).default(500),
      include_archived: z.boolean().default(false),
    }),
    output: z.object({
      pairs: z.array(DuplicatePair),
      total: z.number().int(),
      capped: z.boolean(),
      customers: z.number().int(),
      compared: z.number().int(),
      /** Blocks too large to compare all-against-all (a shared office email): said, not hidden. */
      large_groups: z.array(LargeGroup),
      seconds: z.number(),
    }),
    roles: MANAGERS,
  },
  'duplicates.check': {
    // The draft as the form holds it, while typing: nothing is required yet, but what is there
    // must be valid (the same rules as saving), so the lookups use normalised values.
    input: z.object({ draft: CustomerInput, exclude_id: Id.optional() }),
    output: z.object({
      /** Likely existing records; empty for volunteers, who see only `similar`. */
      matches: z.array(DuplicateMatch),
      /** How many likely matches exist (volunteers get this and nothing about who they are). */
      similar: z.number().int(),
      message: z.string(),
    }),
    roles: CAN_ADD,
  },
  'duplicates.dismiss': {
    input: z
      .object({ a: Id, b: Id })
      .refine((p) => p.a !== p.b, { message: 'A record cannot be a duplicate of itself.', path: ['b'] }),
    output: z.object({ dismissed: z.boolean() }),
    roles: CAN_EDIT,
  },
  'duplicates.merge': {
    input: z
      .object({
        keep_id: Id,
        merge_id: Id,
        // The versions the person compared: a record edited meanwhile is refused, never merged blind.
        keep_version: z.number().int(),
        merge_version: z.number().int(),
        choices: z.partialRecord(z.enum(MERGE_FIELDS), MergeChoice).default({}),
      })
      .refine((m) => m.keep_id !== m.merge_id, {
        message: 'A record cannot be merged with itself.',
        path: ['merge_id'],
      }),
    output: z.object({ merge_id: z.number().int(), customer: Customer }),
    roles: MANAGERS,
  },
  'duplicates.unmerge': {
    input: z.object({ merge_id: Id }),
    output: z.object({ kept: Customer, restored: Customer }),
    roles: MANAGERS,
  },
  'duplicates.history': {
    input: z.object({ customer_id: Id }),
    output: z.array(MergeRecord),
    roles: CAN_READ,
  },
} as const;
