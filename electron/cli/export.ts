// custodian export FILE --purpose … --format …: an export for a stated purpose, to a file or stdout.

import fs from 'node:fs';
import type { CustomerColumn } from '../../shared/columns';
import { CONSENT_CHANNELS, type NotContactable, notContactableLabel } from '../../shared/consent';
import {
  EXPORT_PURPOSE_LABELS,
  EXPORT_PURPOSES,
  type ExportPurpose,
  MAX_EXPORT_ROWS,
  purposeChannel,
} from '../../shared/contract/exports';
import { plural } from '../../shared/format';
import { CSV_COLUMNS } from '../core/customers/customers.service';
import { err, Failure, needArgs, type Options, UsageError, writeOut } from './common';
import { call, withFile } from './open';

export function parseFields(text: string | undefined): CustomerColumn[] {
  if (text === undefined) return [...CSV_COLUMNS];
  const fields = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (fields.length === 0)
    throw new UsageError('--fields needs at least one field: an export with no fields would be empty.');
  const unknown = fields.filter((f) => !(CSV_COLUMNS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new UsageError(`Unknown field ${unknown.join(', ')}. Fields: ${CSV_COLUMNS.join(',')}`);
  return fields as CustomerColumn[];
}

/** Later pages of a CSV export: without the BOM and the header line of their own. */
function pageBody(format: string, text: string, first: boolean): string {
  if (format === 'csv' && !first) return text.replace(/^\uFEFF/, '').slice(text.indexOf('\r\n') + 1);
  if (format === 'json') {
    const items = (JSON.parse(text) as unknown[]).map((item) => JSON.stringify(item, null, 2).replace(/^/gm, '  '));
    return items.length === 0 ? '' : `${first ? '' : ',\n'}${items.join(',\n')}`;
  }
  return text;
}

/** The export's purpose: required, one of the contract's, else refused listing them all. */
export function parsePurpose(text: string | undefined): ExportPurpose {
  if (text !== undefined && (EXPORT_PURPOSES as readonly string[]).includes(text)) return text as ExportPurpose;
  const list = EXPORT_PURPOSES.map((p) => `  --purpose ${p.padEnd(14)} ${EXPORT_PURPOSE_LABELS[p]}`).join('\n');
  const said = text === undefined ? 'Say what the export is for' : `Unknown purpose "${text}"`;
  throw new UsageError(`${said}: people who may be contacted on one channel, or everyone for our records.\n${list}`);
}

/** "Left out 3: 2 marked do not contact, 1 no email address." from the counts of every page. */
export function leftOutLine(purpose: ExportPurpose, counts: Map<NotContactable, number>): string {
  const channel = purposeChannel(purpose) ?? CONSENT_CHANNELS[0];
  const parts = [...counts].map(([reason, n]) => `${n} ${notContactableLabel(reason, channel)}`);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return total === 0 ? 'Nobody was left out.' : `Left out ${total}: ${parts.join(', ')}.`;
}

export async function exportFile(options: Options): Promise<void> {
  const [file] = needArgs(
    options,
    1,
    'export FILE --purpose PURPOSE --format csv|xlsx|vcf|json [--fields a,b,c] [--out PATH]',
  ) as [string];
  const purpose = parsePurpose(options.values.get('purpose'));
  const target = options.values.get('out');
  const format = options.values.get('format') ?? target?.match(/\.(csv|xlsx|vcf|json)$/i)?.[1]?.toLowerCase();
  if (format !== 'csv' && format !== 'json' && format !== 'xlsx' && format !== 'vcf') {
    throw new UsageError('Choose the format: --format csv, xlsx, vcf or json.');
  }
  if (format === 'xlsx' && !target)
    throw new UsageError('An XLSX export needs --out PATH (it is not text for a terminal).');
  const fields = parseFields(options.values.get('fields'));
  if (target && fs.existsSync(target) && !options.switches.has('force')) {
    throw new Failure(`${target} already exists. Choose another name, or add --force to replace it.`);
  }
  // To a file: written beside it and renamed at the end, so a failure never leaves half an export.
  const partial = target ? `${target}.partial-${process.pid}` : null;
  let fd: number | null = null;
  const write = async (bytes: Buffer | string) => {
    if (fd !== null) fs.writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    else await writeOut(bytes.toString());
  };
  let count = 0;
  const leftOut = new Map<NotContactable, number>();
  try {
    await withFile(file, options, async (core, token) => {
      if (partial) fd = fs.openSync(partial, 'wx', 0o600);
      let after = 0;
      if (format === 'json') await write('[\n');
      for (let first = true; ; first = false) {
        const page = await call(core, token, 'exports.run', {
          purpose,
          format,
          fields,
          selection: 'all',
          after_id: after,
        });
        if (format === 'xlsx' && page.next_after_id !== null) {
          throw new Failure(`An XLSX export holds at most ${MAX_EXPORT_ROWS} customers: use --format csv for more.`);
        }
        const bytes = Buffer.from(page.content_base64, 'base64');
        await write(format === 'xlsx' ? bytes : pageBody(format, bytes.toString('utf8'), first));
        count += page.rows;
        for (const { reason, count: n } of page.left_out) leftOut.set(reason, (leftOut.get(reason) ?? 0) + n);
        if (page.next_after_id === null) break;
        after = page.next_after_id;
      }
      if (format === 'json') await write('\n]\n');
    });
    if (fd !== null && partial && target) {
      fs.closeSync(fd);
      fd = null;
      fs.renameSync(partial, target);
      err(`Exported ${plural(count, 'customer')} to ${target}.`);
    }
    err(leftOutLine(purpose, leftOut));
  } finally {
    if (fd !== null) fs.closeSync(fd);
    if (partial) fs.rmSync(partial, { force: true });
  }
}
