// custodian segment FILE DEFINITION.json [--count | --export csv|xlsx|vcf|json --purpose contact:CHANNEL]:
// how many people a segment definition holds, or those of them who may be contacted for the
// purpose, exported through the same contact export as everything else (consent enforced in the
// core, the export audited with its purpose and count).
import fs from 'node:fs';
import { MAX_EXPORT_ROWS } from '../../shared/contract/exports';
import { plural } from '../../shared/format';
import { Definition } from '../../shared/segments';
import { runExport } from '../core/exports/exports.service';
import { segmentIds } from '../core/segments/segments.queries';
import { compileDefinition } from '../core/segments/segments.service';
import { err, Failure, needArgs, type Options, out, UsageError, writeOut } from './common';
import { leftOutLine, parseFields, parsePurpose } from './export';
import { call, local, withFile } from './open';

/** The definition file, read and checked here so a hand-edited mistake is named with its place. */
function readDefinition(path: string): Definition {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch {
    throw new Failure(`Cannot read ${path}: check the name and that you may read it.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Failure(`${path} is not JSON: ${(error as Error).message}.`);
  }
  const parsed = Definition.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` (at ${first.path.join('.')})` : '';
    throw new Failure(`${path} is not a segment definition: ${first?.message ?? 'unknown shape'}${where}.`);
  }
  return parsed.data;
}

export async function segment(options: Options): Promise<void> {
  const [file, definitionFile] = needArgs(
    options,
    2,
    'segment FILE DEFINITION.json [--count | --export csv|xlsx|vcf|json --purpose contact:CHANNEL [--out PATH]]',
  ) as [string, string];
  const definition = readDefinition(definitionFile);
  const format = options.values.get('export');
  if (format === undefined) {
    await withFile(file, options, async (core, token) => {
      const counted = await call(core, token, 'segments.count', { definition });
      if (options.switches.has('json')) out(JSON.stringify({ count: counted.count, review: counted.review }));
      else out(plural(counted.count, 'customer'));
      for (const line of counted.review) err(`custodian: ${line}`);
    });
    return;
  }
  if (format !== 'csv' && format !== 'json' && format !== 'xlsx' && format !== 'vcf')
    throw new UsageError('Choose the format: --export csv, xlsx, vcf or json.');
  const purpose = parsePurpose(options.values.get('purpose'));
  if (purpose === 'records')
    throw new UsageError('A segment is exported to contact people: --purpose contact:CHANNEL.');
  const target = options.values.get('out');
  if (format === 'xlsx' && !target) throw new UsageError('An XLSX export needs --out PATH.');
  if (target && fs.existsSync(target) && !options.switches.has('force'))
    throw new Failure(`${target} already exists. Choose another name, or add --force to replace it.`);
  const fields = parseFields(options.values.get('fields'));
  await withFile(file, options, async (core, token) => {
    const result = await local(core, token, (ctx) => {
      const ids = segmentIds(ctx.db, compileDefinition(ctx, definition).where);
      if (ids.length === 0) return null;
      if (ids.length > MAX_EXPORT_ROWS)
        throw new Failure(
          `The segment holds ${plural(ids.length, 'customer')}: narrow it to ${MAX_EXPORT_ROWS.toLocaleString('en-GB')} or fewer to export it.`,
        );
      return runExport(ctx, {
        purpose,
        format,
        fields,
        selection: { ids },
        register_fields: [],
        include_archived: false,
        after_id: 0,
      });
    });
    if (result === null) {
      err('Nobody is in this segment: nothing was exported.');
      return;
    }
    const bytes = Buffer.from(result.content_base64, 'base64');
    if (target) {
      fs.writeFileSync(target, bytes, { mode: 0o600 });
      err(`Exported ${plural(result.rows, 'customer')} to ${target}.`);
    } else await writeOut(bytes.toString('utf8'));
    err(leftOutLine(purpose, new Map(result.left_out.map((l) => [l.reason, l.count]))));
  });
}
