// How good the file is as a whole: the verification worklist (records nobody has confirmed for
// too long) and the completeness of each built-in field across every record.
import { z } from 'zod';
import { MANAGERS } from './roles';

const StaleRecord = z.object({
  id: z.number().int(),
  ref: z.string(),
  name: z.string(),
  verified_at: z.string(),
  updated_at: z.string(),
});

const Completeness = z.object({
  records: z.number().int(),
  fields: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      filled: z.number().int(),
      percent: z.number(),
      /** The register's priority, so the table can point at the must-haves. */
      priority: z.enum(['must_have', 'nice_to_know', 'not_collected']).optional(),
    }),
  ),
});

export const quality = {
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
  'quality.completeness': { input: z.object({}), output: Completeness, roles: MANAGERS },
} as const;
