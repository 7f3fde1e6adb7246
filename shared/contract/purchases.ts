// Purchases and bookings on the record, the buying summary drawn from them, and purchases
// imported from a till or ticketing export.
import { z } from 'zod';
import { BuyingSummary, Purchase, PurchaseInput } from '../purchases';
import { ImportMode, ImportRowError, SourceName, UploadedFile } from './imports';
import { CAN_EDIT, CAN_READ, MANAGERS } from './roles';

const Id = z.number().int().positive();
const ByCustomer = z.object({ customer_id: Id, limit: z.number().int().min(1).max(500).default(50) });

export const purchases = {
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
  'purchases.summary': { input: z.object({ id: Id }), output: BuyingSummary, roles: CAN_READ },
} as const;
