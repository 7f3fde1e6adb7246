// Taking customer information out: CSV (formula cells made inert), XLSX (inline strings), vCard
// 4.0 or JSON, with the fields chosen, for everyone or a selection. Every export states its
// purpose: keeping our records (the owner only) or contacting people on one channel (only those
// who may be contacted that way today, the rest counted by reason). Each export is audited with
// its purpose, field list and row count.
import { z } from 'zod';
import { CUSTOMER_COLUMNS } from '../columns';
import { CHANNEL_NAMES, type ConsentChannel, NOT_CONTACTABLE } from '../consent';
import { MANAGERS } from './roles';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'vcf', 'json'] as const;
/** One call returns at most this many records (page with `after_id` for more). */
export const MAX_EXPORT_ROWS = 200_000;

export const EXPORT_PURPOSES = ['records', 'contact:email', 'contact:sms', 'contact:phone', 'contact:post'] as const;
export type ExportPurpose = (typeof EXPORT_PURPOSES)[number];
export const EXPORT_PURPOSE_LABELS: Record<ExportPurpose, string> = {
  records: 'Keeping our records (owner only)',
  'contact:email': `Contacting people by ${CHANNEL_NAMES.email}`,
  'contact:sms': `Contacting people by ${CHANNEL_NAMES.sms}`,
  'contact:phone': `Contacting people by ${CHANNEL_NAMES.phone}`,
  'contact:post': `Contacting people by ${CHANNEL_NAMES.post}`,
};
/** The channel a purpose contacts people on; null for keeping records. */
export function purposeChannel(purpose: ExportPurpose): ConsentChannel | null {
  return purpose === 'records' ? null : (purpose.slice('contact:'.length) as ConsentChannel);
}
const PURPOSE_MESSAGE = `Say what the export is for: ${EXPORT_PURPOSES.join(', ')}.`;

export const exporting = {
  'exports.run': {
    input: z.object({
      purpose: z.enum(EXPORT_PURPOSES, PURPOSE_MESSAGE),
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
      /** Keeping records only: contacting never includes archived records. */
      include_archived: z.boolean().default(false),
      /** For 'all': continue after this customer id (the previous call's `next_after_id`). */
      after_id: z.number().int().min(0).default(0),
    }),
    output: z.object({
      filename: z.string(),
      mime: z.string(),
      content_base64: z.string(),
      rows: z.number().int(),
      /** Records this call passed over, by reason (only reasons with someone in them); sum them over pages. */
      left_out: z.array(z.object({ reason: z.enum(NOT_CONTACTABLE), count: z.number().int().positive() })),
      /** More records follow: call again with this `after_id`. */
      next_after_id: z.number().int().nullable(),
    }),
    /** 'records' is the owner's alone: the core refuses it to a manager. */
    roles: MANAGERS,
  },
} as const;
