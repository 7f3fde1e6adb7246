// The import engine's pure parts: encodings, delimiters, mapping suggestions, vCard reading (with
// broken folding and quoted-printable), dates and names, and the XLSX zip-bomb limits.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readFirstSheet } from '../../electron/core/formats/xlsx-read';
import { writeXlsx } from '../../electron/core/formats/xlsx-write';
import { openZip, ZipError } from '../../electron/core/formats/zip-read';
import { writeZip } from '../../electron/core/formats/zip-write';
import { detectEncoding } from '../../electron/core/imports/decode';
import { checkMapping, headerSignature, suggestMapping } from '../../electron/core/imports/mapping';
import { normaliseDate, splitFullName } from '../../electron/core/imports/rows';
import { sniffDelimiter } from '../../electron/core/imports/sniff';
import { readVcards, VCARD_COLUMNS } from '../../electron/core/imports/vcard-read';
import { CUSTOMER_COLUMNS } from '../../shared/columns';

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

describe('encoding detection', () => {
  it('reads BOMs, tells UTF-8 from Windows-1252, and refuses binary', () => {
    expect(detectEncoding(Buffer.from('\uFEFFname\nZoë\n'))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(detectEncoding(Buffer.from('name\nZoë\n'))).toEqual({ encoding: 'utf-8', bom: 0 });
    expect(detectEncoding(Buffer.from('name\nZo\xeb \x80\n', 'latin1'))).toEqual({ encoding: 'windows-1252', bom: 0 });
    expect(detectEncoding(utf16le('name\nZoë\n'))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(detectEncoding(utf16be('name\nZoë\n'))).toEqual({ encoding: 'utf-16be', bom: 2 });
    expect(detectEncoding(Buffer.from('name\nZoë\n', 'utf16le')).encoding).toBe('utf-16le');
    // A UTF-8 character cut by the end of the sample is still UTF-8.
    expect(detectEncoding(Buffer.from('name,Zoë').subarray(0, 9)).encoding).toBe('utf-8');
    expect(() => detectEncoding(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]))).toThrow(/not text/);
  });
});

describe('delimiter sniffing', () => {
  it('finds comma, semicolon, tab and pipe, and is not fooled by separators inside quotes', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(sniffDelimiter('Name;Town;Note\nAnn;Leeds;"x, y, z"\nBob;York;"a, b"\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n')).toBe('|');
    expect(sniffDelimiter('name\nAnn\n')).toBe(',');
  });
});

describe('mapping suggestions', () => {
  it('maps canonical headers exactly and nothing else', () => {
    const s = suggestMapping([...CUSTOMER_COLUMNS], []);
    expect(s.map((x) => x.target)).toEqual([...CUSTOMER_COLUMNS]);
    expect(s.every((x) => x.reason === 'canonical')).toBe(true);
  });

  it('knows the usual header names, in any case and punctuation', () => {
    const headers = [
      'First name',
      'SURNAME',
      'E-mail',
      'Mobile',
      'Home Phone',
      'Post code',
      'D.O.B.',
      'Comments',
      'Shoe size',
    ];
    expect(suggestMapping(headers, []).map((s) => s.target)).toEqual([
      'given_name',
      'family_name',
      'email',
      'phone',
      'phone_2',
      'postcode',
      'date_of_birth',
      'notes',
      null,
    ]);
  });

  it('guesses from values when the header says nothing, and uses a Name column only when needed', () => {
    const s = suggestMapping(
      ['Name', 'Col B', 'Col C', 'Col D', 'Col E'],
      [
        ['Ann Smith', 'Bob Jones'],
        ['ann@example.com', 'bob@example.org'],
        ['07700 900123', '+44 20 7946 0000'],
        ['SW1A 1AA', 'm1 1ae'],
        ['15/01/1980', '1975-03-04'],
      ],
    );
    expect(s.map((x) => [x.target, x.reason])).toEqual([
      ['full_name', 'header'],
      ['email', 'values'],
      ['phone', 'values'],
      ['postcode', 'values'],
      ['date_of_birth', 'values'],
    ]);
    expect(suggestMapping(['Name', 'First name', 'Last name'], [])[0]?.target).toBeNull();
  });

  it('checks a mapping: one column per field, a name somewhere, one entry per column', () => {
    expect(checkMapping(['email', 'email'], 2)).toMatch(/Two columns/);
    expect(checkMapping(['email', null], 2)).toMatch(/to a name/);
    expect(checkMapping(['given_name'], 2)).toMatch(/2 columns/);
    expect(checkMapping(['full_name', null], 2)).toBeNull();
    expect(headerSignature(['E-mail', 'First Name'])).toBe(headerSignature(['first name', 'e mail']));
  });
});

describe('dates and names', () => {
  it('reads the usual date spellings, day first', () => {
    expect(normaliseDate('15/01/1980')).toBe('1980-01-15');
    expect(normaliseDate('5.3.1975')).toBe('1975-03-05');
    expect(normaliseDate('12/25/1980')).toBe('1980-12-25');
    expect(normaliseDate('19800115')).toBe('1980-01-15');
    expect(normaliseDate('1980-1-5')).toBe('1980-01-05');
    expect(normaliseDate('not a date')).toBe('not a date');
  });

  it('splits full names', () => {
    expect(splitFullName('Ann Marie Smith')).toEqual({ given: 'Ann Marie', family: 'Smith' });
    expect(splitFullName('Smith, Ann')).toEqual({ given: 'Ann', family: 'Smith' });
    expect(splitFullName('Cher')).toEqual({ given: '', family: 'Cher' });
  });
});

describe('vCard reading', () => {
  const col = (fields: string[], name: string) => fields[VCARD_COLUMNS.indexOf(name as never)];

  it('reads several cards of 3.0 and 4.0, unfolding lines and unescaping values', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Smith;Ann;;Dr;',
      'FN:Dr Ann Smith',
      'EMAIL;TYPE=INTERNET:ann@example.com',
      'EMAIL:ann.work@example.com',
      'EMAIL:third@example.com',
      'TEL;TYPE=CELL:07700 900123',
      'ADR;TYPE=HOME:;;1 High Street\\nFlat 2;Leeds;West Yorkshire;LS1 1AA;UK',
      'BDAY:1980-01-15',
      'NOTE:Likes tea\\, no sugar.\\nCalls on',
      '  Mondays.',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Bob Jones',
      'TEL;VALUE=uri:tel:+442079460000',
      'UID:custodian:C42',
      'BDAY:19750304',
      'END:VCARD',
    ].join('\r\n');
    const [ann, bob] = [...readVcards(text)];
    expect(ann?.row).toBe(1);
    const a = ann?.fields ?? [];
    expect([col(a, 'given_name'), col(a, 'family_name'), col(a, 'title')]).toEqual(['Ann', 'Smith', 'Dr']);
    expect([col(a, 'email'), col(a, 'email_2'), col(a, 'phone')]).toEqual([
      'ann@example.com',
      'ann.work@example.com',
      '07700 900123',
    ]);
    expect([col(a, 'address_line1'), col(a, 'address_line2'), col(a, 'town'), col(a, 'postcode')]).toEqual([
      '1 High Street',
      'Flat 2',
      'Leeds',
      'LS1 1AA',
    ]);
    expect(col(a, 'date_of_birth')).toBe('1980-01-15');
    expect(col(a, 'notes')).toBe('Likes tea, no sugar.\nCalls on Mondays.\nEmail: third@example.com');
    const b = bob?.fields ?? [];
    expect([col(b, 'full_name'), col(b, 'phone'), col(b, 'ref'), col(b, 'date_of_birth')]).toEqual([
      'Bob Jones',
      '+442079460000',
      'C42',
      '1975-03-04',
    ]);
  });

  it('copes with broken folding, quoted-printable (2.1 style) and a missing END', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dvo=C5=99=C3=A1k;Zo=C3=AB',
      'NOTE;ENCODING=QUOTED-PRINTABLE:First line=0D=0A=',
      'second line',
      'TEL;CELL:07700900456',
      'NOTE:a note whose fold',
      'lost its leading space',
      'BEGIN:VCARD',
      'FN:Next Person',
    ].join('\n');
    const cards = [...readVcards(text)];
    expect(cards).toHaveLength(2);
    const z = cards[0]?.fields ?? [];
    expect([col(z, 'given_name'), col(z, 'family_name'), col(z, 'phone')]).toEqual(['Zoë', 'Dvořák', '07700900456']);
    expect(col(z, 'notes')).toBe('a note whose foldlost its leading space\nFirst line\r\nsecond line');
    expect(col(cards[1]?.fields ?? [], 'full_name')).toBe('Next Person');
  });
});

describe('XLSX', () => {
  it('reads back what it writes, with dates, numbers and shared strings', () => {
    const bytes = writeXlsx([
      ['ref', 'notes'],
      ['C1', '=1+1'],
      ['', 'only B'],
    ]);
    const rows = [...readFirstSheet(bytes).rows];
    expect(rows).toEqual([
      { row: 1, fields: ['ref', 'notes'] },
      { row: 2, fields: ['C1', '=1+1'] },
      { row: 3, fields: ['', 'only B'] },
    ]);
  });

  it('refuses zip bombs: total size, ratio, and a part that inflates past its declared size', () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const bomb = writeZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    expect(() => openZip(bomb)).toThrow(/compressed more than 200 to 1/);
    expect(() => openZip(bomb, { maxTotalBytes: 1024 * 1024, maxRatio: 1e9, maxEntries: 10 })).toThrow(
      /more than 1 MB: refused/,
    );
    // A header that lies about the size: inflation stops at the declared size.
    const liar = writeZip([{ name: 'a.xml', data: Buffer.alloc(4096, 0x41) }]);
    const central = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    liar.writeUInt32LE(100, central + 24);
    expect(() => openZip(liar).read('a.xml')).toThrow(ZipError);
    expect(() => openZip(liar).read('a.xml')).toThrow(/beyond its declared size/);
    expect(() => openZip(Buffer.from('PK\x03\x04 not really a zip'))).toThrow(/not a readable XLSX/);
    expect(zlib.inflateRawSync(zlib.deflateRawSync(Buffer.from('ok'))).toString()).toBe('ok');
  });
});

describe('mapping samples', () => {
  it('never carry a card number out of the core', () => {
    const [colour] = suggestMapping(['Favourite colour'], [['blue', 'paid 4111 1111 1111 1111', 'green']]);
    expect(colour?.samples).toEqual(['blue', 'paid [card number removed]', 'green']);
  });
});
