// Keeping the records accurate: likely duplicates across the whole file (the review queue), the
// warning at the counter while a new record is typed, and "not duplicates" remembered.
import { z } from 'zod';
import { CustomerInput } from '../customer';
import { CAN_EDIT, MANAGERS, type Role } from './roles';

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

/** Records linked by reported pairs (a, b and c when a–b and b–c are pairs): merged in one step. */
export const DuplicateGroup = z.object({
  members: z.array(DuplicateSide),
  /** The strongest pair score inside the group. */
  score: z.number(),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

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

export const quality = {
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
} as const;
