// custodian import FILE DATAFILE: customers (or, with --purchases, purchases and bookings) from a
// CSV, XLSX or vCard file, through the same service functions as the app's import.

import fs from 'node:fs';
import path from 'node:path';
import type { Output } from '../../shared/contract';
import {
  fieldKeyOf,
  IMPORT_TARGETS,
  type Mapping,
  MappingTarget,
  ON_MATCH,
  type OnMatch,
} from '../../shared/contract/imports';
import { parseCsv } from '../../shared/csv';
import { plural } from '../../shared/format';
import { previewPath } from '../core/imports/imports.service';
import { checkMapping } from '../core/imports/mapping';
import type { PreviewOptions } from '../core/imports/preview';
import { checkReadable, err, errorLine, Failure, needArgs, type Options, out, UsageError } from './common';
import { call, local, withFile } from './open';

/** --mapping FILE: a JSON object { "Header in the file": "field" | null }. */
function readMappingFile(path: string, headers: readonly string[]): Mapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Failure(`Cannot read the mapping file ${path}: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Failure(`The mapping file ${path} must be a JSON object: { "Header": "field" }.`);
  }
  const byHeader = parsed as Record<string, unknown>;
  return headers.map((h) => {
    const target = byHeader[h] ?? null;
    if (target !== null && !MappingTarget.safeParse(target).success) {
      throw new Failure(
        `The mapping file maps "${h}" to "${String(target)}", which is not one of: ${IMPORT_TARGETS.join(', ')}, or field:KEY for a field of the register.`,
      );
    }
    return target as Mapping[number];
  });
}

export async function importFile(options: Options): Promise<number> {
  if (options.switches.has('purchases')) return importPurchaseFile(options);
  const [file, data] = needArgs(options, 2, 'import FILE DATAFILE [--dry-run]') as [string, string];
  const onMatch = options.values.get('on-match') ?? 'update-empty';
  if (!(ON_MATCH as readonly string[]).includes(onMatch)) {
    throw new UsageError(`--on-match must be one of ${ON_MATCH.join(', ')}.`);
  }
  const dryRun = options.switches.has('dry-run');
  const json = options.switches.has('json');
  const name = path.basename(data);
  const source = options.values.get('source') ?? name.replace(/\.[^.]+$/, '');
  const mappingOption = options.values.get('mapping');
  checkReadable(data);
  return withFile(file, options, async (core, token) => {
    const preview = (o: Partial<PreviewOptions>) =>
      local(core, token, (ctx) =>
        previewPath(ctx, data, name, { source, sampleRows: 5, scan: dryRun, probable: false, ...o }),
      );
    let mapping: Mapping | undefined;
    let template: string | undefined;
    if (mappingOption && fs.existsSync(mappingOption)) {
      const headers = (await preview({ scan: false })).columns.map((c) => c.header);
      mapping = readMappingFile(mappingOption, headers);
    } else template = mappingOption;
    const p = await preview({ mapping, template });
    p.columns.forEach((c, i) => {
      if (p.mapping[i] === null && !json) err(`warning: column ${i + 1} "${c.header}" is not mapped and is ignored.`);
    });
    if (dryRun) {
      if (json) out(JSON.stringify(p, null, 2));
      else {
        for (const e of p.errors) err(errorLine(e));
        out(
          `${name}: ${plural(p.rows, 'row')} (${p.format}${p.encoding ? `, ${p.encoding}` : ''}); ${p.valid_rows} valid, ${p.error_rows} with errors; ${p.matches.total - p.matches.in_file} match existing customers${p.matches.in_file > 0 ? `, ${p.matches.in_file} match an earlier row of this file` : ''}.`,
        );
        if (p.stopped) out(p.stopped);
        out('Dry run: nothing was written.');
      }
      return p.stopped && p.valid_rows === 0 ? 1 : 0;
    }
    if (p.stopped && p.valid_rows === 0 && p.rows === 0) throw new Failure(p.stopped);
    // The preview has already refused fields the register does not collect: its own are known.
    const fieldKeys = new Set(p.mapping.map(fieldKeyOf).filter((k): k is string => k !== null));
    const mappingProblem = p.columns.length > 0 ? checkMapping(p.mapping, p.columns.length, fieldKeys) : null;
    if (mappingProblem) throw new Failure(`${mappingProblem} (columns: ${p.columns.map((c) => c.header).join(', ')})`);
    const started = await call(core, token, 'imports.start', {
      preview_id: p.preview_id,
      source,
      mapping: p.mapping,
      on_match: onMatch as OnMatch,
      mode: 'valid-rows',
    });
    let progress: Output<'imports.step'>;
    for (;;) {
      progress = await call(core, token, 'imports.step', { import_id: started.import_id });
      if (process.stderr.isTTY && !progress.finished) {
        const pct = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
        process.stderr.write(
          `\r${pct}%  ${progress.done} rows  ${progress.rows_per_s} rows/s  about ${progress.eta_s} s left  `,
        );
      }
      if (progress.finished) break;
    }
    if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
    if (progress.errors_total > 0) {
      const report = await call(core, token, 'imports.errorReport', { import_id: started.import_id });
      const rows = parseCsv(Buffer.from(report.content_base64, 'base64').toString('utf8')).slice(1);
      for (const r of rows) {
        const [row = '0', column = '', message = ''] = r.fields;
        err(errorLine({ row: Number(row), column, message }));
      }
      if (progress.errors_total > rows.length) err(`… and ${progress.errors_total - rows.length} more.`);
    }
    if (json) out(JSON.stringify(progress, null, 2));
    else {
      if (progress.status !== 'finished') {
        err(`custodian: ${progress.message}`);
        return 1;
      }
      out(`Imported ${plural(progress.created, 'customer')} from ${data} (batch ${started.import_id}).`);
      if (progress.updated || progress.skipped) {
        out(
          `${progress.matched} matched existing customers: ${progress.updated} updated, ${progress.skipped} left as they were.`,
        );
      }
      if (progress.rejected > 0) out(`${plural(progress.rejected, 'row')} not imported (listed above).`);
      if (progress.message) out(progress.message);
      if (progress.created + progress.updated > 0)
        out('The batch can be undone in Custodian (Imports) until it is confirmed.');
    }
    if (progress.status !== 'finished') return 1;
    return progress.created + progress.updated + progress.skipped > 0 || progress.rows === 0 ? 0 : 1;
  });
}

/** Purchases go through the same dispatch as the window's (the file is at most 50 MB, read whole). */
async function importPurchaseFile(options: Options): Promise<number> {
  const [file, data] = needArgs(options, 2, 'import FILE DATAFILE --purchases [--dry-run]') as [string, string];
  checkReadable(data);
  const name = path.basename(data);
  const dryRun = options.switches.has('dry-run');
  return withFile(file, options, async (core, token) => {
    const result = await call(core, token, 'purchases.import', {
      filename: name,
      content_base64: fs.readFileSync(data).toString('base64'),
      source: options.values.get('source') ?? name.replace(/\.[^.]+$/, ''),
      dry_run: dryRun,
      mode: 'valid-rows',
    });
    if (options.switches.has('json')) {
      out(JSON.stringify(result, null, 2));
      return result.valid_rows > 0 ? 0 : 1;
    }
    for (const e of result.errors) err(errorLine(e));
    if (result.errors_total > result.errors.length) err(`… and ${result.errors_total - result.errors.length} more.`);
    const valid = `${plural(result.valid_rows, 'valid row')} for ${plural(result.customers, 'customer')}`;
    out(`${name}: ${plural(result.rows, 'row')}; ${valid}, ${result.error_rows} with errors.`);
    if (dryRun) out('Dry run: nothing was written.');
    else if (result.import_id !== null) {
      out(
        `Added ${plural(result.added, 'purchase')} (batch ${result.import_id}); it can be undone in Custodian (Imports).`,
      );
    }
    return result.valid_rows > 0 ? 0 : 1;
  });
}
