// The audit trail: reading it with filters, checking its chain, and the owner's warnings.
import { z } from 'zod';
import { AUDIT_KINDS } from '../audit-actions';
import { MANAGERS, OWNER } from './roles';

const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  user: z.string(),
  action: z.string(),
  /** The action in plain words ("Viewed a record"), from shared/audit-actions.ts. */
  label: z.string(),
  entity: z.string(),
  entity_id: z.number().int().nullable(),
  /** The customer the entry is about, by name ("erased customer" once erased); '' for none. */
  customer: z.string(),
  /** The stored details as JSON (for tests and checks); the screen shows `said`. */
  detail: z.string(),
  /** The stored details in words. */
  said: z.string(),
});

/** A calendar day as typed into a filter, YYYY-MM-DD, that exists. */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as day/month/year.')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'That date does not exist.');

const AuditFilter = z
  .object({
    before_seq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
    /** Entries about this id, whatever it names (a customer, an account, an import). */
    entity_id: z.number().int().optional(),
    /** Entries about this customer, including after they were erased or merged away. */
    customer_id: z.number().int().positive().optional(),
    /** Entries by this person (staff account). */
    user_id: z.number().int().positive().optional(),
    kind: z.enum(AUDIT_KINDS).optional(),
    /** From and to are whole days, both included, in this computer's time zone. */
    from: Day.optional(),
    to: Day.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'The first day is after the last day.',
    path: ['to'],
  });

export const audit = {
  'audit.list': {
    input: AuditFilter,
    output: z.array(AuditEntry),
    roles: MANAGERS,
  },
  'audit.verify': {
    input: z.object({}),
    output: z.object({ ok: z.boolean(), entries: z.number().int(), problem: z.string() }),
    roles: OWNER,
  },
  // Problems found when the file was opened (a log cut off, an older copy put back), kept until
  // the owner acknowledges them; acknowledging is itself an audit entry.
  'audit.warnings': { input: z.object({}), output: z.object({ warnings: z.array(z.string()) }), roles: OWNER },
  'audit.acknowledge': { input: z.object({}), output: z.object({ warnings: z.array(z.string()) }), roles: OWNER },
} as const;
