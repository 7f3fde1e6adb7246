// Real-world and broken files through the import: encodings, XLSX and vCard, and the bad input
// the issue lists — empty, binary, unbalanced quotes, ragged rows, a 50 MB cell, a zip bomb, and a
// file that disappears in the middle of an import — each with a clear message and nothing left.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../../electron/core/formats/xlsx-write';
import { writeZip } from '../../electron/core/formats/zip-write';
import { previewPath } from '../../electron/core/imports/imports.service';
import { MANAGERS } from '../../shared/contract/roles';
import { type Owner, ownerCore } from '../support/core';
import { tempDir } from '../support/files';
import { importFile, upload } from '../support/imports';

const count = async (o: Owner) => (await o.ok('sources.list', {})).reduce((n, s) => n + s.records, 0);

describe('encodings and formats', () => {
  it('reads UTF-16 LE/BE with BOM, Windows-1252 and tab-separated text alike', async () => {
    const o = await ownerCore();
    const text = 'First name\tSurname\tTown\nZoë\tDvořák\tŁódź\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const p = await o.ok('imports.preview', upload('le.txt', le));
    expect(p).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(p.sample[0]).toMatchObject({ given_name: 'Zoë', family_name: 'Dvořák' });
    const be = Buffer.from(le);
    be.swap16();
    expect((await o.ok('imports.preview', upload('be.txt', be))).sample[0]).toMatchObject({ family_name: 'Dvořák' });
    const cp1252 = Buffer.from('given_name;family_name;notes\nRenée;O\x92Brien;\x80 5 paid\n', 'latin1');
    const w = await o.ok('imports.preview', upload('excel.csv', cp1252));
    expect(w.encoding).toBe('windows-1252');
    expect(w.sample[0]).toMatchObject({ given_name: 'Renée', family_name: 'O’Brien', notes: '€ 5 paid' });
  });

  it('imports the first sheet of an XLSX workbook, with its own row numbers in errors', async () => {
    const o = await ownerCore();
    const xlsx = writeXlsx([
      ['Forename', 'Surname', 'Email'],
      ['Ann', 'Smith', 'ann@example.com'],
      ['Bob', 'Jones', 'not an email'],
    ]);
    const { preview, steps } = await importFile(o, 'people.xlsx', xlsx);
    expect(preview.format).toBe('xlsx');
    expect(preview.errors).toEqual([{ row: 3, column: 'Email', message: 'This is not a valid email address.' }]);
    expect(steps.at(-1)).toMatchObject({ created: 1, rejected: 1 });
  });

  it('imports a vCard file from a phone', async () => {
    const o = await ownerCore();
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Smith;Ann;;;',
      'TEL;TYPE=CELL:07700 900123',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Bob Jones',
      'EMAIL:bob@example.com',
      'END:VCARD',
    ].join('\r\n');
    const { preview, steps } = await importFile(o, 'contacts.vcf', vcf, { source: 'Phone contacts' });
    expect(preview.format).toBe('vcard');
    expect(preview.sample.map((r) => [r.given_name, r.family_name])).toEqual([
      ['Ann', 'Smith'],
      ['Bob', 'Jones'],
    ]);
    expect(steps.at(-1)).toMatchObject({ created: 2 });
  });
});

describe('bad input', () => {
  it('an empty file, a binary file, an old .xls and a sheet of nothing are refused in plain words', async () => {
    const o = await ownerCore();
    const refuse = async (name: string, content: Buffer | string) =>
      (await o.fail('imports.preview', upload(name, content))).message;
    expect(await refuse('empty.csv', '')).toMatch(/is empty: there is nothing to import/);
    expect(await refuse('blank.csv', '\uFEFF\r\n\r\n')).toMatch(/has no rows/);
    expect(
      await refuse('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    ).toMatch(/not text: it looks like a binary file/);
    expect(await refuse('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatch(/old Excel/);
    expect(await refuse('zip.xlsx', writeZip([{ name: 'hello.txt', data: 'hi' }]))).toMatch(/not an Excel workbook/);
    expect(await count(o)).toBe(0);
  });

  it('an XLSX zip bomb is refused before it is expanded', async () => {
    const o = await ownerCore();
    const bomb = writeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(100_000);
    const error = await o.fail('imports.preview', upload('bomb.xlsx', bomb));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/zip bomb/) });
  });

  it('ragged rows and an unbalanced quote are listed; the rows before the quote are imported', async () => {
    const o = await ownerCore();
    const csv =
      'given_name,family_name,notes\nAnn,Smith,ok\nBob,Jones\nCy,Long,a,b\nDee,Quote,"never closed\nEve,Lost,x\n';
    const { preview, steps } = await importFile(o, 'bad.csv', csv);
    expect(preview.errors.map((e) => [e.row, e.message.slice(0, 40)])).toEqual([
      [3, '2 fields but the header has 3: the row w'],
      [4, '4 fields but the header has 3 (an unquot'],
      [5, 'row 5: a quoted field that starts on lin'],
    ]);
    expect(preview.stopped).toMatch(/Reading stopped at row 5/);
    expect(steps.at(-1)).toMatchObject({ status: 'finished', created: 1, rejected: 3 });
    expect(steps.at(-1)?.message).toMatch(/never closed/);
  });

  it('a 50 MB cell is refused with the row it is on, and nothing is imported from there on', async () => {
    const o = await ownerCore();
    const file = path.join(tempDir(), 'huge.csv');
    fs.writeFileSync(
      file,
      `given_name,family_name,notes\nAnn,Smith,short\nBig,Cell,"${'x'.repeat(50 * 1024 * 1024)}"\n`,
    );
    const result = await o.core.local(o.token, MANAGERS, (ctx) =>
      previewPath(ctx, file, 'huge.csv', { sampleRows: 5 }),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.valid_rows).toBe(1);
    expect(result.value.errors[0]?.message).toMatch(/row 3 \(from line 3\) is longer than 1000000 characters/);
  });

  it('a 20 MB file on one line names the import file, not the customer file, and imports nothing', async () => {
    const o = await ownerCore();
    const file = path.join(tempDir(), 'one-line.csv');
    fs.writeFileSync(file, `given_name,family_name,${'x'.repeat(20 * 1024 * 1024)}`);
    // From disk (the command line) and uploaded (the window): the same words either way.
    const fromDisk = await o.core.local(o.token, MANAGERS, (ctx) =>
      previewPath(ctx, file, 'one-line.csv', { sampleRows: 5 }),
    );
    const uploaded = await o.core.call(o.token, 'imports.preview', upload('one-line.csv', fs.readFileSync(file)));
    for (const result of [fromDisk, uploaded]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      const message = result.ok ? '' : result.error.message;
      expect(message).toMatch(
        /^The import file one-line\.csv cannot be read: its row 1 \(from line 1\) is longer than/,
      );
      expect(message).not.toMatch(/customer file|Something went wrong/);
    }
    expect(await count(o)).toBe(0);
  });

  it('a file that disappears in the middle of an import: clear message, nothing half-imported', async () => {
    const o = await ownerCore();
    const dir = tempDir();
    const file = path.join(dir, 'leaving.csv');
    const rows = Array.from({ length: 5000 }, (_, i) => `Gone${i},Person`).join('\n');
    fs.writeFileSync(file, `given_name,family_name\n${rows}\n`);
    const p = await o.core.local(o.token, MANAGERS, (ctx) => previewPath(ctx, file, 'leaving.csv', { sampleRows: 1 }));
    if (!p.ok) throw new Error(p.error.message);
    const { import_id } = await o.ok('imports.start', {
      preview_id: p.value.preview_id,
      source: 'Leaving',
      mapping: p.value.mapping,
      on_match: 'skip',
    });
    expect(await o.ok('imports.step', { import_id })).toMatchObject({ done: 2000, finished: false });
    fs.rmSync(file);
    const step = await o.ok('imports.step', { import_id });
    expect(step).toMatchObject({ status: 'failed', finished: true });
    expect(step.message).toMatch(/leaving\.csv disappeared during the import\. Nothing was imported/);
    expect(await count(o)).toBe(0);
    expect((await o.ok('imports.list', {}))[0]).toMatchObject({ status: 'failed', message: step.message });
  });
});
