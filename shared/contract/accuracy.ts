// Acting on accuracy: merging two records of one person (and undoing it), "verified with the
// customer today" and the verification worklist, and the review of records kept past their
// purpose with their deletion for real.
import { z } from 'zod';
import { Customer } from '../customer';
import { MERGE_FIELDS, MergeChoice } from '../merge';
import { CAN_EDIT, CAN_READ, MANAGERS } from './roles';

const Id = z.number().int().positive();
/** The most records one group merge takes (a larger group is a shared contact, not one person). */
export const MAX_GROUP_MERGE = 10;

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

export const RETENTION_RULES = ['erasure_requested', 'archived', 'inactive'] as const;
export const RetentionRule = z.enum(RETENTION_RULES);
export type RetentionRule = z.infer<typeof RetentionRule>;

export const RedundantRecord = z.object({
  id: z.number().int(),
  ref: z.string(),
  name: z.string(),
  rule: RetentionRule,
  /** The reason in words, with the dates that make it apply. */
  reason: z.string(),
  /** When the record was last active (shared/activity.ts), and what that was in words. */
  last_activity: z.string(),
  /** "last purchase 3 Dec 2023" */
  activity: z.string(),
  /** The erasure request this deletion fulfils, if any. */
  request_id: z.number().int().nullable(),
  /** Why it cannot be deleted yet (an open request), or ''. */
  blocked: z.string(),
});
export type RedundantRecord = z.infer<typeof RedundantRecord>;

/** One value held past its field's retention (the register's retention_months), from when it was collected. */
export const ExpiredValue = z.object({
  customer_id: z.number().int(),
  ref: z.string(),
  name: z.string(),
  /** The register key and its label. */
  field: z.string(),
  label: z.string(),
  /** When the value was collected (its provenance, or the record's creation). */
  collected_at: z.string(),
  retention_months: z.number().int(),
  /** The reason in words, with the dates that make it apply. */
  reason: z.string(),
  /** Why it cannot be erased yet (an open request), or ''. */
  blocked: z.string(),
});
export type ExpiredValue = z.infer<typeof ExpiredValue>;

const ValueRef = z.object({ customer_id: Id, field: z.string().min(1).max(64) });

export const StaleRecord = z.object({
  id: z.number().int(),
  ref: z.string(),
  name: z.string(),
  verified_at: z.string(),
  updated_at: z.string(),
});

export const accuracy = {
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
  'customers.verify': { input: z.object({ id: Id }), output: Customer, roles: CAN_EDIT },
  'quality.staleList': {
    input: z.object({
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({
      items: z.array(StaleRecord),
      total: z.number().int(),
      /** Verified before this moment means stale (from the stale_after_months setting). */
      cutoff: z.string(),
      months: z.number().int(),
    }),
    roles: MANAGERS,
  },
  'retention.review': {
    input: z.object({ limit: z.number().int().min(1).max(10_000).default(500) }),
    output: z.object({
      items: z.array(RedundantRecord),
      total: z.number().int(),
      years: z.number().int(),
      /** Values held past their field's retention (up to `limit`, oldest collected first). */
      values: z.array(ExpiredValue),
      /** More values are past their retention than listed: erase these and review again. */
      values_capped: z.boolean(),
    }),
    roles: MANAGERS,
  },
  'retention.erase': {
    input: z.object({
      ids: z.array(Id).min(1, 'Choose at least one record.').max(10_000),
      reason: z.string().trim().min(1, 'Say why these records are being erased.').max(200),
    }),
    output: z.object({
      erased: z.array(z.object({ id: z.number().int(), rule: RetentionRule })),
      failed: z.array(z.object({ id: z.number().int(), message: z.string() })),
      /** Erased so far, per rule, over the file's life: the only trace that survives. */
      totals: z.record(z.string(), z.number().int()),
    }),
    roles: MANAGERS,
  },
  // Values past their field's retention, erased for real while the rest of each record stays;
  // each is checked against its retention again, and one refusal never stops the others.
  'retention.eraseValues': {
    input: z.object({
      values: z.array(ValueRef).min(1, 'Choose at least one value.').max(10_000),
      reason: z.string().trim().min(1, 'Say why these values are being erased.').max(200),
    }),
    output: z.object({
      erased: z.array(z.object({ customer_id: z.number().int(), field: z.string() })),
      failed: z.array(z.object({ customer_id: z.number().int(), field: z.string(), message: z.string() })),
    }),
    roles: MANAGERS,
  },
} as const;
