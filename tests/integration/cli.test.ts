// The command line as people run it: a child process (node + tsx on electron/cli.ts) against
// real encrypted files, passphrase from the environment or a file, never from argv.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../electron/core/customers/customers.service';
import { openDatabase } from '../../electron/core/db/open';
import { parseCsv } from '../../shared/csv';
import { type Run, runCli } from '../support/cli';
import { ownerCore, PASSPHRASE as SUPPORT_PASSPHRASE } from '../support/core';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PASSPHRASE = 'correct horse battery staple';
const NEW_PASSPHRASE = 'new river lantern pebble';
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

const cli = runCli;

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const noStackTrace = (r: Run) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

let dir: string;
let file: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Rows 2–4 are good; row 5 has one field too many; row 6 has a bad postcode.
const CSV = [
  'ref,given_name,family_name,email,phone,postcode,notes,favourite_colour',
  'C1,Ann,Smith,ann.smith@example.com,07700 900123,SW1A 1AA,,blue',
  'C2,"Brian ""Bri""",O\'Brien,brian@example.co.uk,020 7946 0000,m11ae,"Likes tea,\r\nno sugar",red',
  'C3,Zoë,Dvořák,zoe@example.org,07700 900456,EH1 1YZ,=HYPERLINK("http://x.example"),green',
  'C4,Ragged,Row,ragged@example.com,07700 900999,SW1A 2AA,,blue,EXTRA',
  'C5,Bad,Postcode,bad@example.com,07700 900789,NOT A POSTCODE,,grey',
].join('\r\n');

describe('custodian CLI', () => {
  it('prints help and version without a file', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage:/);
    expect(help.stdout).toContain(CSV_COLUMNS.join(','));
    const v = cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(cli(['frobnicate', 'x']).code).toBe(2);
  });

  it('init creates an encrypted file; a weak passphrase is refused in plain words', () => {
    file = path.join(dir, 'shop.custodian');
    const weak = cli(['init', path.join(dir, 'weak.custodian'), '--owner', 'Olive'], { CUSTODIAN_PASSPHRASE: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 10 characters/);
    expect(fs.existsSync(path.join(dir, 'weak.custodian'))).toBe(false);

    const r = cli(['init', file, '--owner', 'Olive Owner']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Created .*shop\.custodian for Olive Owner/);
    const head = fs.readFileSync(file).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
    expect(fs.readFileSync(file).includes(Buffer.from('Olive Owner'))).toBe(false);
    // Readable by its owner only, whatever the umask lets other new files be.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const again = cli(['init', file, '--owner', 'Olive Owner']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('import creates the good rows and reports ragged, invalid and unknown-column rows by number', () => {
    const csv = path.join(dir, 'customers.csv');
    fs.writeFileSync(csv, `\uFEFF${CSV}\r\n`);
    const r = cli(['import', file, csv]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Imported 3 customers/);
    expect(r.stdout).toMatch(/2 rows not imported/);
    expect(r.stderr).toMatch(/warning: column 8 "favourite_colour" is not mapped and is ignored/);
    expect(r.stderr).toMatch(/^row 5: 9 fields but the header has 8/m);
    expect(r.stderr).toMatch(/^row 6, column postcode: This is not a UK postcode/m);
    expect(r.stderr).not.toMatch(/^row [234]\b/m);
    noStackTrace(r);
  });

  it('search --json finds by name prefix, accent-free spelling, phone fragment and postcode', () => {
    const find = (q: string) => {
      const r = cli(['search', file, q, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Record<string, unknown>[];
    };
    const smith = find('Smi');
    expect(smith.map((c) => c.ref)).toEqual(['C1']);
    for (const key of ['id', 'ref', 'given_name', 'family_name', 'email', 'phone', 'postcode']) {
      expect(smith[0]).toHaveProperty(key);
    }
    expect(smith[0]).toMatchObject({ email: 'ann.smith@example.com', phone: '07700 900123', postcode: 'SW1A 1AA' });
    expect(find('dvorak').map((c) => c.ref)).toEqual(['C3']);
    expect(find('obrien').map((c) => c.ref)).toEqual(['C2']);
    expect(find('900456').map((c) => c.ref)).toEqual(['C3']);
    expect(find('07700 9001').map((c) => c.ref)).toEqual(['C1']);
    expect(find('M1 1AE').map((c) => c.ref)).toEqual(['C2']);
    expect(find('sw1a1aa').map((c) => c.ref)).toEqual(['C1']);
    expect(find('nobody-like-this')).toEqual([]);

    const table = cli(['search', file, 'Smith']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/C1\s+Ann Smith\s+ann\.smith@example\.com/);
  });

  it('export csv writes the canonical columns with formula cells neutralised; json writes the fields', () => {
    const csvOut = path.join(dir, 'export.csv');
    const r = cli(['export', file, '--purpose', 'records', '--format', 'csv', '--out', csvOut]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.statSync(csvOut).mode & 0o077).toBe(0);
    const records = parseCsv(fs.readFileSync(csvOut, 'utf8')).map((x) => x.fields);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(4);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    const zoe = records.find((x) => x[col('ref')] === 'C3') as string[];
    expect(zoe[col('notes')]).toBe('\'=HYPERLINK("http://x.example")');
    const brian = records.find((x) => x[col('ref')] === 'C2') as string[];
    expect(brian[col('given_name')]).toBe('Brian "Bri"');
    expect(brian[col('notes')]).toBe('Likes tea,\nno sugar');
    expect(brian[col('postcode')]).toBe('M1 1AE');

    const refused = cli(['export', file, '--purpose', 'records', '--format', 'csv', '--out', csvOut]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists/);

    const json = cli(['export', file, '--purpose', 'records', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const items = JSON.parse(json.stdout) as Record<string, string>[];
    expect(items.map((c) => c.ref)).toEqual(['C1', 'C2', 'C3']);
    expect(items[2]?.notes).toBe('=HYPERLINK("http://x.example")');
    expect(items[0]?.email).toBe('ann.smith@example.com');
    expect(Object.keys(items[0] ?? {})).toEqual([...CSV_COLUMNS]);

    const some = cli(['export', file, '--purpose', 'records', '--format', 'json', '--fields', 'ref,email']);
    expect(JSON.parse(some.stdout)[0]).toEqual({ ref: 'C1', email: 'ann.smith@example.com' });
    expect(cli(['export', file, '--purpose', 'records', '--format', 'json', '--fields', '']).code).toBe(2);
    expect(
      cli(['export', file, '--purpose', 'records', '--format', 'json', '--fields', 'ref,shoe_size']).stderr,
    ).toMatch(/Unknown field shoe_size/);

    expect(cli(['export', file, '--purpose', 'records']).code).toBe(2);
  });

  it('import --dry-run shows the mapping and errors and writes nothing; --mapping FILE and --on-match', () => {
    const other = path.join(dir, 'other.custodian');
    const made = cli(['init', other, '--owner', 'Olive Owner']);
    expect(made.code, made.stderr).toBe(0);
    const csv = path.join(dir, 'signup.csv');
    fs.writeFileSync(csv, 'Name;E-mail;Mobile\nDan Dry;dan@example.com;07700 900321\nEve Err;not-an-email;\n');
    const dry = cli(['import', other, csv, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const preview = JSON.parse(dry.stdout) as { mapping: unknown[]; rows: number; errors: { row: number }[] };
    expect(preview).toMatchObject({ mapping: ['full_name', 'email', 'phone'], rows: 2, errors: [{ row: 3 }] });
    expect(cli(['check', other]).stdout).toMatch(/customers:\s+0$/m);
    const text = cli(['import', other, csv, '--dry-run']);
    expect(text.stdout).toMatch(
      /2 rows \(csv, utf-8\); 1 valid, 1 with errors; 0 match existing customers\.\nDry run: nothing was written\./,
    );
    expect(text.stderr).toMatch(/^row 3, column E-mail: This is not a valid email address\./m);

    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify({ Name: 'full_name', 'E-mail': 'email', Mobile: null }));
    const r = cli(['import', other, csv, '--mapping', mapping, '--source', 'Sign-up sheet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Imported 1 customer from .*signup\.csv \(batch \d+\)/);
    expect(r.stderr).toMatch(/warning: column 3 "Mobile" is not mapped/);
    fs.writeFileSync(csv, 'Name;E-mail\nDaniel Dry;dan@example.com\n');
    const skip = cli(['import', other, csv, '--on-match', 'skip']);
    expect(skip.stdout).toMatch(/1 matched existing customers: 0 updated, 1 left as they were/);
    expect(cli(['import', other, csv, '--on-match', 'merge']).code).toBe(2);
    const gone = cli(['search', other, 'Dry', '--json']);
    expect((JSON.parse(gone.stdout) as { given_name: string }[]).map((c) => c.given_name)).toEqual(['Dan']);
    const del = cli(['import', other, csv, '--on-match', 'overwrite']);
    expect(del.stdout).toMatch(/1 updated/);
  });

  it('import --purchases adds purchases of existing customers, with a dry run first', () => {
    const shop = path.join(dir, 'till.custodian');
    const made = cli(['init', shop, '--owner', 'Olive Owner']);
    expect(made.code, made.stderr).toBe(0);
    const people = path.join(dir, 'people.csv');
    fs.writeFileSync(people, 'ref,given_name,family_name\nP1,Pat,Price\n');
    expect(cli(['import', shop, people]).code).toBe(0);
    const sales = path.join(dir, 'till.csv');
    fs.writeFileSync(sales, 'Customer number,Date,Product,Total\nP1,2025-01-05,Scarf,£19.99\nP9,2025-01-05,Hat,9\n');
    const dry = cli(['import', shop, sales, '--purchases', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /till\.csv: 2 rows; 1 valid row for 1 customer, 1 with errors\.\nDry run: nothing was written\./,
    );
    expect(dry.stderr).toMatch(/^row 3, column customer: No customer has .*P9/m);
    const done = cli(['import', shop, sales, '--purchases', '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ added: 1, total_pence: 1999 });
  }, 120_000);

  it('export writes XLSX and vCard files', () => {
    const xlsx = path.join(dir, 'export.xlsx');
    const r = cli([
      'export',
      file,
      '--purpose',
      'records',
      '--format',
      'xlsx',
      '--fields',
      'ref,given_name,family_name',
      '--out',
      xlsx,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(cli(['export', file, '--purpose', 'records', '--format', 'xlsx']).code).toBe(2);
    const vcf = cli([
      'export',
      file,
      '--purpose',
      'records',
      '--format',
      'vcf',
      '--fields',
      'given_name,family_name,email',
    ]);
    expect(vcf.code, vcf.stderr).toBe(0);
    expect(vcf.stdout.match(/BEGIN:VCARD\r\nVERSION:4\.0/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('check reports integrity, format, cipher and count', () => {
    const r = cli(['check', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/integrity:\s+ok/);
    expect(r.stdout).toMatch(/format version:\s+\d+/);
    expect(r.stdout).toMatch(/cipher:\s+sqlcipher/);
    expect(r.stdout).toMatch(/customers:\s+3$/m);
  });

  it('a wrong passphrase is refused in plain words and leaves the file byte for byte unchanged', () => {
    const before = sha256(file);
    const r = cli(['search', file, 'Smith'], { CUSTODIAN_PASSPHRASE: 'not the right passphrase' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/passphrase is wrong/);
    expect(r.stdout).toBe('');
    noStackTrace(r);
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('--passphrase on the command line is refused with the reason, before anything is opened', () => {
    const before = sha256(file);
    for (const args of [
      ['search', file, 'Smith', '--passphrase', PASSPHRASE],
      ['search', file, 'Smith', `--passphrase=${PASSPHRASE}`],
      ['rekey', file, '--new-passphrase', NEW_PASSPHRASE],
    ]) {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not accepted: .*shell history/);
      expect(r.stderr).toMatch(/CUSTODIAN_(NEW_)?PASSPHRASE/);
    }
    expect(sha256(file)).toBe(before);
  });

  it('without a passphrase and without a terminal, says how to give one', () => {
    const r = cli(['check', file], { CUSTODIAN_PASSPHRASE: null });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CUSTODIAN_PASSPHRASE|--passphrase-file/);
  });

  it('rekey: afterwards the old passphrase fails and the new one works (from env and from a file)', () => {
    const r = cli(['rekey', file], { CUSTODIAN_NEW_PASSPHRASE: NEW_PASSPHRASE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Passphrase changed\. Integrity check: ok/);

    const old = cli(['check', file]);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/passphrase is wrong/);

    const secret = path.join(dir, 'secret.txt');
    fs.writeFileSync(secret, `${NEW_PASSPHRASE}\n`, { mode: 0o600 });
    const ok = cli(['check', file, '--passphrase-file', secret], { CUSTODIAN_PASSPHRASE: null });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/customers:\s+3$/m);

    const noNew = cli(['rekey', file], { CUSTODIAN_PASSPHRASE: NEW_PASSPHRASE });
    expect(noNew.code).toBe(2);
    expect(noNew.stderr).toMatch(/CUSTODIAN_NEW_PASSPHRASE/);
  });

  it('a missing file, a plain text file and a missing CSV get clear messages and exit 1', () => {
    const missing = cli(['search', path.join(dir, 'nope.custodian'), 'x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no customer file at .*nope\.custodian/);

    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'Shopping list\n'.repeat(100));
    const before = sha256(text);
    const plain = cli(['check', text]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/not a Custodian file/);
    noStackTrace(plain);
    expect(sha256(text)).toBe(before);

    const noCsv = cli(['import', file, path.join(dir, 'nope.csv')], { CUSTODIAN_PASSPHRASE: NEW_PASSPHRASE });
    expect(noCsv.code).toBe(1);
    expect(noCsv.stderr).toMatch(/There is no file at .*nope\.csv/);
  });

  it('import works in chunks and keeps the row numbers right across them', () => {
    const big = path.join(dir, 'many.csv');
    const lines = ['family_name,given_name,postcode'];
    for (let row = 2; row <= 5005; row++) {
      if (row === 3) lines.push('Ragged,Row,SW1A 1AA,extra');
      else if (row === 5003) lines.push('Batch,Two,NOT A POSTCODE');
      else lines.push(`Many${row},Pat,SW1A 1AA`);
    }
    fs.writeFileSync(big, `${lines.join('\n')}\n`);
    const r = cli(['import', file, big], { CUSTODIAN_PASSPHRASE: NEW_PASSPHRASE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Imported 5,002 customers/); // counts read as everywhere else (shared/format.ts)
    expect(r.stderr.trim().split('\n')).toEqual([
      'row 3: 4 fields but the header has 3 (an unquoted separator?): the row was not imported.',
      'row 5003, column postcode: This is not a UK postcode (for example SW1A 1AA).',
    ]);
    const found = cli(['search', file, 'Many5004', '--json'], { CUSTODIAN_PASSPHRASE: NEW_PASSPHRASE });
    expect((JSON.parse(found.stdout) as { family_name: string }[]).map((c) => c.family_name)).toEqual(['Many5004']);
  });

  it('import: a quote never closed is reported with its row; rows before it are kept', () => {
    const csv = path.join(dir, 'broken.csv');
    fs.writeFileSync(csv, 'given_name,family_name,notes\nDora,Quill,fine\nEd,Unclosed,"oops\nFay,Lost,x\n');
    const r = cli(['import', file, csv], { CUSTODIAN_PASSPHRASE: NEW_PASSPHRASE });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Imported 1 customer from/);
    expect(r.stderr).toMatch(/row 3: a quoted field that starts on line 3 is never closed/);

    const header = path.join(dir, 'noheader.csv');
    fs.writeFileSync(header, 'colour,size\nred,12\n');
    const bad = cli(['import', file, header], { CUSTODIAN_PASSPHRASE: NEW_PASSPHRASE });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Map at least one column to a name/);
  });
});

describe('custodian check and the audit chain', () => {
  it('passes on an untouched file and fails, saying where, after one audit row is edited with SQL', async () => {
    const owner = await ownerCore();
    await owner.ok('customers.create', { family_name: 'Audited' });
    owner.core.close();
    const good = cli(['check', owner.file], { CUSTODIAN_PASSPHRASE: SUPPORT_PASSPHRASE });
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/audit log:\s+ok \(\d+ entries\)/);
    const db = openDatabase(owner.file, SUPPORT_PASSPHRASE);
    db.prepare("UPDATE audit_log SET action = 'customer.view' WHERE seq = 3").run();
    db.close();
    const bad = cli(['check', owner.file], { CUSTODIAN_PASSPHRASE: SUPPORT_PASSPHRASE });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/audit log:\s+PROBLEM: entry 3 was altered/);
  });
});

describe('custodian export --purpose', () => {
  it('contact:email leaves out the withdrawn and do-not-contact, saying so; no purpose is refused', async () => {
    const owner = await ownerCore();
    const email = (address: string) => ({
      emails: [{ address }],
      consent: { channels: ['email' as const], wording_version: 1 },
    });
    await owner.ok('customers.create', { given_name: 'Carla', family_name: 'Given', ...email('carla@example.com') });
    const wendy = await owner.ok('customers.create', {
      given_name: 'Wendy',
      family_name: 'Went',
      ...email('w@example.com'),
    });
    await owner.ok('consent.record', { customer_id: wendy.id, channel: 'email', action: 'withdrawn' });
    const dan = await owner.ok('customers.create', {
      given_name: 'Dan',
      family_name: 'Quiet',
      ...email('d@example.com'),
    });
    await owner.ok('consent.setDoNotContact', { customer_id: dan.id, on: true });
    owner.core.close();
    const env = { CUSTODIAN_PASSPHRASE: SUPPORT_PASSPHRASE };

    const r = cli(
      ['export', owner.file, '--purpose', 'contact:email', '--format', 'json', '--fields', 'given_name,email'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ given_name: 'Carla', email: 'carla@example.com' }]);
    expect(r.stderr).toMatch(/^Left out 2: 1 marked do not contact, 1 consent to email withdrawn\.$/m);

    const everyone = cli(
      ['export', owner.file, '--purpose', 'records', '--format', 'json', '--fields', 'given_name'],
      env,
    );
    expect(JSON.parse(everyone.stdout)).toHaveLength(3);
    expect(everyone.stderr).toMatch(/Nobody was left out\./);

    for (const args of [[], ['--purpose', 'marketing']]) {
      const refused = cli(['export', owner.file, ...args, '--format', 'json'], env);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(args.length ? /Unknown purpose "marketing"/ : /Say what the export is for/);
      for (const purpose of ['records', 'contact:email', 'contact:sms', 'contact:phone', 'contact:post']) {
        expect(refused.stderr).toContain(`--purpose ${purpose}`);
      }
      noStackTrace(refused);
    }
  }, 120_000);
});
