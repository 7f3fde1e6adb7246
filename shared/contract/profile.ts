// The full customer profile: consent as evidence, purchases and interactions, the buying
// summary, and the database-wide completeness table.
import { z } from 'zod';
import { ConsentEventInput, ConsentHistory, ConsentWording, DoNotContactInput, WordingInput } from '../consent';
import { BuyingSummary, Interaction, InteractionInput, Purchase, PurchaseInput } from '../purchases';
import { ImportMode, ImportRowError, SourceName, UploadedFile } from './imports';
import { ANY_SIGNED_IN, CAN_EDIT, CAN_READ, MANAGERS, OWNER } from './roles';

const Id = z.number().int().positive();
const ByCustomer = z.object({ customer_id: Id, limit: z.number().int().min(1).max(500).default(50) });

export const Completeness = z.object({
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

export const profile = {
  'consent.record': { input: ConsentEventInput, output: ConsentHistory, roles: CAN_EDIT },
  'consent.history': { input: z.object({ customer_id: Id }), output: ConsentHistory, roles: CAN_READ },
  // Anyone at the desk must be able to honour "never contact me again".
  'consent.setDoNotContact': { input: DoNotContactInput, output: ConsentHistory, roles: CAN_EDIT },
  // Volunteers sign people up with consent, so they read the wording too.
  'consent.wording.get': { input: z.object({}), output: ConsentWording, roles: ANY_SIGNED_IN },
  'consent.wording.set': { input: WordingInput, output: ConsentWording, roles: OWNER },
  'purchases.add': { input: PurchaseInput, output: Purchase, roles: CAN_EDIT },
  'purchases.list': { input: ByCustomer, output: z.array(Purchase), roles: CAN_READ },
  // Purchases and bookings from a till or ticketing export (CSV or XLSX), matched to existing
  // customers; a dry run first, then one import batch that imports.undo takes back whole.
  'purchases.import': {
    input: UploadedFile.extend({
      source: SourceName,
      dry_run: z.boolean().default(true),
      mode: ImportMode.default('all-or-nothing'),
    }),
    output: z.object({
      /** The batch written; null for a dry run or when nothing was written. */
      import_id: z.number().int().nullable(),
      rows: z.number().int(),
      valid_rows: z.number().int(),
      error_rows: z.number().int(),
      added: z.number().int(),
      customers: z.number().int(),
      total_pence: z.number().int(),
      refunds: z.number().int(),
      unknown_columns: z.array(z.string()),
      sample: z.array(PurchaseInput.extend({ row: z.number().int() })),
      errors: z.array(ImportRowError),
      errors_total: z.number().int(),
    }),
    roles: MANAGERS,
  },
  'interactions.add': { input: InteractionInput, output: Interaction, roles: CAN_EDIT },
  'interactions.list': { input: ByCustomer, output: z.array(Interaction), roles: CAN_READ },
  'customers.summary': { input: z.object({ id: Id }), output: BuyingSummary, roles: CAN_READ },
  'quality.completeness': { input: z.object({}), output: Completeness, roles: MANAGERS },
} as const;
