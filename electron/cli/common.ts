// What every command shares: the parsed arguments, the exits (usage, failure, interrupted),
// plain output, and the plain words of a refusal.
import fs from 'node:fs';
import type { AppError } from '../../shared/contract/result';

/** Wrong usage: exit code 2. */
export class UsageError extends Error {}

/** A failure already explained to the person: exit code 1. */
export class Failure extends Error {}

/** Ctrl-C or end of input at a prompt. */
export class Interrupted extends Error {}

export type Options = {
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
  'export',
  'by',
  'backup-passphrase-file',
  'segment',
  'refs',
  'event',
  'date',
  'laptop',
  'accounts',
  'pack-passphrase-file',
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
  'count',
]);

export function parseArgs(argv: string[]): Options {
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

export const out = (text: string) => process.stdout.write(`${text}\n`);

export const err = (text: string) => process.stderr.write(`${text}\n`);

export function describe(error: AppError): string {
  const lines = [error.message];
  for (const f of error.fields ?? []) lines.push(`  ${f.path ? `${f.path}: ` : ''}${f.message}`);
  return lines.join('\n');
}

/** Write to stdout, waiting when the pipe is full (a large export to `| less`). */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text)) resolve();
    else {
      process.stdout.once('drain', resolve);
      process.stdout.once('error', reject);
    }
  });
}

export function needArgs(options: Options, count: number, usage: string): string[] {
  const args = options.positional.slice(1);
  if (args.length !== count) throw new UsageError(`Usage: custodian ${usage}`);
  return args;
}

export function errorLine(e: { row: number; column: string; message: string }): string {
  if (!e.column) return e.message.startsWith(`row ${e.row}`) ? e.message : `row ${e.row}: ${e.message}`;
  return `row ${e.row}, column ${e.column}: ${e.message}`;
}

/** Check a data file can be opened before asking for the passphrase. */
export function checkReadable(data: string): void {
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
