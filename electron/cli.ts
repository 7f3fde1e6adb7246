// The command line: `custodian init|import|search|export|rekey|check FILE …`. Every action goes
// through the core's one dispatch (createCore + call), exactly as the app's windows do. The
// passphrase comes from CUSTODIAN_PASSPHRASE, --passphrase-file or a hidden prompt, never from
// the command line (it would sit in shell history and in every process listing). Each command is
// a file in electron/cli/; this entry holds the usage text and picks the command.
import { version } from '../package.json';
import { backup, backups, restore } from './cli/backup';
import { check } from './cli/check';
import { err, Failure, Interrupted, type Options, out, parseArgs, UsageError } from './cli/common';
import { duplicates } from './cli/duplicates';
import { exportFile } from './cli/export';
import { importFile } from './cli/import';
import { init } from './cli/init';
import { mergePack } from './cli/merge-pack';
import { pack } from './cli/pack';
import { rekeyFile } from './cli/rekey';
import { report } from './cli/report';
import { retention } from './cli/retention';
import { search } from './cli/search';
import { segment } from './cli/segment';
import { CSV_COLUMNS } from './core/customers/customers.service';

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
  custodian segment FILE DEFINITION.json [--count] [--json]
                                                  how many customers a segment definition holds
  custodian segment FILE DEFINITION.json --export csv|xlsx|vcf|json|labels --purpose contact:CHANNEL [--fields a,b,c] [--out PATH] [--force]
                                                  those of them who may be contacted that way today
  custodian report FILE rfm|sales [--by month|category|item|weekday|channel|venue|region|age_band] [--json]
                                                  buying patterns: customer groups, or sales by one key
  custodian backup FILE [DEST]                    a checked, encrypted backup into DEST (or the folder chosen
                                                  in Settings)
  custodian backups FILE [--json]                 the file's backups, each checked again
  custodian restore BACKUP FILE [--backup-passphrase-file PATH]
                                                  put a backup in place of FILE (the file as it is is kept as a
                                                  backup first); FILE may not exist yet (a new computer)
  custodian pack FILE OUT [--segment NAME | --refs A,B] [--fields a,b] [--event NAME] [--date YYYY-MM-DD]
                 [--laptop NAME] [--accounts NAME,NAME]
                                                  an event pack: its own passphrase, the chosen accounts and a
                                                  look-up list with only the chosen fields
  custodian merge-pack FILE PACK [--dry-run] [--json]
                                                  merge an event pack back (once), as one batch undone in the app
  custodian --help | --version

The passphrase is read from the environment variable CUSTODIAN_PASSPHRASE, or from the file
given with --passphrase-file PATH, or else asked for without echo. For rekey (and init), the
new passphrase comes from CUSTODIAN_NEW_PASSPHRASE or --new-passphrase-file PATH, or is asked
for twice. A backup made under an earlier passphrase asks for that one (or reads it from
CUSTODIAN_BACKUP_PASSPHRASE or --backup-passphrase-file PATH). An event pack's own passphrase
comes from CUSTODIAN_PACK_PASSPHRASE or --pack-passphrase-file PATH, or is asked for. None is
ever accepted as a command-line argument.

CSV columns (any subset, any order): ${CSV_COLUMNS.join(',')}
Other headers are mapped by their usual names ("First name", "Surname", "E-mail", "Mobile", …) or by
what their values look like; --dry-run shows the mapping, the first rows and every error without
writing anything. --mapping takes a saved template's name or a JSON file {"Header": "field" | null}.
With --purchases, each row is one purchase or booking of an existing customer (customer number, email
or phone), with its date, item and amount in pounds; quantity, category, channel, venue and seat are
read when present. An import is a batch that can be undone in Custodian until it is confirmed.

Exit codes: 0 done, 1 failed, 2 wrong usage.`;

const COMMANDS: Record<string, (options: Options) => Promise<number | undefined> | Promise<void>> = {
  init,
  import: importFile,
  search,
  export: exportFile,
  rekey: rekeyFile,
  check,
  duplicates,
  retention,
  segment,
  report,
  backup,
  backups,
  restore,
  pack,
  'merge-pack': mergePack,
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

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
