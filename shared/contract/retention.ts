// Records and values kept past their purpose: the review, and their deletion for real.
import { z } from 'zod';
import { MANAGERS } from './roles';

const Id = z.number().int().positive();

const RETENTION_RULES = ['erasure_requested', 'archived', 'inactive'] as const;
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

export const retention = {
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
