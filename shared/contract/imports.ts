// Bringing customer information in: preview a file (CSV, XLSX or vCard) with a suggested column
// mapping, then run the import as a job the renderer steps through (progress and cancel), then
// undo or confirm the batch.
//
// Flow for a window: imports.preview → (adjust mapping → imports.preview again, same file) →
// imports.start → imports.step until `finished` → imports.undo or imports.confirm.
// [Note: the command line reads files from a path through the same service functions
// (electron/core/imports/imports.service.ts); a path is never accepted through this contract.]
import { z } from 'zod';
import { CUSTOMER_COLUMNS } from '../columns';
import { FIELD_LABELS, IMPORT_ONLY_FIELDS } from '../fields';
import { MANAGERS } from './roles';

/**
 * What a column of the file can be mapped to: the canonical columns, then a few common extras
 * (the built-in fields only an import takes come from the catalogue, shared/fields.ts).
 */
export const IMPORT_TARGETS = [
  ...CUSTOMER_COLUMNS,
  'full_name', // "Ann Smith" or "Smith, Ann": split into given and family name
  ...IMPORT_ONLY_FIELDS,
  'email_2',
  'phone_2',
] as const;
export const ImportTarget = z.enum(IMPORT_TARGETS);
export type ImportTarget = z.infer<typeof ImportTarget>;

export const TARGET_LABELS: Record<ImportTarget, string> = {
  ...FIELD_LABELS,
  full_name: 'Full name (split into given and family name)',
  email_2: 'Second email',
  phone_2: 'Second phone',
};

/** A field defined in the register (custom or profile), as an import target: `field:<key>`. */
export const FIELD_TARGET_PREFIX = 'field:';
const FieldTarget = z.custom<`field:${string}`>(
  (v) => typeof v === 'string' && /^field:[a-z0-9_]{1,64}$/.test(v),
  'Not a field of the register.',
);
export const MappingTarget = z.union([ImportTarget, FieldTarget]);
export type MappingTarget = z.infer<typeof MappingTarget>;
export const fieldKeyOf = (target: MappingTarget | null): string | null =>
  target?.startsWith(FIELD_TARGET_PREFIX) ? target.slice(FIELD_TARGET_PREFIX.length) : null;

/** The most columns a file to import may have (one mapping entry each). */
export const MAX_IMPORT_COLUMNS = 500;
/** One entry per column of the file, in file order; `target: null` leaves the column out. */
export const Mapping = z.array(MappingTarget.nullable()).max(MAX_IMPORT_COLUMNS);
export type Mapping = z.infer<typeof Mapping>;

export const ON_MATCH = ['update-empty', 'overwrite', 'skip', 'create'] as const;
export const OnMatch = z.enum(ON_MATCH);
export type OnMatch = z.infer<typeof OnMatch>;

const IMPORT_MODES = ['valid-rows', 'all-or-nothing'] as const;
export const ImportMode = z.enum(IMPORT_MODES);

/** Files from a window travel as base64; larger files go through the command line. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const Base64 = z
  .string()
  .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4, 'The file is larger than 50 MB: import it with the command line.')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64.');

export const SourceName = z.string().trim().min(1, 'Name the source of this file.').max(60);
const ImportId = z.number().int().positive();
const PreviewId = z.string().min(1).max(64);

export const ImportRowError = z.object({
  /** The row as the file numbers it (the header is row 1; for vCard, the card's number). */
  row: z.number().int(),
  /** The column header in the file, or the field when no single column is to blame. */
  column: z.string(),
  message: z.string(),
});

const ColumnSuggestion = z.object({
  header: z.string(),
  target: MappingTarget.nullable(),
  /** Why: a canonical header, a saved template, a known header name, or what the values look like. */
  reason: z.enum(['canonical', 'template', 'header', 'values', 'none']),
  samples: z.array(z.string()),
});

/**
 * A record a row probably describes, by the duplicate review's scoring (electron/core/duplicates),
 * with why in words. The import does not act on it unless that row is given an action naming it
 * (`row_actions[].customer_id`): by default such a row creates a new record, as before.
 */
const ProbableCandidate = z.object({
  id: z.number().int(),
  ref: z.string(),
  name: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
});
/** A row as it will be stored after normalisation. */
const PreviewRow = z.object({
  row: z.number().int(),
  ref: z.string(),
  title: z.string(),
  given_name: z.string(),
  family_name: z.string(),
  preferred_name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  address: z.string(),
  date_of_birth: z.string(),
  notes: z.string(),
  /** Values for fields of the register (custom and profile), in words. */
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  /**
   * What this row matches, and how: an existing record (id), or an earlier row of this same file
   * (row), which the import will have written by then; null for a new record.
   */
  match: z
    .object({
      id: z.number().int().nullable(),
      row: z.number().int().nullable(),
      by: z.enum(['ref', 'email', 'phone']),
    })
    .nullable(),
  /** An existing record this row is probably (not certainly) the same person as; see ProbableMatch. */
  probable: ProbableCandidate.nullable(),
});

export const ProbableMatch = z.object({
  row: z.number().int(),
  /** The row's name, email, phone and postcode as they would be stored, to compare with the record. */
  name: z.string(),
  details: z.string(),
  candidate: ProbableCandidate,
});
export type ProbableMatch = z.infer<typeof ProbableMatch>;
/** The most probable matches a preview lists (all are counted). */
export const PROBABLE_SHOWN = 200;

const Counts = {
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  matched: z.number().int(),
};

const ImportStatus = z.enum(['running', 'finished', 'failed', 'cancelled', 'undone', 'confirmed']);

const ImportBatch = z.object({
  id: z.number().int(),
  source: z.string(),
  file_name: z.string(),
  format: z.string(),
  mapping: z.array(z.object({ header: z.string(), target: MappingTarget.nullable() })),
  on_match: OnMatch,
  mode: ImportMode,
  status: ImportStatus,
  ...Counts,
  message: z.string(),
  by: z.string(),
  started_at: z.string(),
  finished_at: z.string(),
  closed_at: z.string(),
});

/** A batch of purchases and bookings (purchases/purchases-import.ts) is stored as format "csv-purchases" or "xlsx-purchases". */
export const purchasesFormat = (fileFormat: string) => `${fileFormat}-purchases`;
export const isPurchasesBatch = (b: { format: string }) => b.format.endsWith('-purchases');

const Progress = z.object({
  import_id: z.number().int(),
  status: ImportStatus,
  /** Rows read so far, and the total (known from the preview, else estimated from the bytes read). */
  done: z.number().int(),
  total: z.number().int(),
  ...Counts,
  rows_per_s: z.number(),
  eta_s: z.number(),
  finished: z.boolean(),
  /** Why it failed or was cancelled, in plain words; empty otherwise. */
  message: z.string(),
  errors_total: z.number().int(),
});

/** A file sent from a window. */
export const UploadedFile = z.object({ filename: z.string().trim().min(1).max(255), content_base64: Base64 });

export const imports = {
  // Reads the whole file (nothing is written): the mapping suggested (or the template or mapping
  // given), the first rows as they would be stored, every error, and how many rows match records.
  'imports.preview': {
    input: UploadedFile.extend({
      source: SourceName.optional(),
      /** A mapping to use instead of the suggestion (one entry per column of the file). */
      mapping: Mapping.optional(),
      /** A saved template to use by name (otherwise one saved for the same header set is used). */
      template: z.string().trim().min(1).max(60).optional(),
      sample_rows: z.number().int().min(1).max(200).default(20),
    }),
    output: z.object({
      preview_id: PreviewId,
      format: z.enum(['csv', 'xlsx', 'vcard']),
      encoding: z.string(),
      delimiter: z.string(),
      columns: z.array(ColumnSuggestion),
      mapping: Mapping,
      template: z.string().nullable(),
      rows: z.number().int(),
      valid_rows: z.number().int(),
      error_rows: z.number().int(),
      sample: z.array(PreviewRow),
      /** The first 500 errors; all of them (up to 10,000) come from imports.errorReport. */
      errors: z.array(ImportRowError),
      errors_total: z.number().int(),
      /** Rows the import will match instead of creating (its `matched`): existing records or earlier rows. */
      matches: z.object({
        total: z.number().int(),
        /** Of those, rows matching an earlier row of this same file. */
        in_file: z.number().int(),
        by_ref: z.number().int(),
        by_email: z.number().int(),
        by_phone: z.number().int(),
        /** Rows with no exact match that are probably an existing customer (not counted in total). */
        probable: z.number().int(),
      }),
      /** The first PROBABLE_SHOWN of those rows, in file order, with the record and the reasons. */
      probable: z.array(ProbableMatch),
      /** Set when the file could not be read to the end (the rows before the problem are counted). */
      stopped: z.string(),
    }),
    roles: MANAGERS,
  },
  // The errors of a preview or an import as a CSV file (row, column, message, value); card
  // numbers in values are masked.
  'imports.errorReport': {
    input: z.union([z.object({ preview_id: PreviewId }), z.object({ import_id: ImportId })]),
    output: z.object({ filename: z.string(), content_base64: z.string(), errors: z.number().int() }),
    roles: MANAGERS,
  },
  'imports.start': {
    input: z.object({
      preview_id: PreviewId,
      source: SourceName,
      mapping: Mapping,
      on_match: OnMatch,
      /** Per-row exceptions to `on_match`, by row number. */
      row_actions: z
        .array(
          z.object({
            row: z.number().int(),
            on_match: OnMatch,
            /** For a probable match: the record the preview named, which the action applies to. */
            customer_id: z.number().int().positive().optional(),
          }),
        )
        .max(10_000)
        .default([]),
      mode: ImportMode.default('valid-rows'),
      /** Save the mapping as a named template for this source (reused for the same headers). */
      save_template: z.string().trim().min(1).max(60).optional(),
    }),
    output: z.object({ import_id: ImportId, total: z.number().int() }),
    roles: MANAGERS,
  },
  // Imports the next chunk of rows (one transaction) and says how far it got: call until finished.
  'imports.step': { input: z.object({ import_id: ImportId }), output: Progress, roles: MANAGERS },
  // Stops a running import and takes back everything it wrote (created records removed, updated ones restored).
  'imports.cancel': { input: z.object({ import_id: ImportId }), output: Progress, roles: MANAGERS },
  // Takes back a finished batch as a whole, until it is confirmed. Records edited since the import
  // are left as they are and counted in `kept`.
  'imports.undo': {
    input: z.object({ import_id: ImportId }),
    output: z.object({
      import_id: ImportId,
      removed: z.number().int(),
      restored: z.number().int(),
      kept: z.number().int(),
    }),
    roles: MANAGERS,
  },
  // Makes a batch permanent: the before-images kept for undo are deleted.
  'imports.confirm': { input: z.object({ import_id: ImportId }), output: ImportBatch, roles: MANAGERS },
  'imports.list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }),
    output: z.array(ImportBatch),
    roles: MANAGERS,
  },
  'imports.templates': {
    input: z.object({ source: z.string().max(60).optional() }),
    output: z.array(
      z.object({
        name: z.string(),
        source: z.string(),
        mapping: z.array(z.object({ header: z.string(), target: MappingTarget.nullable() })),
        updated_at: z.string(),
      }),
    ),
    roles: MANAGERS,
  },
  'imports.saveTemplate': {
    input: z.object({
      name: z.string().trim().min(1).max(60),
      source: SourceName,
      headers: z.array(z.string().max(200)).min(1).max(500),
      mapping: Mapping,
    }),
    output: z.object({ name: z.string() }),
    roles: MANAGERS,
  },
} as const;
