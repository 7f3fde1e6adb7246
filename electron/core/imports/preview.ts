// The preview: read the whole file without writing anything — the mapping (suggested, from a
// saved template, or given), the first rows as they would be stored, every error, how many rows
// match existing records or earlier rows of the same file (as the import will match them), and
// the rows that are probably an existing customer without matching one exactly (probable.ts).
import type { Output } from '../../../shared/contract';
import {
  type ImportTarget,
  type Mapping,
  type MappingTarget,
  PROBABLE_SHOWN,
  type ProbableMatch,
} from '../../../shared/contract/imports';
import { CoreError } from '../../../shared/contract/result';
import { CsvSyntaxError } from '../../../shared/csv';
import { type FieldDefinition, fieldText } from '../../../shared/custom-fields';
import type { CustomerData } from '../../../shared/customer';
import type { Context } from '../context';
import { findTemplate, type Template } from './imports.queries';
import { keepPreview, noteErrors } from './jobs';
import { checkMapping, headerSignature, type Suggestion, suggestMapping } from './mapping';
import { createFileMatcher, type PreviewMatch } from './matching';
import { createProbableFinder, type Probable, rowDetails } from './probable';
import { type RowError, readRow, shapeError } from './rows';
import { type FileInput, openTable, type TableRow } from './table';
import { importFields } from './values';

type PreviewOutput = Output<'imports.preview'>;
const SAMPLE_SCAN = 50;
const ERRORS_SHOWN = 500;

export type PreviewOptions = {
  source?: string;
  mapping?: Mapping;
  template?: string;
  sampleRows: number;
  /** false: read only the first rows (the command line imports straight after, in one pass). */
  scan?: boolean;
  /** false: do not look for probable matches (the command line's dry run counts exact ones only). */
  probable?: boolean;
};

/** A template's { header: target } as a mapping for these headers. */
function mappingFromTemplate(template: Pick<Template, 'mapping'>, headers: readonly string[]): Mapping {
  const byHeader = JSON.parse(template.mapping) as Record<string, MappingTarget | null>;
  return headers.map((h) => byHeader[h] ?? null);
}

function previewRow(
  row: number,
  d: CustomerData,
  match: PreviewMatch | null,
  probable: Probable | null,
  fields: readonly FieldDefinition[],
): PreviewOutput['sample'][number] {
  const a = d.addresses[0];
  return {
    row,
    ref: d.ref,
    title: d.title,
    given_name: d.given_name,
    family_name: d.family_name,
    preferred_name: d.preferred_name,
    emails: d.emails.map((e) => e.address),
    phones: d.phones.map((p) => p.number),
    address: a ? [a.line1, a.line2, a.town, a.region, a.postcode, a.country].filter(Boolean).join(', ') : '',
    date_of_birth: d.date_of_birth,
    notes: d.notes,
    fields: Object.entries(d.fields ?? {}).map(([key, value]) => ({
      label: fields.find((f) => f.key === key)?.label ?? key,
      value: fieldText(value),
    })),
    match,
    probable,
  };
}

function chooseMapping(
  ctx: Context,
  headers: string[],
  suggestions: Suggestion[],
  options: PreviewOptions,
): { mapping: Mapping; template: string | null } {
  if (options.mapping) return { mapping: options.mapping, template: null };
  const template = options.template
    ? findTemplate(ctx.db, { name: options.template })
    : findTemplate(ctx.db, { signature: headerSignature(headers), source: options.source });
  if (options.template && !template) {
    throw new CoreError('NOT_FOUND', `There is no saved mapping called "${options.template}".`);
  }
  if (template) {
    const mapping = mappingFromTemplate(template, headers);
    for (const s of suggestions) {
      s.target = mapping[suggestions.indexOf(s)] ?? null;
      s.reason = s.target ? 'template' : 'none';
    }
    return { mapping, template: template.name };
  }
  return { mapping: suggestions.map((s) => s.target), template: null };
}

export async function previewFile(ctx: Context, input: FileInput, options: PreviewOptions): Promise<PreviewOutput> {
  const table = await openTable(input);
  try {
    const headers = table.header;
    const fields = importFields(ctx.db);
    const head: TableRow[] = [];
    let broken: CsvSyntaxError | null = null;
    const next = async () => {
      try {
        const r = await table.rows.next();
        return r.done ? null : r.value;
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error;
        broken = error;
        return null;
      }
    };
    for (let r = await next(); r; r = head.length < SAMPLE_SCAN ? await next() : null) head.push(r);
    const columnSamples = headers.map((_, i) => head.map((r) => r.fields[i] ?? ''));
    // A vCard is read straight into the import fields: its columns are already named for them.
    const suggestions =
      table.format === 'vcard'
        ? headers.map((h, i) => ({
            header: h,
            target: h as ImportTarget,
            reason: 'canonical' as const,
            samples: (columnSamples[i] ?? []).filter(Boolean).slice(0, 3),
          }))
        : suggestMapping(headers, columnSamples, fields);
    const { mapping, template } = chooseMapping(ctx, headers, suggestions, options);
    const problem = checkMapping(mapping, headers.length, new Set(fields.map((f) => f.key)));
    if (problem && options.mapping)
      throw new CoreError('INVALID_INPUT', problem, [{ path: 'mapping', message: problem }]);

    const report = { errors: [] as RowError[], errorsTotal: 0 };
    const sample: PreviewOutput['sample'] = [];
    const matches = { total: 0, in_file: 0, by_ref: 0, by_email: 0, by_phone: 0, probable: 0 };
    const probableRows: ProbableMatch[] = [];
    const matcher = createFileMatcher(ctx.db);
    const findProbable = options.probable === false ? () => null : createProbableFinder(ctx.db);
    const reader = { headers, mapping, restoreFormulas: table.format === 'csv', fields };
    let rows = 0;
    let errorRows = 0;
    let stopped = problem ?? '';
    const take = (r: TableRow) => {
      rows++;
      if (problem) return;
      const shape = shapeError(table.format, headers.length, r.row, r.fields);
      const result = shape ? { ok: false as const, errors: [shape] } : readRow(reader, r.row, r.fields);
      if (!result.ok) {
        errorRows++;
        noteErrors(report, result.errors);
        return;
      }
      const match = matcher(r.row, result.data);
      if (match) {
        matches.total++;
        if (match.row !== null) matches.in_file++;
        matches[`by_${match.by}`]++;
      }
      const probable = match ? null : findProbable(result.data);
      if (probable) {
        matches.probable++;
        if (probableRows.length < PROBABLE_SHOWN) {
          probableRows.push({ row: r.row, ...rowDetails(result.data), candidate: probable });
        }
      }
      if (sample.length < options.sampleRows) sample.push(previewRow(r.row, result.data, match, probable, fields));
    };
    for (const r of head) take(r);
    const scan = options.scan !== false;
    if (scan && head.length >= SAMPLE_SCAN) for (let r = await next(); r; r = await next()) take(r);
    const syntax = broken as CsvSyntaxError | null;
    if (syntax) {
      // The rest of the file cannot be told apart into rows: say where, keep what came before.
      rows++;
      errorRows++;
      noteErrors(report, [{ row: syntax.row, column: '', message: syntax.message, value: '' }]);
      stopped = `Reading stopped at row ${syntax.row}: ${syntax.message}`;
    }
    const kept = keepPreview(ctx.db, {
      input,
      format: table.format,
      header: headers,
      rows: scan ? rows : 0,
      errors: report.errors,
      errorsTotal: report.errorsTotal,
    });
    return {
      preview_id: kept.id,
      format: table.format,
      encoding: table.encoding,
      delimiter: table.delimiter,
      columns: suggestions,
      mapping,
      template,
      rows,
      valid_rows: problem ? 0 : rows - errorRows,
      error_rows: errorRows,
      sample,
      errors: report.errors.slice(0, ERRORS_SHOWN).map(({ row, column, message }) => ({ row, column, message })),
      errors_total: report.errorsTotal,
      matches,
      probable: probableRows,
      stopped,
    };
  } finally {
    table.close();
  }
}
