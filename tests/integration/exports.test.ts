// exports.run in every format, read back by independent readers: LibreOffice (headless, Debian's
// package) converts our XLSX and CSV to CSV for a cell-by-cell comparison, ical.js parses our
// vCard, and our own import takes every format back in. Tests needing LibreOffice skip, saying
// so, where it is not installed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_COLUMNS } from '../../shared/columns';
import { parseCsv } from '../../shared/csv';
import { type Owner, ownerCore, signedIn } from '../support/core';
import { tempDir } from '../support/files';
import { importFile } from '../support/imports';
import { needTools } from '../support/tools';

const PEOPLE = [
  {
    ref: 'C1',
    title: 'Dr',
    given_name: 'Zoë',
    family_name: "O'Brien-Dvořák",
    emails: [{ address: 'zoe@example.com' }, { address: 'zoe.work@example.org' }],
    phones: [{ number: '07700 900123' }],
    addresses: [{ line1: '1 High Street, Flat 2', town: 'Łeeds', postcode: 'LS1 1AA' }],
    date_of_birth: '1980-01-15',
    notes: '=HYPERLINK("http://x.example","click")',
  },
  {
    ref: '007',
    given_name: 'Brian "Bri"',
    family_name: 'Smith',
    phones: [{ number: '+33 1 23 45 67 89' }],
    notes: 'Likes tea,\nno sugar; @home\tmostly',
  },
  { family_name: '+Plus', notes: '-minus' },
];

let o: Owner;
let ids: number[];
beforeAll(async () => {
  o = await ownerCore();
  ids = [];
  for (const p of PEOPLE) ids.push((await o.ok('customers.create', p)).id);
});

const decode = (b64: string) => Buffer.from(b64, 'base64');

function soffice(file: string, outDir: string, infilter?: string): string[][] {
  const profile = `file://${tempDir('custodian-lo-')}`;
  const args = [`-env:UserInstallation=${profile}`, '--headless'];
  if (infilter) args.push(`--infilter=${infilter}`);
  // Comma, double quote, UTF-8, from row 1; quote only where needed; formulas as their text.
  args.push(
    '--convert-to',
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false',
    '--outdir',
    outDir,
    file,
  );
  execFileSync('soffice', args, { stdio: 'ignore', timeout: 120_000 });
  const out = path.join(outDir, `${path.basename(file).replace(/\.[^.]+$/, '')}.csv`);
  return parseCsv(fs.readFileSync(out, 'utf8')).map((r) => r.fields);
}

describe('exports.run', () => {
  it('refuses an export with no fields, and audits each export with its fields and row count', async () => {
    const none = await o.fail('exports.run', { purpose: 'records', format: 'csv', fields: [], selection: 'all' });
    expect(none.fields?.[0]?.message).toMatch(/at least one field/);
    const r = await o.ok('exports.run', {
      purpose: 'records',
      format: 'json',
      fields: ['ref', 'email'],
      selection: { ids: [ids[0] as number] },
    });
    expect(JSON.parse(decode(r.content_base64).toString())).toEqual([{ ref: 'C1', email: 'zoe@example.com' }]);
    const [entry] = await o.ok('audit.list', { limit: 1 });
    expect(entry?.action).toBe('customers.export');
    expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({ format: 'json', fields: ['ref', 'email'], rows: 1 });
  });

  it("leaves out nothing silently: a column the register hides from the caller's role is refused", async () => {
    const owner = await ownerCore();
    await owner.ok('customers.create', {
      family_name: 'Secret',
      date_of_birth: '1970-01-01',
      emails: [{ address: 'secret@example.com' }],
      consent: { channels: ['email'], wording_version: 1 },
    });
    await owner.ok('register.update', { key: 'date_of_birth', see_roles: ['owner'] });
    const account = await owner.ok('staff.create', {
      name: 'Mo Manager',
      role: 'manager',
      password: 'manager pass 123',
    });
    const signed = await owner.core.call(null, 'session.signIn', { user_id: account.id, secret: 'manager pass 123' });
    if (!signed.ok) throw new Error(signed.error.message);
    const manager = signedIn(owner.core, signed.value.token, owner.file);
    const refused = await manager.fail('exports.run', {
      purpose: 'contact:email',
      format: 'csv',
      fields: ['family_name', 'date_of_birth'],
      selection: 'all',
    });
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.message).toMatch(/may not see date_of_birth/);
    const allowed = await manager.ok('exports.run', {
      purpose: 'contact:email',
      format: 'json',
      fields: ['family_name'],
      selection: 'all',
    });
    expect(JSON.parse(decode(allowed.content_base64).toString())).toEqual([{ family_name: 'Secret' }]);
    // The owner still exports it.
    await owner.ok('exports.run', {
      purpose: 'records',
      format: 'csv',
      fields: ['family_name', 'date_of_birth'],
      selection: 'all',
    });
  });

  it('CSV: formula cells neutralised, and it imports back unchanged', async () => {
    const r = await o.ok('exports.run', {
      purpose: 'records',
      format: 'csv',
      fields: [...CUSTOMER_COLUMNS],
      selection: 'all',
    });
    const rows = parseCsv(decode(r.content_base64).toString('utf8')).map((x) => x.fields);
    const notes = CUSTOMER_COLUMNS.indexOf('notes');
    expect(rows[1]?.[notes]).toBe('\'=HYPERLINK("http://x.example","click")');
    expect(rows[3]?.[CUSTOMER_COLUMNS.indexOf('family_name')]).toBe("'+Plus");
    expect(rows[3]?.[notes]).toBe("'-minus");
    const copy = await ownerCore();
    const { steps } = await importFile(copy, r.filename, decode(r.content_base64));
    expect(steps.at(-1)).toMatchObject({ created: 3, rejected: 0 });
    const again = await copy.ok('exports.run', {
      purpose: 'records',
      format: 'csv',
      fields: [...CUSTOMER_COLUMNS],
      selection: 'all',
    });
    expect(decode(again.content_base64).toString()).toBe(decode(r.content_base64).toString());
  });

  it('XLSX and vCard import back into a new file with the same values', async () => {
    for (const format of ['xlsx', 'vcf'] as const) {
      const r = await o.ok('exports.run', {
        purpose: 'records',
        format,
        fields: [...CUSTOMER_COLUMNS],
        selection: 'all',
      });
      const copy = await ownerCore();
      const { steps } = await importFile(copy, r.filename, decode(r.content_base64));
      expect(steps.at(-1), format).toMatchObject({ created: 3, rejected: 0 });
      // vCard carries phones as tel: URIs in E.164, so the number comes back in that form.
      const fields = CUSTOMER_COLUMNS.filter((f) => format === 'xlsx' || f !== 'phone');
      const a = await o.ok('exports.run', { purpose: 'records', format: 'json', fields, selection: 'all' });
      const b = await copy.ok('exports.run', { purpose: 'records', format: 'json', fields, selection: 'all' });
      expect(decode(b.content_base64).toString(), format).toBe(decode(a.content_base64).toString());
    }
  });

  it('vCard 4.0 is read by ical.js, an independent vCard parser', async () => {
    const r = await o.ok('exports.run', {
      purpose: 'records',
      format: 'vcf',
      fields: [...CUSTOMER_COLUMNS],
      selection: 'all',
    });
    // Several cards parse to a list of jCards; one card to a single jCard.
    const parsed = ICAL.parse(decode(r.content_base64).toString('utf8')) as unknown[];
    const jcards = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
    const cards = jcards.map((j) => new ICAL.Component(j as never));
    expect(cards).toHaveLength(3);
    const zoe = cards[0] as ICAL.Component;
    expect(zoe.getFirstPropertyValue('version')).toBe('4.0');
    expect(zoe.getFirstPropertyValue('fn')).toBe("Dr Zoë O'Brien-Dvořák");
    expect(zoe.getFirstPropertyValue('n')).toEqual(["O'Brien-Dvořák", 'Zoë', '', 'Dr', '']);
    expect(zoe.getAllProperties('email').map((p) => p.getFirstValue())).toEqual([
      'zoe@example.com',
      'zoe.work@example.org',
    ]);
    expect(zoe.getFirstPropertyValue('tel')).toBe('tel:+447700900123');
    expect(zoe.getFirstPropertyValue('adr')).toEqual(['', '', '1 High Street, Flat 2', 'Łeeds', '', 'LS1 1AA', 'GB']);
    expect(zoe.getFirstPropertyValue('uid')).toBe('custodian:C1');
    expect(String(zoe.getFirstPropertyValue('bday'))).toMatch(/^1980-01-15/);
    expect((cards[1] as ICAL.Component).getFirstPropertyValue('note')).toBe('Likes tea,\nno sugar; @home\tmostly');
  });

  it('LibreOffice reads our XLSX and CSV cell for cell as we exported them', async (ctx) => {
    needTools(ctx, 'soffice');
    const dir = tempDir('custodian-lo-out-');
    const fields = [...CUSTOMER_COLUMNS];
    const expected = [fields as string[]];
    const json = await o.ok('exports.run', { purpose: 'records', format: 'json', fields, selection: 'all' });
    for (const item of JSON.parse(decode(json.content_base64).toString()) as Record<string, string>[]) {
      expected.push(fields.map((f) => item[f] ?? ''));
    }
    const xlsx = await o.ok('exports.run', { purpose: 'records', format: 'xlsx', fields, selection: 'all' });
    const xlsxFile = path.join(dir, 'export.xlsx');
    fs.writeFileSync(xlsxFile, decode(xlsx.content_base64));
    const fromXlsx = soffice(xlsxFile, path.join(dir, 'x'));
    // Exactly the values: inline strings are never formulas, numbers or dates.
    expect(fromXlsx.map((r) => r.concat(Array(fields.length - r.length).fill('')))).toEqual(expected);

    const csv = await o.ok('exports.run', { purpose: 'records', format: 'csv', fields, selection: 'all' });
    const csvFile = path.join(dir, 'export.csv');
    fs.writeFileSync(csvFile, decode(csv.content_base64));
    const ours = parseCsv(decode(csv.content_base64).toString('utf8')).map((r) => r.fields);
    // Every column read as text (format 2), so LibreOffice keeps the cells as written.
    const columns = fields.map((_, i) => `${i + 1}/2`).join('/');
    const fromCsv = soffice(csvFile, path.join(dir, 'c'), `CSV:44,34,76,1,${columns}`);
    expect(fromCsv.map((r) => r.concat(Array(fields.length - r.length).fill('')))).toEqual(ours);
  }, 240_000);
});
