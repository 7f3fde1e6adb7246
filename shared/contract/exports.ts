// Taking customer information out: CSV (formula cells made inert), XLSX (inline strings), vCard
// 4.0 or JSON, with the fields chosen, for everyone or a selection. Each export is audited with
// its field list and row count.
import { z } from 'zod';
import { CUSTOMER_COLUMNS } from '../columns';
import { MANAGERS } from './roles';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'vcf', 'json'] as const;
/** One call returns at most this many records (page with `after_id` for more). */
export const MAX_EXPORT_ROWS = 200_000;

export const exporting = {
  'exports.run': {
    input: z.object({
      format: z.enum(EXPORT_FORMATS),
      fields: z
        .array(z.enum(CUSTOMER_COLUMNS))
        .min(1, 'Choose at least one field to export: an export with no fields would be empty.')
        .max(CUSTOMER_COLUMNS.length),
      selection: z.union([
        z.literal('all'),
        z.object({ ids: z.array(z.number().int().positive()).min(1).max(MAX_EXPORT_ROWS) }),
      ]),
      /** Fields defined in the register (custom and profile), by key: columns after `fields` (not in vCards). */
      register_fields: z.array(z.string().max(64)).max(200).default([]),
      include_archived: z.boolean().default(false),
      /** For 'all': continue after this customer id (the previous call's `next_after_id`). */
      after_id: z.number().int().min(0).default(0),
    }),
    output: z.object({
      filename: z.string(),
      mime: z.string(),
      content_base64: z.string(),
      rows: z.number().int(),
      /** More records follow: call again with this `after_id`. */
      next_after_id: z.number().int().nullable(),
    }),
    roles: MANAGERS,
  },
} as const;
