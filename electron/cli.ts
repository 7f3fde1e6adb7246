// The command line: `custodian init|import|search|export|rekey|check FILE …`. Every action goes
// through the core's one dispatch (createCore + call), exactly as the app's windows do. The
// passphrase comes from CUSTODIAN_PASSPHRASE, --passphrase-file or a hidden prompt, never from
// the command line (it would sit in shell history and in every process listing).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { version } from '../package.json';
import type { CustomerColumn } from '../shared/columns';
import { CONSENT_CHANNELS, type NotContactable, notContactableLabel } from '../shared/consent';
import type { Input, Method, Output } from '../shared/contract';
import {
  EXPORT_PURPOSE_LABELS,
  EXPORT_PURPOSES,
  type ExportPurpose,
  MAX_EXPORT_ROWS,
  purposeChannel,
} from '../shared/contract/exports';
import {
  fieldKeyOf,
  IMPORT_TARGETS,
  type Mapping,
  MappingTarget,
  ON_MATCH,
  type OnMatch,
} from '../shared/contract/imports';
import type { AppError } from '../shared/contract/result';
import { MANAGERS } from '../shared/contract/roles';
import { parseCsv } from '../shared/csv';
import type { CustomerSummary } from '../shared/customer';
import { plural } from '../shared/format';
import { type Core, createCore } from './core/api';
import type { Context } from './core/context';
import { CSV_COLUMNS } from './core/customers/customers.service';
import { previewPath } from './core/imports/imports.service';
import { checkMapping } from './core/imports/mapping';
import type { PreviewOptions } from './core/imports/preview';

const USAGE = `Custodian ${version}: customer records in one encrypted file.

Usage:
  custodian init FILE [--owner NAME]              create a new customer file
  custodian import FILE DATAFILE [--mapping NAME|FILE] [--on-match update-empty|overwrite|skip|create]
                 [--source NAME] [--dry-run] [--json]
                                                  add customers from a CSV, XLSX or vCard (.vcf) file
  custodian import FILE DATAFILE --purchases [--source NAME] [--dry-run] [--json]
                                                  add purchases and bookings of existing customers
  custodian search FILE QUERY [--json] [--limit N] [--include-archived]
  custodian export FILE --purpose PURPOSE --format csv|xlsx|vcf|json [--fields a,b,c] [--out PATH] [--force]
                                                  PURPOSE: contact:email|contact:sms|contact:phone|contact:post
                                                  (only people who may be contacted that way today), or
                                                  records (everyone; the owner only)
  custodian rekey FILE                            change the passphrase
  custodian check FILE [--json] [--acknowledge]   integrity, format version, cipher, customer count, audit
                                                  (--acknowledge: accept the audit warnings shown, e.g.
                                                  after restoring a backup on purpose)
  custodian duplicates FILE [--json]              likely duplicate pairs, strongest first, with reasons
  custodian retention FILE [--dry-run] [--json]   erase records, and values, kept past their retention (--dry-run: list them)
  custodian --help | --version

The passphrase is read from the environment variable CUSTODIAN_PASSPHRASE, or from the file
given with --passphrase-file PATH, or else asked for without echo. For rekey (and init), the
new passphrase comes from CUSTODIAN_NEW_PASSPHRASE or --new-passphrase-file PATH, or is asked
for twice. It is never accepted as a command-line argument.

CSV columns (any subset, any order): ${CSV_COLUMNS.join(',')}
Other headers are mapped by their usual names ("First name", "Surname", "E-mail", "Mobile", …) or by
what their values look like; --dry-run shows the mapping, the first rows and every error without
writing anything. --mapping takes a saved template's name or a JSON file {"Header": "field" | null}.
With --purchases, each row is one purchase or booking of an existing customer (customer number, email
or phone), with its date, item and amount in pounds; quantity, category, channel, venue and seat are
read when present. An import is a batch that can be undone in Custodian until it is confirmed.

Exit codes: 0 done, 1 failed, 2 wrong usage.`;

/** Wrong usage: exit code 2. */
class UsageError extends Error {}
/** A failure already explained to the person: exit code 1. */
class Failure extends Error {}
/** Ctrl-C or end of input at a prompt. */
class Interrupted extends Error {}

type Options = {
  positional: string[];
  values: Map<string, string>;
  switches: Set<string>;
};

const VALUE_OPTIONS = new Set([
  'owner',
  'passphrase-file',
  'new-passphrase-file',
  'format',
  'out',
  'limit',
  'mapping',
  'on-match',
  'source',
  'fields',
  'purpose',
]);
const SWITCHES = new Set([
  'json',
  'force',
  'include-archived',
  'help',
  'version',
  'dry-run',
  'purchases',
  'acknowledge',
]);

function parseArgs(argv: string[]): Options {
  const options: Options = { positional: [], values: new Map(), switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      options.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      options.switches.add('help');
      continue;
    }
    if (arg === '-V' || arg === '-v') {
      options.switches.add('version');
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      options.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (name === 'passphrase' || name === 'new-passphrase') {
      throw new UsageError(
        `--${name} is not accepted: a passphrase typed on the command line is kept in your shell history and can be read by other programs on this computer. Use CUSTODIAN_${name === 'passphrase' ? '' : 'NEW_'}PASSPHRASE, --${name}-file PATH, or type it when asked.`,
      );
    }
    if (SWITCHES.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} does not take a value.`);
      options.switches.add(name);
    } else if (VALUE_OPTIONS.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('--')))
        throw new UsageError(`--${name} needs a value.`);
      options.values.set(name, value);
    } else {
      throw new UsageError(`Unknown option --${name}. See custodian --help.`);
    }
  }
  return options;
}

// ── Output ────────────────────────────────────────────────────────────────────────────────

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

function describe(error: AppError): string {
  const lines = [error.message];
  for (const f of error.fields ?? []) lines.push(`  ${f.path ? `${f.path}: ` : ''}${f.message}`);
  return lines.join('\n');
}

/** Call the core; a refusal is printed in its own plain words and ends the command. */
async function call<M extends Method>(
  core: Core,
  token: string | null,
  method: M,
  input: Input<M>,
): Promise<Output<M>> {
  const result = await core.call(token, method, input);
  if (!result.ok) throw new Failure(describe(result.error));
  return result.value;
}

/** Write to stdout, waiting when the pipe is full (a large export to `| less`). */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text)) resolve();
    else {
      process.stdout.once('drain', resolve);
      process.stdout.once('error', reject);
    }
  });
}

// ── Passphrases and prompts ───────────────────────────────────────────────────────────────

function readSecretFile(path: string, what: string): string {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new Failure(`Cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  try {
    if (process.platform !== 'win32' && (fs.statSync(path).mode & 0o077) !== 0) {
      err(`warning: ${path} can be read by other users on this computer (chmod 600 ${path}).`);
    }
  } catch {
    // The warning is a courtesy; the read above already succeeded.
  }
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw new Failure(`The ${what} file ${path} is empty.`);
  return value;
}

function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(
      new UsageError(
        'No passphrase given: set CUSTODIAN_PASSPHRASE or use --passphrase-file PATH (there is no terminal to ask in).',
      ),
    );
  }
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      if (chunk.startsWith('\u001b')) return; // arrow keys and the like
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) return finish(new Interrupted());
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

function promptLine(question: string): Promise<string> {
  if (!process.stdin.isTTY) return Promise.reject(new UsageError('Give the owner name with --owner NAME.'));
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve, reject) => {
    rl.on('close', () => reject(new Interrupted()));
    rl.question(question, (answer) => {
      rl.removeAllListeners('close');
      rl.close();
      resolve(answer);
    });
  });
}

async function passphrase(options: Options): Promise<string> {
  const file = options.values.get('passphrase-file');
  if (file !== undefined) return readSecretFile(file, 'passphrase');
  const env = process.env.CUSTODIAN_PASSPHRASE;
  if (env) return env;
  return promptHidden('Passphrase: ');
}

/** A new passphrase: from the environment or a file, or typed twice. */
async function newPassphrase(options: Options, envName: string, fileOption: string): Promise<string> {
  const file = options.values.get(fileOption);
  if (file !== undefined) return readSecretFile(file, 'new passphrase');
  const env = process.env[envName];
  if (env) return env;
  if (!process.stdin.isTTY) {
    throw new UsageError(`No new passphrase given: set ${envName} or use --${fileOption} PATH.`);
  }
  for (;;) {
    const first = await promptHidden('New passphrase (at least 10 characters; a few unrelated words work well): ');
    const again = await promptHidden('The same again: ');
    if (first === again) return first;
    err('The two did not match. Try again, or press Ctrl-C to stop.');
  }
}

// ── Commands ──────────────────────────────────────────────────────────────────────────────

function needArgs(options: Options, count: number, usage: string): string[] {
  const args = options.positional.slice(1);
  if (args.length !== count) throw new UsageError(`Usage: custodian ${usage}`);
  return args;
}

/** Open FILE through the dispatch and run `work` with a session; always locks and closes. */
async function withFile<T>(
  file: string,
  options: Options,
  work: (core: Core, token: string, secret: string) => Promise<T>,
): Promise<T> {
  const core = createCore(file);
  try {
    const status = await call(core, null, 'vault.status', {});
    if (!status.exists)
      throw new Failure(`There is no customer file at ${file}. Create one with: custodian init ${file}`);
    const secret = await passphrase(options);
    const session = await call(core, null, 'vault.unlock', { passphrase: secret });
    // An import cut off by a crash was taken back at this open: say so once, whatever the command.
    for (const notice of session.notices ?? []) err(`custodian: ${notice}`);
    try {
      return await work(core, session.token, secret);
    } finally {
      await core.call(session.token, 'vault.lock', {});
    }
  } finally {
    core.close();
  }
}

async function init(options: Options): Promise<void> {
  const [file] = needArgs(options, 1, 'init FILE [--owner NAME]') as [string];
  if (fs.existsSync(file)) throw new Failure(`A file already exists at ${file}. Choose another name.`);
  const owner = options.values.get('owner') ?? (await promptLine('Your name (the owner of this file): '));
  const secret = await newPassphrase(options, 'CUSTODIAN_PASSPHRASE', 'passphrase-file');
  const core = createCore(file);
  try {
    const session = await call(core, null, 'vault.create', { passphrase: secret, owner_name: owner });
    await core.call(session.token, 'vault.lock', {});
    out(`Created ${file} for ${session.user.name}.`);
    out('Keep the passphrase safe: without it nobody, including you, can open this file.');
  } finally {
    core.close();
  }
}

/** Check a data file can be opened before asking for the passphrase. */
function checkReadable(data: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(data);
    fs.accessSync(data, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Failure(code === 'ENOENT' ? `There is no file at ${data}.` : `Cannot read ${data} (${code ?? 'error'}).`);
  }
  if (!stat.isFile()) throw new Failure(`${data} is not a file.`);
}

/** Run a service function in the open file as the signed-in person (import from a path). */
async function local<T>(core: Core, token: string, work: (ctx: Context) => T | Promise<T>): Promise<T> {
  const result = await core.local(token, MANAGERS, work);
  if (!result.ok) throw new Failure(describe(result.error));
  return result.value;
}

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

function errorLine(e: { row: number; column: string; message: string }): string {
  if (!e.column) return e.message.startsWith(`row ${e.row}`) ? e.message : `row ${e.row}: ${e.message}`;
  return `row ${e.row}, column ${e.column}: ${e.message}`;
}

async function importFile(options: Options): Promise<number> {
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

async function search(options: Options): Promise<void> {
  const [file, query] = needArgs(options, 2, 'search FILE QUERY [--json]') as [string, string];
  const limitText = options.values.get('limit') ?? '50';
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new UsageError('--limit must be a whole number from 1 to 200.');
  await withFile(file, options, async (core, token) => {
    const result = await call(core, token, 'search.query', {
      q: query,
      limit,
      include_archived: options.switches.has('include-archived'),
    });
    if (options.switches.has('json')) {
      out(JSON.stringify(result.items, null, 2));
      return;
    }
    if (result.items.length === 0) {
      out(`No customers match "${query}".`);
      return;
    }
    printTable(result.items);
    if (result.capped) out(`(showing the first ${result.items.length}: type more to narrow the search)`);
  });
}

function printTable(items: CustomerSummary[]): void {
  const rows = items.map((c) => [
    c.ref,
    [c.title, c.preferred_name || c.given_name, c.family_name].filter(Boolean).join(' ') +
      (c.archived ? ' (archived)' : ''),
    c.email,
    c.phone,
    c.postcode,
    c.town,
  ]);
  const head = ['Ref', 'Name', 'Email', 'Phone', 'Postcode', 'Town'];
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] as string).length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.slice(0, widths[i]).padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  out(line(head));
  for (const r of rows) out(line(r));
}

function parseFields(text: string | undefined): CustomerColumn[] {
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
function parsePurpose(text: string | undefined): ExportPurpose {
  if (text !== undefined && (EXPORT_PURPOSES as readonly string[]).includes(text)) return text as ExportPurpose;
  const list = EXPORT_PURPOSES.map((p) => `  --purpose ${p.padEnd(14)} ${EXPORT_PURPOSE_LABELS[p]}`).join('\n');
  const said = text === undefined ? 'Say what the export is for' : `Unknown purpose "${text}"`;
  throw new UsageError(`${said}: people who may be contacted on one channel, or everyone for our records.\n${list}`);
}

/** "Left out 3: 2 marked do not contact, 1 no email address." from the counts of every page. */
function leftOutLine(purpose: ExportPurpose, counts: Map<NotContactable, number>): string {
  const channel = purposeChannel(purpose) ?? CONSENT_CHANNELS[0];
  const parts = [...counts].map(([reason, n]) => `${n} ${notContactableLabel(reason, channel)}`);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return total === 0 ? 'Nobody was left out.' : `Left out ${total}: ${parts.join(', ')}.`;
}

async function exportFile(options: Options): Promise<void> {
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

async function rekeyFile(options: Options): Promise<void> {
  const [file] = needArgs(options, 1, 'rekey FILE') as [string];
  await withFile(file, options, async (core, token, current) => {
    // Asked only once the current passphrase has opened the file.
    const next = await newPassphrase(options, 'CUSTODIAN_NEW_PASSPHRASE', 'new-passphrase-file');
    const result = await call(core, token, 'vault.changePassphrase', { current, next });
    out(`Passphrase changed. Integrity check: ${result.integrity}.`);
  });
}

async function check(options: Options): Promise<number> {
  const [file] = needArgs(options, 1, 'check FILE [--json] [--acknowledge]') as [string];
  return withFile(file, options, async (core, token) => {
    const r = await call(core, token, 'vault.check', {});
    // Acknowledged only when asked, after the warnings were shown to whoever asked.
    const acknowledged =
      options.switches.has('acknowledge') && r.audit_warnings.length > 0
        ? (await call(core, token, 'audit.acknowledge', {})).warnings.length === 0
        : false;
    if (options.switches.has('json')) out(JSON.stringify({ ...r, audit_acknowledged: acknowledged }, null, 2));
    else {
      out(`integrity:      ${r.integrity}`);
      out(`format version: ${r.schema_version} (this Custodian reads up to ${r.app_schema_version})`);
      out(`cipher:         ${r.cipher}`);
      out(`customers:      ${r.customers}`);
      out(`audit log:      ${r.audit.ok ? `ok (${r.audit.entries} entries)` : `PROBLEM: ${r.audit.problem}`}`);
      for (const warning of r.audit_warnings) out(`audit warning:  ${warning}`);
      if (acknowledged) out('audit warnings acknowledged (recorded in the audit log).');
      else if (r.audit_warnings.length > 0)
        out('If you put an older copy of the file back on purpose, run again with --acknowledge.');
    }
    // A broken audit chain means the file was changed outside Custodian: as serious as corruption.
    const warned = r.audit_warnings.length > 0 && !acknowledged;
    return r.integrity === 'ok' && r.audit.ok && !warned ? 0 : 1;
  });
}

// ── Data quality: duplicates and retention (begin) ───────────────────────────────────────────

async function duplicates(options: Options): Promise<void> {
  const [file] = needArgs(options, 1, 'duplicates FILE [--json]') as [string];
  await withFile(file, options, async (core, token) => {
    const scan = await call(core, token, 'duplicates.scan', { limit: 10_000 });
    const pairs = scan.pairs.map((p) => ({
      a: { id: p.a.id, ref: p.a.ref },
      b: { id: p.b.id, ref: p.b.ref },
      score: p.score,
      reasons: p.reasons,
    }));
    if (options.switches.has('json')) {
      out(JSON.stringify(pairs, null, 2));
      return;
    }
    if (pairs.length === 0) out(`No likely duplicates among ${scan.customers} customers.`);
    for (const p of scan.pairs) {
      out(`${p.score.toFixed(2)}  ${p.a.id} ${p.a.name} / ${p.b.id} ${p.b.name}`);
      for (const reason of p.reasons) out(`      ${reason}`);
    }
    for (const g of scan.large_groups) err(`note: ${g.description}`);
    if (scan.capped) err(`(showing the strongest ${scan.pairs.length} of ${scan.total} pairs)`);
  });
}

async function retention(options: Options): Promise<number> {
  const [file] = needArgs(options, 1, 'retention FILE [--dry-run] [--json]') as [string];
  const json = options.switches.has('json');
  return withFile(file, options, async (core, token) => {
    const review = await call(core, token, 'retention.review', { limit: 10_000 });
    if (options.switches.has('dry-run')) {
      if (json) out(JSON.stringify({ records: review.items, values: review.values }, null, 2));
      else if (review.items.length === 0 && review.values.length === 0)
        out('No records or values are due for deletion.');
      else {
        for (const r of review.items) {
          out(`${r.id}\t${r.ref}\t${r.rule}\t${r.reason}${r.blocked ? ` (kept for now: ${r.blocked})` : ''}`);
        }
        for (const v of review.values) {
          out(`${v.customer_id}\t${v.ref}\t${v.field}\t${v.reason}${v.blocked ? ` (kept for now: ${v.blocked})` : ''}`);
        }
        out(
          `${plural(review.total, 'record')} and ${review.values.length}${
            review.values_capped ? ' or more' : ''
          } value${review.values.length === 1 ? '' : 's'} past their field's retention would be erased (dry run: nothing was changed).`,
        );
      }
      return 0;
    }
    const ids = review.items.filter((r) => !r.blocked).map((r) => r.id);
    const blocked = review.items.filter((r) => r.blocked).map((r) => ({ id: r.id, message: r.blocked }));
    const result =
      ids.length > 0
        ? await call(core, token, 'retention.erase', { ids, reason: 'Retention rules (command line)' })
        : { erased: [], failed: [], totals: {} };
    // Values of records erased just now went with them. The review lists up to its limit: erase,
    // and review again while more are due and some went.
    const gone = new Set(result.erased.map((e) => e.id));
    const fields: { erased: number; failed: { id: number; field: string; message: string }[] } = {
      erased: 0,
      failed: [],
    };
    const held = new Map<string, { id: number; field: string; message: string }>();
    for (let round = review; ; round = await call(core, token, 'retention.review', { limit: 10_000 })) {
      for (const v of round.values.filter((x) => x.blocked))
        held.set(`${v.customer_id} ${v.field}`, { id: v.customer_id, field: v.field, message: v.blocked });
      const values = round.values
        .filter((v) => !v.blocked && !gone.has(v.customer_id))
        .map((v) => ({ customer_id: v.customer_id, field: v.field }));
      if (values.length === 0) break;
      const done = await call(core, token, 'retention.eraseValues', {
        values,
        reason: 'Field retention (command line)',
      });
      fields.erased += done.erased.length;
      for (const f of done.failed) fields.failed.push({ id: f.customer_id, field: f.field, message: f.message });
      if (!round.values_capped || done.erased.length === 0) break;
    }
    const failed = [...blocked, ...result.failed, ...held.values(), ...fields.failed];
    const counts: Record<string, number> = {};
    for (const e of result.erased) counts[e.rule] = (counts[e.rule] ?? 0) + 1;
    if (json)
      out(JSON.stringify({ erased: counts, values_erased: fields.erased, failed, totals: result.totals }, null, 2));
    else {
      out(`Erased ${plural(result.erased.length, 'record')}.`);
      for (const [rule, n] of Object.entries(counts)) out(`  ${rule}: ${n}`);
      out(`Erased ${plural(fields.erased, 'value')} past their field's retention.`);
      for (const f of failed) err(`kept ${f.id}${'field' in f ? ` ${f.field}` : ''}: ${f.message}`);
    }
    // Records and values kept back by an open request are expected; only an erasure that failed is an error.
    return result.failed.length > 0 || fields.failed.length > 0 ? 1 : 0;
  });
}

// ── Data quality (end) ────────────────────────────────────────────────────────────────────

const COMMANDS: Record<string, (options: Options) => Promise<number | undefined> | Promise<void>> = {
  init,
  import: importFile,
  search,
  export: exportFile,
  rekey: rekeyFile,
  check,
  duplicates,
  retention,
};

async function main(argv: string[]): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.switches.has('version')) {
      out(version);
      return 0;
    }
    const command = options.positional[0];
    if (options.switches.has('help') || command === 'help') {
      out(USAGE);
      return 0;
    }
    if (!command) {
      err(USAGE);
      return 2;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`Unknown command "${command}". See custodian --help.`);
    return (await run(options)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`custodian: ${error.message}`);
      return 2;
    }
    if (error instanceof Interrupted) return 130;
    if (error instanceof Failure) {
      err(`custodian: ${error.message}`);
      return 1;
    }
    // Never a stack trace: the person gets one plain line.
    err(`custodian: something went wrong: ${(error as Error)?.message ?? String(error)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
