// The command line: `custodian init|import|search|export|rekey|check FILE …`. Every action goes
// through the core's one dispatch (createCore + call), exactly as the app's windows do. The
// passphrase comes from CUSTODIAN_PASSPHRASE, --passphrase-file or a hidden prompt, never from
// the command line (it would sit in shell history and in every process listing).
import fs from 'node:fs';
import readline from 'node:readline';
import { version } from '../package.json';
import type { Input, Method, Output } from '../shared/contract';
import type { AppError } from '../shared/contract/result';
import { CsvReader, type CsvRecord, CsvSyntaxError, isBlankRecord, restoreFormula, toCsv } from '../shared/csv';
import type { Customer, CustomerSummary } from '../shared/customer';
import { type Core, createCore } from './core/api';
import { CSV_COLUMNS } from './core/customers/customers.service';

const USAGE = `Custodian ${version}: customer records in one encrypted file.

Usage:
  custodian init FILE [--owner NAME]              create a new customer file
  custodian import FILE CSV                       add customers from a CSV file (header row required)
  custodian search FILE QUERY [--json] [--limit N] [--include-archived]
  custodian export FILE --format csv|json [--out PATH] [--force]
  custodian rekey FILE                            change the passphrase
  custodian check FILE [--json]                   integrity, format version, cipher, customer count
  custodian --help | --version

The passphrase is read from the environment variable CUSTODIAN_PASSPHRASE, or from the file
given with --passphrase-file PATH, or else asked for without echo. For rekey (and init), the
new passphrase comes from CUSTODIAN_NEW_PASSPHRASE or --new-passphrase-file PATH, or is asked
for twice. It is never accepted as a command-line argument.

CSV columns (any subset, any order): ${CSV_COLUMNS.join(',')}

Exit codes: 0 done, 1 failed, 2 wrong usage.`;

const BATCH_ROWS = 5000;
const EXPORT_PAGE = 5000;

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

const VALUE_OPTIONS = new Set(['owner', 'passphrase-file', 'new-passphrase-file', 'format', 'out', 'limit']);
const SWITCHES = new Set(['json', 'force', 'include-archived', 'help', 'version']);

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

/** Check a CSV can be opened before asking for the passphrase. */
function checkReadable(csv: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(csv);
    fs.accessSync(csv, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Failure(code === 'ENOENT' ? `There is no file at ${csv}.` : `Cannot read ${csv} (${code ?? 'error'}).`);
  }
  if (!stat.isFile()) throw new Failure(`${csv} is not a file.`);
}

type HeaderMap = { columns: (string | null)[]; width: number };

function readHeader(record: CsvRecord | undefined, csv: string): HeaderMap {
  if (!record || isBlankRecord(record)) {
    throw new Failure(
      `${csv} has no header row. The first line must name the columns, for example: ${CSV_COLUMNS.join(',')}`,
    );
  }
  const known = new Set<string>(CSV_COLUMNS);
  const seen = new Set<string>();
  const columns = record.fields.map((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name)) {
      err(`warning: column ${i + 1} "${raw}" is not a Custodian column and is ignored.`);
      return null;
    }
    if (seen.has(name)) throw new Failure(`The column ${name} appears twice in the header of ${csv}.`);
    seen.add(name);
    return name;
  });
  if (seen.size === 0) {
    throw new Failure(`None of the columns of ${csv} are Custodian columns. Use: ${CSV_COLUMNS.join(',')}`);
  }
  if (!seen.has('given_name') && !seen.has('family_name')) {
    throw new Failure(`${csv} needs a given_name or a family_name column.`);
  }
  return { columns, width: record.fields.length };
}

async function importCsv(options: Options): Promise<number> {
  const [file, csv] = needArgs(options, 2, 'import FILE CSV') as [string, string];
  checkReadable(csv);
  return withFile(file, options, async (core, token) => {
    const reader = new CsvReader();
    let header: HeaderMap | undefined;
    let batch: Record<string, string>[] = [];
    let batchFirstRow = 2;
    let created = 0;
    let problemRows = 0;
    let dataRows = 0;
    const errorRows = new Set<number>();
    const problem = (row: number, text: string) => {
      if (!errorRows.has(row)) problemRows++;
      errorRows.add(row);
      err(text);
    };

    const flush = async () => {
      if (batch.length === 0) return;
      const result = await call(core, token, 'customers.import', { rows: batch, first_row_number: batchFirstRow });
      created += result.created;
      for (const e of result.errors) problem(e.row, `row ${e.row}, column ${e.column}: ${e.message}`);
      batch = [];
    };

    const take = async (record: CsvRecord) => {
      if (!header) {
        header = readHeader(record, csv);
        return;
      }
      if (isBlankRecord(record)) {
        await flush();
        return;
      }
      dataRows++;
      if (record.fields.length !== header.width) {
        await flush();
        const more = record.fields.length > header.width;
        problem(
          record.row,
          `row ${record.row}: ${record.fields.length} fields but the header has ${header.width}${more ? ' (an unquoted comma?)' : ''}; the row was not imported.`,
        );
        return;
      }
      const row: Record<string, string> = {};
      header.columns.forEach((name, i) => {
        if (name) row[name] = restoreFormula(record.fields[i] as string);
      });
      if (batch.length === 0) batchFirstRow = record.row;
      batch.push(row);
      if (batch.length >= BATCH_ROWS) await flush();
    };

    let fatal: string | null = null;
    try {
      const stream = fs.createReadStream(csv, { encoding: 'utf8', highWaterMark: 1 << 16 });
      for await (const chunk of stream) {
        for (const record of reader.push(chunk as string)) await take(record);
      }
      for (const record of reader.end()) await take(record);
      if (!header) readHeader(undefined, csv);
      await flush();
    } catch (error) {
      if (error instanceof CsvSyntaxError) {
        await flush();
        problem(error.row, error.message);
      } else if (error instanceof Failure && created > 0) {
        fatal = error.message;
      } else if (error instanceof Failure || error instanceof UsageError) {
        throw error;
      } else {
        const code = (error as NodeJS.ErrnoException).code;
        if (created === 0) throw new Failure(`Cannot read ${csv} (${code ?? (error as Error).message}).`);
        fatal = `Reading ${csv} stopped (${code ?? (error as Error).message}).`;
      }
    }
    out(`Imported ${created} customer${created === 1 ? '' : 's'} from ${csv}.`);
    if (problemRows > 0) out(`${problemRows} row${problemRows === 1 ? '' : 's'} not imported (listed above).`);
    if (fatal) {
      err(fatal);
      return 1;
    }
    return created > 0 || (dataRows === 0 && problemRows === 0) ? 0 : 1;
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

/** A customer as a row of the canonical CSV columns: the first email, phone and address. */
function csvRow(c: Customer): string[] {
  const a = c.addresses[0];
  const value: Record<(typeof CSV_COLUMNS)[number], string> = {
    ref: c.ref,
    title: c.title,
    given_name: c.given_name,
    family_name: c.family_name,
    email: c.emails[0]?.address ?? '',
    phone: c.phones[0]?.number ?? '',
    address_line1: a?.line1 ?? '',
    address_line2: a?.line2 ?? '',
    town: a?.town ?? '',
    region: a?.region ?? '',
    postcode: a?.postcode ?? '',
    country: a?.country ?? '',
    date_of_birth: c.date_of_birth,
    notes: c.notes,
  };
  return CSV_COLUMNS.map((k) => value[k]);
}

async function exportFile(options: Options): Promise<void> {
  const [file] = needArgs(options, 1, 'export FILE --format csv|json [--out PATH]') as [string];
  const target = options.values.get('out');
  const format = options.values.get('format') ?? (target?.match(/\.(csv|json)$/i)?.[1]?.toLowerCase() || undefined);
  if (format !== 'csv' && format !== 'json') throw new UsageError('Choose the format: --format csv or --format json.');
  if (target && fs.existsSync(target) && !options.switches.has('force')) {
    throw new Failure(`${target} already exists. Choose another name, or add --force to replace it.`);
  }
  // To a file: written beside it and renamed at the end, so a failure never leaves half an export.
  const partial = target ? `${target}.partial-${process.pid}` : null;
  let fd: number | null = null;
  const write = async (text: string) => {
    if (fd !== null) fs.writeSync(fd, text);
    else await writeOut(text);
  };
  let count = 0;
  try {
    await withFile(file, options, async (core, token) => {
      if (partial) fd = fs.openSync(partial, 'wx', 0o600);
      await write(format === 'csv' ? toCsv([[...CSV_COLUMNS]]) : '[');
      let after = 0;
      for (;;) {
        const page = await call(core, token, 'customers.export', { after_id: after, limit: EXPORT_PAGE });
        if (format === 'csv') await write(toCsv(page.items.map(csvRow)));
        else {
          const body = page.items.map((c) => JSON.stringify(c)).join(',\n');
          if (body) await write(`${count === 0 ? '\n' : ',\n'}${body}`);
        }
        count += page.items.length;
        if (page.next_after_id === null) break;
        after = page.next_after_id;
      }
      if (format === 'json') await write(count === 0 ? ']\n' : '\n]\n');
    });
    if (fd !== null && partial && target) {
      fs.closeSync(fd);
      fd = null;
      fs.renameSync(partial, target);
      err(`Exported ${count} customer${count === 1 ? '' : 's'} to ${target}.`);
    }
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
  const [file] = needArgs(options, 1, 'check FILE [--json]') as [string];
  return withFile(file, options, async (core, token) => {
    const r = await call(core, token, 'vault.check', {});
    if (options.switches.has('json')) out(JSON.stringify(r, null, 2));
    else {
      out(`integrity:      ${r.integrity}`);
      out(`format version: ${r.schema_version} (this Custodian reads up to ${r.app_schema_version})`);
      out(`cipher:         ${r.cipher}`);
      out(`customers:      ${r.customers}`);
      out(`audit log:      ${r.audit.ok ? `ok (${r.audit.entries} entries)` : `PROBLEM: ${r.audit.problem}`}`);
    }
    // A broken audit chain means the file was changed outside Custodian: as serious as corruption.
    return r.integrity === 'ok' && r.audit.ok ? 0 : 1;
  });
}

const COMMANDS: Record<string, (options: Options) => Promise<number | undefined> | Promise<void>> = {
  init,
  import: importCsv,
  search,
  export: exportFile,
  rekey: rekeyFile,
  check,
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
