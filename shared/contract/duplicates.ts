// Keeping the records accurate: likely duplicates across the whole file (the review queue), the
// warning at the counter while a new record is typed, "not duplicates" remembered, and merging
// two records of one person or a group of them (and undoing it), the scan in steps with progress.
import { z } from 'zod';
import { Customer, CustomerInput } from '../customer';
import { MERGE_FIELDS, MergeChoice } from '../merge';
import { CAN_EDIT, CAN_READ, MANAGERS, type Role } from './roles';

const Id = z.number().int().positive();
/** The most records one group merge takes (a larger group is a shared contact, not one person). */
const MAX_GROUP_MERGE = 10;

/** Everyone who can add a record is warned before saving a likely duplicate. */
const CAN_ADD: readonly Role[] = ['owner', 'manager', 'staff', 'volunteer'];

const DuplicateSide = z.object({ id: z.number().int(), ref: z.string(), name: z.string() });

export const DuplicatePair = z.object({
  a: DuplicateSide,
  b: DuplicateSide,
  /** 0–1; 0.5 is the decision threshold, so every reported pair is above it. */
  score: z.number(),
  /** Why, in plain words: what agrees and what differs. */
  reasons: z.array(z.string()),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

const LargeGroup = z.object({ kind: z.string(), description: z.string(), size: z.number().int() });

const DuplicateMatch = z.object({
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
  /** The group merge this was part of (undone together), or null for a merge of two records. */
  group_id: z.number().int().nullable(),
});
export type MergeRecord = z.infer<typeof MergeRecord>;

/** Records linked by reported pairs (a, b and c when a–b and b–c are pairs): merged in one step. */
const DuplicateGroup = z.object({
  members: z.array(DuplicateSide),
  /** The strongest pair score inside the group. */
  score: z.number(),
});

const ScanInput = z.object({
  /** The strongest pairs returned; every pair above the threshold is still counted in `total`. */
  limit: z.number().int().min(1).max(10_000).default(500),
  include_archived: z.boolean().default(false),
});

export const ScanOutput = z.object({
  pairs: z.array(DuplicatePair),
  /** The pairs linked into groups of three or more (a pair alone is not listed here). */
  groups: z.array(DuplicateGroup),
  total: z.number().int(),
  capped: z.boolean(),
  customers: z.number().int(),
  compared: z.number().int(),
  /** Blocks too large to compare all-against-all (a shared office email): said, not hidden. */
  large_groups: z.array(LargeGroup),
  seconds: z.number(),
});
export type ScanOutput = z.infer<typeof ScanOutput>;

const ScanId = z.string().min(1).max(64);

/** A stepwise scan's progress; `result` once finished. */
export const ScanProgress = z.object({
  scan_id: ScanId,
  /** What it is doing, in words ("Reading records", "Comparing likely pairs", …). */
  phase: z.string(),
  /** 0–1 over the whole scan. */
  fraction: z.number(),
  finished: z.boolean(),
  cancelled: z.boolean(),
  result: ScanOutput.nullable(),
});
export type ScanProgress = z.infer<typeof ScanProgress>;

export const duplicates = {
  'duplicates.scan': { input: ScanInput, output: ScanOutput, roles: MANAGERS },
  // The same scan in steps, for a window: scanStart, then scanStep until finished (each step runs
  // for a fraction of a second and says how far it got), or scanCancel to stop it.
  'duplicates.scanStart': { input: ScanInput, output: ScanProgress, roles: MANAGERS },
  'duplicates.scanStep': { input: z.object({ scan_id: ScanId }), output: ScanProgress, roles: MANAGERS },
  'duplicates.scanCancel': { input: z.object({ scan_id: ScanId }), output: ScanProgress, roles: MANAGERS },
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
  // Three or more records of one person (a group of the review) into one, in one step: each
  // field takes the value of the member chosen for it (notes may keep 'all'); emails, phones and
  // addresses are joined. `members` carries the versions the person saw, the survivor among them:
  // a member edited meanwhile refuses the whole merge. Undone in one step by duplicates.unmerge.
  'duplicates.mergeGroup': {
    input: z
      .object({
        keep_id: Id,
        members: z
          .array(z.object({ id: Id, version: z.number().int() }))
          .min(2, 'A merge needs at least two records.')
          .max(MAX_GROUP_MERGE, `At most ${MAX_GROUP_MERGE} records can be merged in one step.`),
        choices: z.partialRecord(z.enum(MERGE_FIELDS), z.union([Id, z.literal('all')])).default({}),
      })
      .refine((m) => new Set(m.members.map((x) => x.id)).size === m.members.length, {
        message: 'A record is listed twice in this group.',
        path: ['members'],
      })
      .refine((m) => m.members.some((x) => x.id === m.keep_id), {
        message: 'The record to keep must be one of the group.',
        path: ['keep_id'],
      }),
    output: z.object({ merge_id: z.number().int(), merged: z.number().int(), customer: Customer }),
    roles: MANAGERS,
  },
  // Takes back a merge; for a group merge, every record of the group (any of its merge ids).
  'duplicates.unmerge': {
    input: z.object({ merge_id: Id }),
    output: z.object({ kept: Customer, restored: Customer, restored_ids: z.array(z.number().int()) }),
    roles: MANAGERS,
  },
  'duplicates.history': {
    input: z.object({ customer_id: Id }),
    output: z.array(MergeRecord),
    roles: CAN_READ,
  },
} as const;
